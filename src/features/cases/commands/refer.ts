/**
 * Referral to another actor (say from a confidential counsellor to a prevention advisor, or to internal
 * audit): the case key is sealed to them, with or without keeping the first handler, and the case moves
 * to 'referred' where its lifecycle allows. Only someone policy.ts lets receive a key can be referred to.
 */
import { and, eq } from 'drizzle-orm';
import { sealDataKey, type DataKey } from '../../../platform/crypto/envelope.ts';
import type { Db } from '../../../platform/db/client.ts';
import { userKeys } from '../../../platform/db/schema.ts';
import { caseKeySeals, cases, inCaseTransaction } from '../../case-record/service.ts';
import { findTransition, type CaseStatus } from '../lifecycle.ts';
import { canReceiveKey, type CaseAccessFacts, type CaseActor } from '../policy.ts';
import type { ProcedureCode } from '../../case-record/service.ts';
import { casePendingSeals } from '../schema.ts';
import { applyCaseChange } from './case-change.ts';

export interface Referral {
  caseId: string;
  version: number;
  to: CaseActor;
  keepAccess: boolean;
  /** The receiver reads the redacted version (redaction.ts). */
  seesRedacted: boolean;
  reason: string;
}

export type ReferralOutcome = { ok: true } | { ok: false; error: 'reason_required' | 'cannot_receive' | 'no_key_pair' | 'already_holds' | 'stale' | 'not_found' };

export async function referCase(db: Db, actorId: string, dataKey: DataKey, facts: CaseAccessFacts, input: Referral): Promise<ReferralOutcome> {
  if (input.reason.trim() === '') return { ok: false, error: 'reason_required' };
  if (!canReceiveKey(input.to, facts).allowed) return { ok: false, error: 'cannot_receive' };
  if (facts.sealedTo.includes(input.to.userId)) return { ok: false, error: 'already_holds' };
  return inCaseTransaction(db, async (tx): Promise<ReferralOutcome> => {
    const [row] = await tx.select({ status: cases.status, procedure: cases.procedure }).from(cases).where(eq(cases.id, input.caseId));
    if (!row) return { ok: false, error: 'not_found' };
    const [receiver] = await tx.select({ publicKey: userKeys.publicKey }).from(userKeys).where(eq(userKeys.userId, input.to.userId));
    if (!receiver) return { ok: false, error: 'no_key_pair' };
    await tx.insert(caseKeySeals).values({ caseId: input.caseId, userId: input.to.userId, sealedKey: sealDataKey(dataKey, receiver.publicKey), seesRedacted: input.seesRedacted });
    await tx.delete(casePendingSeals).where(and(eq(casePendingSeals.caseId, input.caseId), eq(casePendingSeals.userId, input.to.userId)));
    // The receiver now holds the key, so the first handler can step back without leaving the case unopenable.
    if (!input.keepAccess) await tx.delete(caseKeySeals).where(and(eq(caseKeySeals.caseId, input.caseId), eq(caseKeySeals.userId, actorId)));
    const moves = findTransition(row.procedure as ProcedureCode, row.status as CaseStatus, 'referred') !== undefined;
    const applied = await applyCaseChange(tx, {
      caseId: input.caseId,
      version: input.version,
      actorId,
      dataKey,
      update: moves ? { status: 'referred' } : {},
      event: {
        kind: 'referral',
        details: { to: input.to.userId, keepAccess: input.keepAccess, seesRedacted: input.seesRedacted, from: row.status, status: moves ? 'referred' : row.status },
        body: input.reason.trim(),
      },
      audit: { action: 'case.referred', details: { to: input.to.userId, keepAccess: input.keepAccess, seesRedacted: input.seesRedacted } },
    });
    return applied ? { ok: true } : { ok: false, error: 'stale' };
  });
}
