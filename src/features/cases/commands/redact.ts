/**
 * Masking a passage of a case's text (docs/law.md §1, Directive art. 17). A plain redaction adds ranges to case_redactions
 * (the original stays for the holders who had it); a permanent one overwrites the passage with █ in the
 * stored ciphertext, needs a reason and is audited with it — never with the removed text.
 */
import crypto from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/audit.ts';
import { decryptTextForCase, encryptForCase, type DataKey } from '../../../platform/crypto/envelope.ts';
import type { Db } from '../../../platform/db/client.ts';
import { caseEvents, caseFiles, caseMessages, cases, type CaseView } from '../../case-record/service.ts';
import { applyRedactions, locatePassage, normaliseRanges, targetText, type RedactionTarget, type TextRange } from '../redaction.ts';
import { caseRedactions } from '../schema.ts';

export interface RedactInput {
  caseId: string;
  dataKey: DataKey;
  /** The case as the acting handler reads it (the original text). */
  view: CaseView;
  target: RedactionTarget;
  passage: string;
  permanent: boolean;
  reason: string;
}

export type RedactResult = { ok: true; occurrences: number } | { ok: false; reason: 'no_such_text' | 'passage_not_found' };

export async function redactPassage(db: Db, actorId: string, input: RedactInput): Promise<RedactResult> {
  const { caseId, dataKey, target } = input;
  const text = targetText(input.view, target);
  if (text === undefined) return { ok: false, reason: 'no_such_text' };
  const found = locatePassage(text, input.passage);
  if (found.length === 0) return { ok: false, reason: 'passage_not_found' };
  await db.transaction(async (tx) => {
    const eventId = crypto.randomUUID();
    if (input.permanent) {
      await overwrite(tx, caseId, dataKey, target, found);
    } else {
      const [existing] = await tx
        .select({ ranges: caseRedactions.ranges })
        .from(caseRedactions)
        .where(and(eq(caseRedactions.caseId, caseId), eq(caseRedactions.target, target)));
      const ranges = normaliseRanges([...(existing?.ranges ?? []), ...found], text.length);
      await tx
        .insert(caseRedactions)
        .values({ caseId, target, ranges, createdBy: actorId })
        .onConflictDoUpdate({ target: [caseRedactions.caseId, caseRedactions.target], set: { ranges, createdBy: actorId, createdAt: new Date() } });
    }
    await tx.insert(caseEvents).values({
      id: eventId,
      caseId,
      kind: 'redaction',
      actorId,
      details: { target, occurrences: found.length, permanent: input.permanent },
      body: input.permanent ? encryptForCase(dataKey, caseId, `event.${eventId}`, input.reason) : null,
    });
    await recordAudit(tx, {
      actorId,
      action: input.permanent ? 'case.redacted_permanently' : 'case.redacted',
      subjectType: 'case',
      subjectId: caseId,
      details: input.permanent ? { target, occurrences: found.length, reason: input.reason } : { target, occurrences: found.length },
    });
  });
  return { ok: true, occurrences: found.length };
}

/** Re-encrypts the target's text with the passage overwritten; the version of the case moves on. */
async function overwrite(tx: Db, caseId: string, dataKey: DataKey, target: RedactionTarget, found: TextRange[]): Promise<void> {
  if (target.startsWith('answers.')) {
    const field = target.slice('answers.'.length);
    const [row] = await tx.select({ content: cases.content }).from(cases).where(eq(cases.id, caseId)).for('update');
    const answers = JSON.parse(decryptTextForCase(dataKey, caseId, 'report.answers', row!.content)) as Record<string, string>;
    answers[field] = applyRedactions(answers[field] ?? '', found);
    await tx
      .update(cases)
      .set({ content: encryptForCase(dataKey, caseId, 'report.answers', JSON.stringify(answers)), version: sql`${cases.version} + 1` })
      .where(eq(cases.id, caseId));
  } else if (target.startsWith('message:')) {
    const id = target.slice('message:'.length);
    const [row] = await tx.select({ body: caseMessages.body }).from(caseMessages).where(and(eq(caseMessages.id, id), eq(caseMessages.caseId, caseId)));
    const body = applyRedactions(decryptTextForCase(dataKey, caseId, `message.${id}`, row!.body), found);
    await tx.update(caseMessages).set({ body: encryptForCase(dataKey, caseId, `message.${id}`, body) }).where(eq(caseMessages.id, id));
  } else {
    const id = target.slice('file-name:'.length);
    const [row] = await tx.select({ name: caseFiles.name }).from(caseFiles).where(and(eq(caseFiles.id, id), eq(caseFiles.caseId, caseId)));
    const name = applyRedactions(decryptTextForCase(dataKey, caseId, `file.${id}.name`, row!.name), found);
    await tx.update(caseFiles).set({ name: encryptForCase(dataKey, caseId, `file.${id}.name`, name) }).where(eq(caseFiles.id, id));
  }
  // Plain masks of this text keep their offsets (the overwrite keeps the length), so they stay valid.
}
