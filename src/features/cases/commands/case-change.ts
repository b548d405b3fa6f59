/**
 * The one way a command changes a case: an optimistic update (the form's version must still be the
 * case's), a timeline event and an audit row, all in the caller's transaction. A stale version changes
 * nothing and tells the caller, so the second of two handlers keeps their text and gets a clear message.
 */
import crypto from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { AuditAction } from '../../../platform/audit/audit.ts';
import { recordAudit } from '../../../platform/audit/audit.ts';
import { encryptForCase, type DataKey } from '../../../platform/crypto/envelope.ts';
import type { Db } from '../../../platform/db/client.ts';
import { caseEvents, cases } from '../../case-record/service.ts';

export type CaseRow = typeof cases.$inferSelect;
export type CaseUpdate = Partial<Pick<CaseRow, 'status' | 'procedure' | 'milestones' | 'nextDueOn' | 'nextDuty' | 'priority' | 'triagedOn' | 'retaliationRisk' | 'acknowledgementWaiver' | 'outcome' | 'measures' | 'closedOn' | 'protectionCheckInOn' | 'theme' | 'domain' | 'recordReview' | 'legalHold'>>;

export type EventKind = (typeof caseEvents.$inferInsert)['kind'];

export interface CaseChange {
  caseId: string;
  /** The version the user's form was read at; undefined for changes that cannot conflict (a note). */
  version: number | undefined;
  actorId: string;
  dataKey: DataKey;
  update?: CaseUpdate;
  event: { kind: EventKind; details?: Record<string, unknown>; body?: string | undefined };
  audit: { action: AuditAction; details?: Record<string, unknown> };
}

/** Applies a change; false when the case changed since the form was read (nothing is written then). */
export async function applyCaseChange(tx: Db, change: CaseChange): Promise<boolean> {
  const where = change.version === undefined ? eq(cases.id, change.caseId) : and(eq(cases.id, change.caseId), eq(cases.version, change.version));
  const updated = await tx
    .update(cases)
    .set({ ...change.update, version: sql`${cases.version} + 1` })
    .where(where)
    .returning({ id: cases.id });
  if (updated.length === 0) return false;
  const eventId = crypto.randomUUID();
  await tx.insert(caseEvents).values({
    id: eventId,
    caseId: change.caseId,
    kind: change.event.kind,
    actorId: change.actorId,
    details: change.event.details ?? {},
    body: change.event.body ? encryptForCase(change.dataKey, change.caseId, `event.${eventId}`, change.event.body) : null,
  });
  await recordAudit(tx, { actorId: change.actorId, action: change.audit.action, subjectType: 'case', subjectId: change.caseId, details: change.audit.details ?? {} });
  return true;
}
