/**
 * Moving a leaving or absent handler's cases to another handler of the same function, by an
 * administrator or the coordinator (policy `reassign`), without opening any case: each case in its own
 * transaction, with its timeline event and audit row.
 */
import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/audit.ts';
import type { Db } from '../../../platform/db/client.ts';
import { caseEvents, caseKeySeals } from '../../case-record/service.ts';
import { loadAccessFacts } from '../access.ts';
import { can, canReceiveKey, type CaseActor } from '../policy.ts';
import { casesOf, grantsOf } from '../reassign.ts';
import { casePendingSeals } from '../schema.ts';

export interface ReassignSummary {
  /** Cases moved to the new handler. */
  moved: number;
  /** Of those, cases the old handler is the only one able to open: their seal stays until the new handler is sealed. */
  onlyOldHandlerCanOpen: number;
  /** Cases the new handler may not receive (excluded from them, or kept out of their compartment). Cases this actor may not reassign are left out silently. */
  skipped: number;
}

export type ReassignResult = { ok: true; summary: ReassignSummary } | { ok: false; reason: 'same_user' | 'not_a_handler' | 'different_function' };

export async function reassignCases(db: Db, actor: CaseActor, fromUserId: string, toUserId: string): Promise<ReassignResult> {
  if (fromUserId === toUserId) return { ok: false, reason: 'same_user' };
  const [fromGrants, toGrants] = await Promise.all([grantsOf(db, fromUserId), grantsOf(db, toUserId)]);
  const functionsOf = (grants: typeof fromGrants) => grants.filter((g) => g.role === 'case_handler' && g.handlerFunction).map((g) => g.handlerFunction!);
  const fromFunctions = functionsOf(fromGrants);
  const toFunctions = functionsOf(toGrants);
  if (fromFunctions.length === 0 || toFunctions.length === 0) return { ok: false, reason: 'not_a_handler' };
  if (!toFunctions.some((f) => fromFunctions.includes(f))) return { ok: false, reason: 'different_function' };

  const summary: ReassignSummary = { moved: 0, onlyOldHandlerCanOpen: 0, skipped: 0 };
  for (const caseId of await casesOf(db, fromUserId)) {
    const facts = await loadAccessFacts(db, caseId);
    // Not even counted: how many psychosocial dossiers a prevention advisor holds is not the coordinator's to know.
    if (!facts || !can(actor, 'reassign', facts).allowed) continue;
    if (!canReceiveKey({ userId: toUserId, grants: toGrants }, facts).allowed) {
      summary.skipped += 1;
      continue;
    }
    const kept = await db.transaction(async (tx) => {
      const [fromSeal] = await tx
        .select({ seesRedacted: caseKeySeals.seesRedacted })
        .from(caseKeySeals)
        .where(and(eq(caseKeySeals.caseId, caseId), eq(caseKeySeals.userId, fromUserId)));
      const [fromPending] = await tx
        .select({ seesRedacted: casePendingSeals.seesRedacted })
        .from(casePendingSeals)
        .where(and(eq(casePendingSeals.caseId, caseId), eq(casePendingSeals.userId, fromUserId)));
      if (!facts.sealedTo.includes(toUserId)) {
        await tx
          .insert(casePendingSeals)
          .values({ caseId, userId: toUserId, requestedBy: actor.userId, seesRedacted: fromSeal?.seesRedacted ?? fromPending?.seesRedacted ?? false })
          .onConflictDoNothing();
      }
      if (fromPending) await tx.delete(casePendingSeals).where(and(eq(casePendingSeals.caseId, caseId), eq(casePendingSeals.userId, fromUserId)));
      // Never leave a case nobody can open: the old seal goes only when another handler still holds the key.
      const othersHoldKey = facts.sealedTo.some((id) => id !== fromUserId);
      const oldSealKept = Boolean(fromSeal) && !othersHoldKey;
      if (fromSeal && othersHoldKey) await tx.delete(caseKeySeals).where(and(eq(caseKeySeals.caseId, caseId), eq(caseKeySeals.userId, fromUserId)));
      await tx.insert(caseEvents).values({ caseId, kind: 'reassignment', actorId: actor.userId, details: { from: fromUserId, to: toUserId, oldSealKept } });
      await recordAudit(tx, { actorId: actor.userId, action: 'case.reassigned', subjectType: 'case', subjectId: caseId, details: { from: fromUserId, to: toUserId, oldSealKept } });
      return oldSealKept;
    });
    summary.moved += 1;
    if (kept) summary.onlyOldHandlerCanOpen += 1;
  }
  return { ok: true, summary };
}
