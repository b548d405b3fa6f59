/** Signing in (password, second factor, lockout), the pending two-factor secret, recovery-code counts and key pairs; changes to one's own account are commands (commands/). */
import crypto from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { and, eq, isNull, lt, or } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { recoveryCodes, signInFailures, userKeys, userRoles, users } from '../../platform/db/schema.ts';
import { signInEmailKey } from './sign-in-email-key.ts';
import { hashPassword, verifyPassword } from '../../platform/auth/passwords.ts';
import { hashRecoveryCode, newTotpSecret, totpStep } from '../../platform/auth/totp.ts';
import { createSealedKeyPair } from '../../platform/auth/keys.ts';
import { needsKeyPair, type Role } from '../../platform/auth/roles.ts';
import { recordAudit } from '../../platform/audit/audit.ts';

/** After this many failures in a row the account locks for lockMinutes. */
export const lockout = { maxFailures: 5, lockMinutes: 15, delayPerFailureMs: 250, maxDelayMs: 2000 } as const;

export type SignInResult =
  | { ok: true; userId: string; needsSecondFactor: boolean }
  | { ok: false; reason: 'invalid' | 'locked' };

async function findUserByEmail(db: Db, email: string) {
  const [user] = await db.select().from(users).where(eq(users.email, email.trim().toLowerCase()));
  return user;
}

/** What one more failure after `previous` ones means: the new count, whether it locks, and how long to wait before answering. */
export function failureOutcome(previous: number, now = Date.now()): { count: number; lockedUntil: Date | undefined; delayMs: number } {
  const count = previous + 1;
  const locks = count % lockout.maxFailures === 0;
  return {
    count,
    lockedUntil: locks ? new Date(now + lockout.lockMinutes * 60_000) : undefined,
    delayMs: Math.min(count * lockout.delayPerFailureMs, lockout.maxDelayMs),
  };
}

/** Counts a failure, locks the account at the threshold, and slows the answer progressively. */
async function recordFailure(db: Db, userId: string, failures: number, action: 'auth.sign_in_failed' | 'auth.second_factor_failed') {
  const outcome = failureOutcome(failures);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ failedSignIns: outcome.count, lockedUntil: outcome.lockedUntil }).where(eq(users.id, userId));
    await recordAudit(tx, { actorId: userId, action, subjectType: 'user', subjectId: userId, details: { failures: outcome.count } });
    if (outcome.lockedUntil) await recordAudit(tx, { actorId: userId, action: 'auth.locked', subjectType: 'user', subjectId: userId, details: { minutes: lockout.lockMinutes } });
  });
  await sleep(outcome.delayMs);
}

function isLocked(user: { lockedUntil: Date | null }): boolean {
  return user.lockedUntil !== null && user.lockedUntil.getTime() > Date.now();
}

let dummyHash: Promise<string> | undefined;

/** A hash of a random password, verified against when the address has no account, so both cost one Argon2id verification. */
function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(crypto.randomBytes(32).toString('base64url'));
  return dummyHash;
}

/** How long the count of an address without an account is kept after its last failure; afterwards it starts again. */
const unknownAddressMemoryDays = 90;

/**
 * An address without an active account fails, counts and locks exactly as an account does (same count,
 * same lock, same delay), so neither the answer nor its timing tells whether the account exists.
 */
async function recordUnknownAddressFailure(db: Db, email: string): Promise<SignInResult> {
  const emailKey = await signInEmailKey(db, email);
  const [row] = await db.select().from(signInFailures).where(eq(signInFailures.emailKey, emailKey));
  if (row && isLocked(row)) return { ok: false, reason: 'locked' };
  const outcome = failureOutcome(row?.failures ?? 0);
  const changes = { failures: outcome.count, lockedUntil: outcome.lockedUntil ?? row?.lockedUntil ?? null, lastFailedAt: new Date() };
  await db.insert(signInFailures).values({ emailKey, ...changes }).onConflictDoUpdate({ target: signInFailures.emailKey, set: changes });
  await db.delete(signInFailures).where(lt(signInFailures.lastFailedAt, new Date(Date.now() - unknownAddressMemoryDays * 86_400_000)));
  await sleep(outcome.delayMs);
  return { ok: false, reason: 'invalid' };
}

