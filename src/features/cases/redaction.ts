/**
 * Redaction (docs/law.md §1, Directive art. 17): passages of a case's text masked as character ranges. The ranges are
 * metadata (numbers only) kept in case_redactions per target; holders sealed with `sees_redacted` read
 * the masked text, the others the original. A permanent redaction overwrites the passage in the
 * ciphertext itself, so nobody reads it any more.
 *
 * Offsets count UTF-16 code units (JavaScript string indices). A masked character becomes one `█`, so
 * the masked text keeps its length and the other ranges of the same text stay valid.
 */
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import type { CaseView } from '../case-record/service.ts';
import { caseKeySeals } from '../case-record/service.ts';
import { casePendingSeals, caseRedactions } from './schema.ts';
import { isRecordId } from '../../platform/http/route-schemas.ts';

export interface TextRange {
  start: number;
  end: number;
}

export const maskCharacter = '█';

/** The report's text fields a handler may mask; the contact fields are the confidential identity's business. */
export const answerFields = ['description', 'when', 'where', 'involved'] as const;
export type AnswerField = (typeof answerFields)[number];

/** 'answers.description', 'message:<uuid>', 'file-name:<uuid>'. */
export type RedactionTarget = `answers.${AnswerField}` | `message:${string}` | `file-name:${string}`;

export function isRedactionTarget(value: string): value is RedactionTarget {
  if (value.startsWith('answers.')) return (answerFields as readonly string[]).includes(value.slice('answers.'.length));
  for (const prefix of ['message:', 'file-name:']) if (value.startsWith(prefix)) return isRecordId(value.slice(prefix.length));
  return false;
}

/** Sorted, clamped to the text, empty ranges dropped, overlapping or touching ranges merged. */
export function normaliseRanges(ranges: readonly TextRange[], length: number): TextRange[] {
  const clamped = ranges
    .map((r) => ({ start: Math.max(0, Math.min(length, Math.floor(r.start))), end: Math.max(0, Math.min(length, Math.floor(r.end))) }))
    .filter((r) => r.end > r.start)
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: TextRange[] = [];
  for (const range of clamped) {
    const last = merged.at(-1);
    if (last && range.start <= last.end) last.end = Math.max(last.end, range.end);
    else merged.push({ ...range });
  }
  return merged;
}

/** The text with every character inside the ranges replaced by █ (same length). Pure. */
export function applyRedactions(text: string, ranges: readonly TextRange[]): string {
  let out = '';
  let at = 0;
  for (const range of normaliseRanges(ranges, text.length)) {
    out += text.slice(at, range.start) + maskCharacter.repeat(range.end - range.start);
    at = range.end;
  }
  return out + text.slice(at);
}

/**
 * Every occurrence of `passage` in `text`, as ranges: the handler copies the passage to mask into a
 * plain form field and every place it appears is masked. Whitespace at either end is ignored.
 */
export function locatePassage(text: string, passage: string): TextRange[] {
  const needle = passage.trim();
  if (!needle) return [];
  const found: TextRange[] = [];
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + needle.length)) found.push({ start: at, end: at + needle.length });
  return found;
}

export type Redactions = Map<string, TextRange[]>;

/** The masked ranges of a case, by target; for the case page, exports and referrals. */
export async function loadRedactions(db: Db, caseId: string): Promise<Redactions> {
  const rows = await db.select({ target: caseRedactions.target, ranges: caseRedactions.ranges }).from(caseRedactions).where(eq(caseRedactions.caseId, caseId));
  return new Map(rows.map((row) => [row.target, row.ranges]));
}

/** Whether this holder reads the masked version (sealed, or waiting for a seal, with `sees_redacted`). */
export async function seesRedacted(db: Db, caseId: string, userId: string): Promise<boolean> {
  const [seal] = await db
    .select({ seesRedacted: caseKeySeals.seesRedacted })
    .from(caseKeySeals)
    .where(and(eq(caseKeySeals.caseId, caseId), eq(caseKeySeals.userId, userId)));
  if (seal) return seal.seesRedacted;
  const [pending] = await db
    .select({ seesRedacted: casePendingSeals.seesRedacted })
    .from(casePendingSeals)
    .where(and(eq(casePendingSeals.caseId, caseId), eq(casePendingSeals.userId, userId)));
  return pending?.seesRedacted ?? false;
}

/** The case as a `sees_redacted` holder reads it: answers, messages and file names masked. Pure. */
export function redactCaseView(view: CaseView, redactions: Redactions): CaseView {
  const mask = (target: string, text: string) => {
    const ranges = redactions.get(target);
    return ranges ? applyRedactions(text, ranges) : text;
  };
  const answers = { ...view.answers };
  for (const field of answerFields) answers[field] = mask(`answers.${field}`, answers[field] ?? '');
  const file = <F extends { id: string; name: string }>(f: F): F => ({ ...f, name: mask(`file-name:${f.id}`, f.name) });
  return {
    ...view,
    answers,
    files: view.files.map(file),
    messages: view.messages.map((m) => ({ ...m, body: mask(`message:${m.id}`, m.body), files: m.files.map(file) })),
  };
}

/** The text of one target in a case view, or undefined when the case has no such text. */
export function targetText(view: CaseView, target: RedactionTarget): string | undefined {
  if (target.startsWith('answers.')) return view.answers[target.slice('answers.'.length) as AnswerField];
  if (target.startsWith('message:')) return view.messages.find((m) => m.id === target.slice('message:'.length))?.body;
  const fileId = target.slice('file-name:'.length);
  return [...view.files, ...view.messages.flatMap((m) => m.files)].find((f) => f.id === fileId)?.name;
}
