/**
 * The reporter's side of the record of an oral report (EU Directive 2019/1937 art. 18): the latest
 * version the handler wrote, where the review stands, and the reporter's answer. Built on the case
 * record's oral-record.ts, which also takes the reporter's answer; the reporter's answer leaves no audit row and no time finer than the day.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { cases, isRecordReviewState, latestVersion, recordHistory, type RecordReviewState } from '../case-record/service.ts';
import type { ReceiptSession } from './receipt-sessions.ts';

export interface RecordReview {
  reference: string;
  state: RecordReviewState;
  /** The case version the page is read at; the answer must still match it. */
  version: number;
  latest: { number: number; body: string };
  /** The reporter's own answer to the latest version, if they gave one. */
  answer: { entry: 'confirmed' | 'corrections'; body: string } | undefined;
}

/** Where the review of the case's record stands, without decrypting anything (for the inbox). */
export async function recordReviewState(db: Db, caseId: string): Promise<RecordReviewState | undefined> {
  const [row] = await db.select({ recordReview: cases.recordReview }).from(cases).where(eq(cases.id, caseId));
  return row && isRecordReviewState(row.recordReview) ? row.recordReview : undefined;
}

export async function loadRecordReview(db: Db, session: ReceiptSession): Promise<RecordReview | undefined> {
  const [row] = await db.select({ reference: cases.reference, recordReview: cases.recordReview, version: cases.version }).from(cases).where(eq(cases.id, session.caseId));
  if (!row || !isRecordReviewState(row.recordReview)) return undefined;
  const history = await recordHistory(db, session.caseId, session.dataKey);
  const latest = latestVersion(history);
  if (!latest) return undefined;
  const answer = history.filter((entry) => entry.entry !== 'version' && entry.number === latest.number).at(-1);
  return {
    reference: row.reference,
    state: row.recordReview,
    version: row.version,
    latest: { number: latest.number, body: latest.body },
    answer: answer && answer.entry !== 'version' ? { entry: answer.entry, body: answer.body } : undefined,
  };
}
