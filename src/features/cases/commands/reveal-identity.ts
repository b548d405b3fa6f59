/**
 * Revealing a confidential identity to another handler (docs/law.md §1, Directive art. 16): a holder asks with a reason and
 * seals the identity key to the target at once, but the seal waits in the request until a custodian
 * approves; refusing discards it. Every step is audited with the reason.
 */
import crypto from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/audit.ts';
import { encryptForCase, sealDataKey, type DataKey } from '../../../platform/crypto/envelope.ts';
import type { Db } from '../../../platform/db/client.ts';
import type { HandlerKeys } from '../../case-record/service.ts';
import { loadAccessFacts } from '../access.ts';
import { identityHolders, listCustodians, openIdentityKey, publicKeysOf, sealReason } from '../identity.ts';
import { canReceiveKey } from '../policy.ts';
import { grantsOf } from '../reassign.ts';
import { caseEvents, caseIdentitySeals } from '../../case-record/service.ts';
import { identityRevealRequests } from '../schema.ts';

export interface RevealRequestInput {
  caseId: string;
  dataKey: DataKey;
  keys: HandlerKeys;
  forUserId: string;
  reason: string;
}

export type RevealRequestResult =
  | { ok: true; requestId: string }
  | { ok: false; reason: 'no_identity_key' | 'not_eligible' | 'already_holds' | 'no_custodian' | 'already_pending' };

export async function requestIdentityReveal(db: Db, input: RevealRequestInput): Promise<RevealRequestResult> {
  const { caseId, keys, forUserId } = input;
  const identityKey = await openIdentityKey(db, caseId, keys);
  if (!identityKey) return { ok: false, reason: 'no_identity_key' };
  const facts = await loadAccessFacts(db, caseId);
  const [target] = await publicKeysOf(db, [forUserId]);
  if (!facts || !target || forUserId === keys.userId || !facts.sealedTo.includes(forUserId)) return { ok: false, reason: 'not_eligible' };
  if (!canReceiveKey({ userId: forUserId, grants: await grantsOf(db, forUserId) }, facts).allowed) return { ok: false, reason: 'not_eligible' };
  if ((await identityHolders(db, caseId)).includes(forUserId)) return { ok: false, reason: 'already_holds' };
  const custodians = (await listCustodians(db)).filter((c) => c.userId !== keys.userId && c.userId !== forUserId && !facts.excluded.includes(c.userId));
  if (custodians.length === 0) return { ok: false, reason: 'no_custodian' };
  const [open] = await db
    .select({ id: identityRevealRequests.id })
    .from(identityRevealRequests)
    .where(and(eq(identityRevealRequests.caseId, caseId), eq(identityRevealRequests.forUserId, forUserId), eq(identityRevealRequests.status, 'pending')));
  if (open) return { ok: false, reason: 'already_pending' };
  const requestId = crypto.randomUUID();
  await db.transaction(async (tx) => {
    await tx.insert(identityRevealRequests).values({
      id: requestId,
      caseId,
      forUserId,
      requestedBy: keys.userId,
      reason: sealReason(input.reason, custodians),
      pendingSeal: sealDataKey(identityKey, target.publicKey),
    });
    const eventId = crypto.randomUUID();
    await tx.insert(caseEvents).values({
      id: eventId,
      caseId,
      kind: 'identity',
      actorId: keys.userId,
      details: { step: 'requested', requestId, for: forUserId },
      body: encryptForCase(input.dataKey, caseId, `event.${eventId}`, input.reason),
    });
    await recordAudit(tx, {
      actorId: keys.userId,
      action: 'case.identity_reveal_requested',
      subjectType: 'case',
      subjectId: caseId,
      details: { requestId, for: forUserId, reason: input.reason },
    });
  });
  return { ok: true, requestId };
}

export type RevealDecisionResult = { ok: true } | { ok: false; reason: 'not_found' | 'own_request' | 'not_eligible' };

/** A custodian approves (the pending seal becomes an identity seal) or refuses (it is discarded). */
export async function decideIdentityReveal(db: Db, custodianId: string, requestId: string, approve: boolean): Promise<RevealDecisionResult> {
  const [request] = await db
    .select()
    .from(identityRevealRequests)
    .where(and(eq(identityRevealRequests.id, requestId), eq(identityRevealRequests.status, 'pending')));
  if (!request) return { ok: false, reason: 'not_found' };
  if (request.requestedBy === custodianId || request.forUserId === custodianId) return { ok: false, reason: 'own_request' };
  const facts = await loadAccessFacts(db, request.caseId);
  if (!facts || facts.excluded.includes(custodianId)) return { ok: false, reason: 'not_found' };
  const eligible = canReceiveKey({ userId: request.forUserId, grants: await grantsOf(db, request.forUserId) }, facts).allowed;
  if (approve && (!eligible || !request.pendingSeal)) return { ok: false, reason: 'not_eligible' };
  await db.transaction(async (tx) => {
    if (approve) {
      await tx.insert(caseIdentitySeals).values({ caseId: request.caseId, userId: request.forUserId, sealedKey: request.pendingSeal! }).onConflictDoNothing();
    }
    await tx
      .update(identityRevealRequests)
      .set({ status: approve ? 'approved' : 'refused', pendingSeal: null, decidedBy: custodianId, decidedAt: new Date() })
      .where(eq(identityRevealRequests.id, requestId));
    await tx.insert(caseEvents).values({
      caseId: request.caseId,
      kind: 'identity',
      actorId: custodianId,
      details: { step: approve ? 'approved' : 'refused', requestId, for: request.forUserId },
    });
    await recordAudit(tx, {
      actorId: custodianId,
      action: approve ? 'case.identity_reveal_approved' : 'case.identity_reveal_refused',
      subjectType: 'case',
      subjectId: request.caseId,
      details: { requestId, for: request.forUserId, requestedBy: request.requestedBy },
    });
  });
  return { ok: true };
}
