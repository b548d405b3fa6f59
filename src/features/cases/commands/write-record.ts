/**
 * The handler's side of the record of an oral report (EU Directive 2019/1937 art. 18(2)-(4)): writing a
 * new version, kept on the timeline under the case key, for the reporter to review. The history and the
 * reporter's answer are in the case record (case-record/oral-record.ts).
 */
import { and, eq, sql } from 'drizzle-orm';
import type { DataKey } from '../../../platform/crypto/envelope.ts';
import type { Db } from '../../../platform/db/client.ts';
import { caseEvents, inCaseTransaction, type RecordOutcome } from '../../case-record/service.ts';
import { applyCaseChange } from './case-change.ts';

/** Long enough for the minutes of a long meeting; more is a paste gone wrong. */
export const recordMaxLength = 50_000;

export interface WriteRecordInput {
  caseId: string;
  /** The case version the handler's form was read at. */
  version: number;
  body: string;
}

/** A new version of the record, put before the reporter for review; audited, without its content. */
export async function writeRecord(db: Db, actorId: string, dataKey: DataKey, input: WriteRecordInput): Promise<RecordOutcome> {
  return inCaseTransaction(db, async (tx): Promise<RecordOutcome> => {
    const [{ versions = 0 } = {}] = await tx
      .select({ versions: sql<number>`count(*)::int` })
      .from(caseEvents)
      .where(and(eq(caseEvents.caseId, input.caseId), eq(caseEvents.kind, 'record'), sql`${caseEvents.details}->>'entry' = 'version'`));
    const number = versions + 1;
    const applied = await applyCaseChange(tx, {
      caseId: input.caseId,
      version: input.version,
      actorId,
      dataKey,
      update: { recordReview: 'awaiting_review' },
      event: { kind: 'record', details: { entry: 'version', number }, body: input.body },
      audit: { action: 'case.record_written', details: { number } },
    });
    return applied ? { ok: true, number } : { ok: false, error: 'stale' };
  });
}
