/**
 * Exclusion (EU Directive art. 9(1)(c), ISO 37301 8.4): someone named as involved, or who declares a
 * conflict of interest, loses every seal they hold on the case and can never be granted it again —
 * unless they are its only key holder, when the case must be referred first so it stays openable.
 */
import { and, eq, isNotNull, ne } from 'drizzle-orm';
import type { DataKey } from '../../../platform/crypto/envelope.ts';
import type { Db } from '../../../platform/db/client.ts';
import { caseIdentitySeals, caseKeySeals, inCaseTransaction } from '../../case-record/service.ts';
import { caseExclusions, casePendingSeals } from '../schema.ts';
import { applyCaseChange } from './case-change.ts';

export const exclusionReasons = ['involved', 'conflict_of_interest'] as const;
export type ExclusionReason = (typeof exclusionReasons)[number];

export type ExclusionOutcome = { ok: true } | { ok: false; error: 'already_excluded' | 'last_key_holder' | 'not_found' };

export async function excludeFromCase(
  db: Db,
  actorId: string,
  dataKey: DataKey,
  input: { caseId: string; userId: string; reason: ExclusionReason },
): Promise<ExclusionOutcome> {
  return inCaseTransaction(db, async (tx): Promise<ExclusionOutcome> => {
    const existing = await tx.select().from(caseExclusions).where(and(eq(caseExclusions.caseId, input.caseId), eq(caseExclusions.userId, input.userId)));
    if (existing.length > 0) return { ok: false, error: 'already_excluded' };
    const others = await tx
      .select({ userId: caseKeySeals.userId })
      .from(caseKeySeals)
      .where(and(eq(caseKeySeals.caseId, input.caseId), isNotNull(caseKeySeals.userId), ne(caseKeySeals.userId, input.userId)));
    if (others.length === 0) return { ok: false, error: 'last_key_holder' };
    await tx.insert(caseExclusions).values({ caseId: input.caseId, userId: input.userId, reason: input.reason, declaredBy: actorId });
    await tx.delete(caseKeySeals).where(and(eq(caseKeySeals.caseId, input.caseId), eq(caseKeySeals.userId, input.userId)));
    await tx.delete(casePendingSeals).where(and(eq(casePendingSeals.caseId, input.caseId), eq(casePendingSeals.userId, input.userId)));
    await tx.delete(caseIdentitySeals).where(and(eq(caseIdentitySeals.caseId, input.caseId), eq(caseIdentitySeals.userId, input.userId)));
    const applied = await applyCaseChange(tx, {
      caseId: input.caseId,
      version: undefined,
      actorId,
      dataKey,
      event: { kind: 'exclusion', details: { userId: input.userId, reason: input.reason } },
      audit: { action: 'case.excluded', details: { userId: input.userId, reason: input.reason } },
    });
    return applied ? { ok: true } : { ok: false, error: 'not_found' };
  });
}
