/**
 * Sealing a case's key to the handlers waiting for it (case_pending_seals, reassign.ts): only a key holder
 * has the open data key, so it runs when one opens the case page, or with the operator's escrow key. Each
 * seal, the removal of its waiting row, the old handler's seal that goes with a hand-over and the audit
 * event are written in one transaction; a waiting row another request already took is left alone, so two
 * openings at once seal and audit once.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/audit.ts';
import { sealDataKey, type DataKey } from '../../../platform/crypto/envelope.ts';
import type { Db } from '../../../platform/db/client.ts';
import { userKeys, users } from '../../../platform/db/schema.ts';
import { caseEvents, caseKeySeals } from '../../case-record/service.ts';
import { loadAccessFacts } from '../access.ts';
import { canReceiveKey } from '../policy.ts';
import { grantsOf } from '../reassign.ts';
import { casePendingSeals } from '../schema.ts';

/**
 * Seals the case's data key to every handler waiting for it and removes their pending rows. A handler
 * whose reassignment kept the old handler's seal (they were the only one who could open the case) takes
 * over: the old seal goes now. `actorUserId` is null for the escrow key. Returns how many were sealed.
 */
export async function resealPending(db: Db, caseId: string, dataKey: DataKey, actorUserId: string | null): Promise<number> {
  // Most openings find nobody waiting: answer those without a transaction.
  const pending = await db.select().from(casePendingSeals).where(eq(casePendingSeals.caseId, caseId));
  if (pending.length === 0) return 0;
  const facts = await loadAccessFacts(db, caseId);
  if (!facts) return 0;
  const keys = await db
    .select({ userId: userKeys.userId, publicKey: userKeys.publicKey })
    .from(userKeys)
    .innerJoin(users, eq(users.id, userKeys.userId))
    .where(and(inArray(userKeys.userId, pending.map((p) => p.userId)), sql`${users.disabledAt} is null`));
  let sealed = 0;
  for (const row of pending) {
    const key = keys.find((k) => k.userId === row.userId);
    if (!key) continue;
    if (!canReceiveKey({ userId: row.userId, grants: await grantsOf(db, row.userId) }, facts).allowed) continue;
    const done = await db.transaction(async (tx) => {
      const taken = await tx
        .delete(casePendingSeals)
        .where(and(eq(casePendingSeals.caseId, caseId), eq(casePendingSeals.userId, row.userId)))
        .returning({ userId: casePendingSeals.userId });
      if (taken.length === 0) return false;
      await tx
        .insert(caseKeySeals)
        .values({ caseId, userId: row.userId, sealedKey: sealDataKey(dataKey, key.publicKey), seesRedacted: row.seesRedacted })
        .onConflictDoNothing();
      const handedOver = await tx
        .select({ details: caseEvents.details })
        .from(caseEvents)
        .where(and(eq(caseEvents.caseId, caseId), eq(caseEvents.kind, 'reassignment'), sql`${caseEvents.details}->>'to' = ${row.userId}`, sql`${caseEvents.details}->>'oldSealKept' = 'true'`));
      const previous = [...new Set(handedOver.map((e) => String(e.details.from)))].filter((id) => id !== row.userId);
      if (previous.length > 0) await tx.delete(caseKeySeals).where(and(eq(caseKeySeals.caseId, caseId), inArray(caseKeySeals.userId, previous)));
      await recordAudit(tx, { actorId: actorUserId, action: 'case.key_resealed', subjectType: 'case', subjectId: caseId, details: { to: row.userId, removedSealsOf: previous, ...(actorUserId ? {} : { by: 'escrow' }) } });
      return true;
    });
    if (done) sealed += 1;
  }
  return sealed;
}
