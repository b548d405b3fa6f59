/** A legal hold keeps a case a court or an inquiry still needs from the retention sweep; setting or lifting it needs a reason. */
import { and, eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/audit.ts';
import type { Db } from '../../../platform/db/client.ts';
import { caseEvents, cases } from '../../case-record/service.ts';

export interface LegalHoldInput {
  caseId: string;
  hold: boolean;
  reason: string;
  /** The case's version the form was read at (optimistic concurrency). */
  version: number;
}

export type LegalHoldResult = { ok: true } | { ok: false; reason: 'stale' };

export async function setLegalHold(db: Db, actorId: string, input: LegalHoldInput): Promise<LegalHoldResult> {
  return db.transaction(async (tx) => {
    const updated = await tx
      .update(cases)
      .set({ legalHold: input.hold, version: sql`${cases.version} + 1` })
      .where(and(eq(cases.id, input.caseId), eq(cases.version, input.version)))
      .returning({ id: cases.id });
    if (updated.length === 0) return { ok: false, reason: 'stale' } as const;
    // The reason may name people: it goes to the audit trail (for the records officer), not to the timeline's clear metadata.
    await tx.insert(caseEvents).values({ caseId: input.caseId, kind: 'hold', actorId, details: { hold: input.hold } });
    await recordAudit(tx, {
      actorId,
      action: input.hold ? 'case.legal_hold_set' : 'case.legal_hold_lifted',
      subjectType: 'case',
      subjectId: input.caseId,
      details: { reason: input.reason },
    });
    return { ok: true } as const;
  });
}