export async function signInWithPassword(db: Db, email: string, password: string): Promise<SignInResult> {
  const found = await findUserByEmail(db, email);
  const user = found && !found.disabledAt ? found : undefined;
  // Always one Argon2id verification, against the account's hash or a dummy one.
  const valid = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
  if (!user) return recordUnknownAddressFailure(db, email);
  if (isLocked(user)) return { ok: false, reason: 'locked' };
  if (!valid || !user.passwordHash) {
    await recordFailure(db, user.id, user.failedSignIns, 'auth.sign_in_failed');
    return { ok: false, reason: 'invalid' };
  }
  const roles = await db.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, user.id));
  await ensureKeyPair(db, user.id, roles.map((r) => ({ role: r.role as Role, handlerFunction: null, actorFunction: null, entityId: null })), password, 'password');
  const needsSecondFactor = user.totpEnabledAt !== null;
  if (!needsSecondFactor) await completeSignIn(db, user.id, 'password');
  return { ok: true, userId: user.id, needsSecondFactor };
}

export async function completeSignIn(db: Db, userId: string, method: 'password' | 'totp' | 'recovery_code' | 'oidc'): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.update(users).set({ failedSignIns: 0, lockedUntil: null }).where(eq(users.id, userId));
    await recordAudit(tx, { actorId: userId, action: 'auth.sign_in', subjectType: 'user', subjectId: userId, details: { method } });
  });
}

export type SecondFactorResult = { ok: true } | { ok: false; reason: 'invalid' | 'locked' };

/** Accepts a TOTP code or an unused recovery code. */
export async function verifySecondFactor(db: Db, userId: string, code: string): Promise<SecondFactorResult> {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user || user.disabledAt || !user.totpSecret) return { ok: false, reason: 'invalid' };
  if (isLocked(user)) return { ok: false, reason: 'locked' };
  const step = totpStep(user.totpSecret, code);
  // A valid code of a step already used (a replay, or a second client with the same code) fails like a wrong one.
  if (step !== undefined && (await claimTotpStep(db, userId, step))) {
    await completeSignIn(db, userId, 'totp');
    return { ok: true };
  }
  // The code is spent, its use audited and the sign-in completed together: a code is never spent unrecorded.
  const usedRecoveryCode = await db.transaction(async (tx) => {
    const used = await tx
      .update(recoveryCodes)
      .set({ usedAt: new Date() })
      .where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, hashRecoveryCode(code)), isNull(recoveryCodes.usedAt)))
      .returning({ userId: recoveryCodes.userId });
    if (used.length === 0) return false;
    await recordAudit(tx, { actorId: userId, action: 'auth.recovery_code_used', subjectType: 'user', subjectId: userId });
    await completeSignIn(tx, userId, 'recovery_code');
    return true;
  });
  if (usedRecoveryCode) return { ok: true };
  await recordFailure(db, userId, user.failedSignIns, 'auth.second_factor_failed');
  return { ok: false, reason: 'invalid' };
}

/** Records the step as used, only when it is later than the last one used; false for a replay. */
async function claimTotpStep(db: Db, userId: string, step: number): Promise<boolean> {
  const claimed = await db
    .update(users)
    .set({ totpLastStep: step })
    .where(and(eq(users.id, userId), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))))
    .returning({ id: users.id });
  return claimed.length > 0;
}

/** The secret to enrol, kept until the user confirms it with a first code. */
export async function pendingTotpSecret(db: Db, userId: string): Promise<string> {
  const [user] = await db.select({ secret: users.totpSecret, enabled: users.totpEnabledAt }).from(users).where(eq(users.id, userId));
  if (user?.secret && !user.enabled) return user.secret;
  const secret = newTotpSecret();
  await db.update(users).set({ totpSecret: secret }).where(and(eq(users.id, userId), isNull(users.totpEnabledAt)));
  return secret;
}

export async function unusedRecoveryCodeCount(db: Db, userId: string): Promise<number> {
  const rows = await db.select({ hash: recoveryCodes.codeHash }).from(recoveryCodes).where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  return rows.length;
}

/** Creates the user's key pair, sealed under their secret, if their roles need one and they have none. */
export async function ensureKeyPair(
  db: Db,
  userId: string,
  grants: Parameters<typeof needsKeyPair>[0],
  secret: string,
  secretKind: 'password' | 'passphrase',
): Promise<void> {
  if (!needsKeyPair(grants)) return;
  const [existing] = await db.select({ userId: userKeys.userId }).from(userKeys).where(eq(userKeys.userId, userId));
  if (existing) return;
  const pair = await createSealedKeyPair(userId, secret);
  await db.insert(userKeys).values({ userId, ...pair, secretKind }).onConflictDoNothing();
}
