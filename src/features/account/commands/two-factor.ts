/**
 * A user turns on their second factor with a first code from their app, and renews their recovery codes:
 * each change and its audit event in one transaction. The codes are returned to be shown once; the
 * database keeps only their hashes.
 */
import { and, eq, isNull, lt, or } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/audit.ts';
import { hashRecoveryCode, newRecoveryCodes, totpStep } from '../../../platform/auth/totp.ts';
import type { Db } from '../../../platform/db/client.ts';
import { recoveryCodes, users } from '../../../platform/db/schema.ts';

/** Enables the second factor when the code matches the pending secret; the recovery codes to show once, or undefined. */
export async function enableTwoFactor(db: Db, actor: { userId: string }, code: string): Promise<string[] | undefined> {
  const { userId } = actor;
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user?.totpSecret || user.totpEnabledAt) return undefined;
  const step = totpStep(user.totpSecret, code);
  if (step === undefined) return undefined;
  const codes = newRecoveryCodes();
  return db.transaction(async (tx) => {
    // The step is claimed with the change: a replayed code enables nothing (the same rule as at sign-in).
    const claimed = await tx
      .update(users)
      .set({ totpLastStep: step, totpEnabledAt: new Date() })
      .where(and(eq(users.id, userId), isNull(users.totpEnabledAt), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))))
      .returning({ id: users.id });
    if (claimed.length === 0) return undefined;
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
    await tx.insert(recoveryCodes).values(codes.map((c) => ({ userId, codeHash: hashRecoveryCode(c) })));
    await recordAudit(tx, { actorId: userId, action: 'auth.two_factor_enabled', subjectType: 'user', subjectId: userId });
    return codes;
  });
}

/** Replaces every recovery code of the user by new ones, returned to be shown once. */
export async function renewRecoveryCodes(db: Db, actor: { userId: string }): Promise<string[]> {
  const { userId } = actor;
  const codes = newRecoveryCodes();
  await db.transaction(async (tx) => {
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
    await tx.insert(recoveryCodes).values(codes.map((c) => ({ userId, codeHash: hashRecoveryCode(c) })));
    await recordAudit(tx, { actorId: userId, action: 'auth.recovery_codes_renewed', subjectType: 'user', subjectId: userId });
  });
  return codes;
}
