/**
 * The record of an oral report (EU Directive 2019/1937 art. 18(2)-(4)): the handler writes what was
 * said, every version kept on the timeline under the case key; the reporter, signed in with their
 * receipt code, confirms it or proposes corrections, and the handler may write a new version. Both
 * sides use the case's version for optimistic concurrency, so nobody answers a text they did not see.
 * This module holds what both sides read and the reporter's answer; the handler writes a version with
 * cases/commands/write-record.ts.
 */
import crypto from 'node:crypto';
import { and, asc, eq, sql } from 'drizzle-orm';
import { decryptTextForCase, encryptForCase, type DataKey } from '../../platform/crypto/envelope.ts';
import type { Db } from '../../platform/db/client.ts';
import { brusselsDay, brusselsTime } from '../../platform/time/calendar.ts';
import { inCaseTransaction } from './case-transaction.ts';
import { caseEvents, cases } from './schema.ts';

export const recordReviewStates = ['awaiting_review', 'confirmed', 'corrections_proposed'] as const;
export type RecordReviewState = (typeof recordReviewStates)[number];

export const correctionsMaxLength = 20_000;

export interface RecordEntry {
  id: string;
  /** A version the handler wrote, or the reporter's confirmation or corrections of a version. */
  entry: 'version' | 'confirmed' | 'corrections';
  /** The version written, or the version answered. */
  number: number;
  /** The reporter's answers are dated to the day only, like their messages. */
  at: Date;
  actorId: string | null;
  body: string;
}

export function isRecordReviewState(value: string | null): value is RecordReviewState {
  return value !== null && (recordReviewStates as readonly string[]).includes(value);
}

/** Every version and every answer of a case's record, oldest first, decrypted. */
export async function recordHistory(db: Db, caseId: string, dataKey: DataKey): Promise<RecordEntry[]> {
  const rows = await db
    .select()
    .from(caseEvents)
    .where(and(eq(caseEvents.caseId, caseId), eq(caseEvents.kind, 'record')))
    .orderBy(asc(caseEvents.position));
  return rows.map((row) => {
    const details = row.details as { entry?: RecordEntry['entry']; number?: number };
    return {
      id: row.id,
      entry: details.entry ?? 'version',
      number: details.number ?? 0,
      at: row.at,
      actorId: row.actorId,
      body: row.body ? decryptTextForCase(dataKey, caseId, `event.${row.id}`, row.body) : '',
    };
  });
}

/** The newest version the handler wrote, if any. */
export function latestVersion(history: RecordEntry[]): RecordEntry | undefined {
  return history.filter((entry) => entry.entry === 'version').at(-1);
}

export type RecordOutcome = { ok: true; number: number } | { ok: false; error: 'stale' | 'not_found' | 'not_awaiting_review' };

export interface AnswerRecordInput {
  caseId: string;
  /** The case version the reporter's page was read at: a newer record must be read before it is answered. */
  version: number;
  answer: 'confirmed' | 'corrections';
  corrections: string;
}

/**
 * The reporter's answer to the latest version. Not audited and dated to the day only: an audit row or a
 * precise time would tell when the reporter was at a computer.
 */
export async function answerRecord(db: Db, dataKey: DataKey, input: AnswerRecordInput, now = new Date()): Promise<RecordOutcome> {
  return inCaseTransaction(db, async (tx): Promise<RecordOutcome> => {
    const [row] = await tx.select({ recordReview: cases.recordReview, version: cases.version }).from(cases).where(eq(cases.id, input.caseId));
    if (!row) return { ok: false, error: 'not_found' };
    if (row.version !== input.version) return { ok: false, error: 'stale' };
    if (row.recordReview !== 'awaiting_review') return { ok: false, error: 'not_awaiting_review' };
    const latest = latestVersion(await recordHistory(tx, input.caseId, dataKey));
    if (!latest) return { ok: false, error: 'not_awaiting_review' };
    const updated = await tx
      .update(cases)
      .set({ recordReview: input.answer === 'confirmed' ? 'confirmed' : 'corrections_proposed', version: sql`${cases.version} + 1` })
      .where(and(eq(cases.id, input.caseId), eq(cases.version, input.version)))
      .returning({ id: cases.id });
    if (updated.length === 0) return { ok: false, error: 'stale' };
    const id = crypto.randomUUID();
    const body = input.answer === 'corrections' ? input.corrections : '';
    await tx.insert(caseEvents).values({
      id,
      caseId: input.caseId,
      kind: 'record',
      actorId: null,
      at: brusselsTime(brusselsDay(now), 0),
      details: { entry: input.answer, number: latest.number },
      body: body ? encryptForCase(dataKey, input.caseId, `event.${id}`, body) : null,
    });
    return { ok: true, number: latest.number };
  });
}
