/** Commands on user accounts: create, edit, disable and enable, and the administrator's password and two-factor resets. */
import { and, eq, ne } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../platform/db/client.ts';
import { recoveryCodes, sessions, userKeys, userRoles, users } from '../../../platform/db/schema.ts';
import { hashPassword } from '../../../platform/auth/passwords.ts';
import { recordAudit } from '../../../platform/audit/audit.ts';
import type { Language } from '../../../platform/i18n/languages.ts';
import { isUniqueViolation, type Outcome } from './outcome.ts';
import { checkGrant, grantDetails, grantRow, sameGrant, type GrantProblem, type RoleGrantInput } from './roles.ts';
import { newTemporaryPassword } from './temporary-password.ts';

/** E-mail addresses are stored trimmed and in lower case, so sign-in and uniqueness ignore case. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

const emailFormat = z.email();
export const isValidEmail = (email: string) => emailFormat.safeParse(normaliseEmail(email)).success;

export interface NewUser {
  email: string;
  displayName: string;
  language: Language;
  roles: RoleGrantInput[];
}

export type CreateUserResult = Outcome<{ userId: string; temporaryPassword: string }, GrantProblem | 'email_taken' | 'invalid_email' | 'no_roles'>;

/**
 * Creates an account with a system-generated temporary password, returned once for the administrator
 * to hand over. The user must choose their own at first sign-in; their key pair is made then, sealed
 * under the password they choose (see account/service.ts).
 */
export async function createUser(
  db: Db,
  actorId: string | null,
  input: NewUser,
  options: { mustChangePassword?: boolean } = {},
): Promise<CreateUserResult> {
  const email = normaliseEmail(input.email);
  if (!isValidEmail(email)) return { ok: false, reason: 'invalid_email' };
  if (input.roles.length === 0) return { ok: false, reason: 'no_roles' };
  const temporaryPassword = newTemporaryPassword();
  const passwordHash = await hashPassword(temporaryPassword);
  try {
    return await db.transaction(async (tx): Promise<CreateUserResult> => {
      const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email));
      if (taken) return { ok: false, reason: 'email_taken' };
      for (const grant of input.roles) {
        const problem = await checkGrant(tx, grant);
        if (problem) return { ok: false, reason: problem };
      }
      const [user] = await tx
        .insert(users)
        .values({ email, displayName: input.displayName.trim(), language: input.language, passwordHash, mustChangePassword: options.mustChangePassword ?? true })
        .returning({ id: users.id });
      if (!user) throw new Error('user insert returned nothing');
      const rows = input.roles.map(grantRow).filter((row, index, all) => all.findIndex((other) => sameGrant(other, row)) === index);
      await tx.insert(userRoles).values(rows.map((row) => ({ userId: user.id, ...row })));
      await recordAudit(tx, {
        actorId,
        action: 'user.created',
        subjectType: 'user',
        subjectId: user.id,
        details: { language: input.language, roles: input.roles.map(grantDetails) },
      });
      return { ok: true, userId: user.id, temporaryPassword };
    });
  } catch (error) {
    // Two administrators adding the same address at once: the unique index decides, the loser is told.
    if (isUniqueViolation(error)) return { ok: false, reason: 'email_taken' };
    throw error;
  }
}

export interface UserChanges {
  email: string;
  displayName: string;
  language: Language;
}

export type UpdateUserResult = Outcome<object, 'not_found' | 'email_taken' | 'invalid_email'>;

export async function updateUser(db: Db, actorId: string | null, userId: string, changes: UserChanges): Promise<UpdateUserResult> {
  const email = normaliseEmail(changes.email);
  if (!isValidEmail(email)) return { ok: false, reason: 'invalid_email' };
  try {
    return await db.transaction(async (tx): Promise<UpdateUserResult> => {
      const [user] = await tx.select().from(users).where(eq(users.id, userId));
      if (!user) return { ok: false, reason: 'not_found' };
      const [taken] = await tx.select({ id: users.id }).from(users).where(and(eq(users.email, email), ne(users.id, userId)));
      if (taken) return { ok: false, reason: 'email_taken' };
      const next = { email, displayName: changes.displayName.trim(), language: changes.language };
      const changed = (Object.keys(next) as (keyof typeof next)[]).filter((field) => user[field] !== next[field]);
      if (changed.length === 0) return { ok: true };
      await tx.update(users).set(next).where(eq(users.id, userId));
      // Which fields changed, not their values: the trail is append-only and must not pin personal data forever.
      await recordAudit(tx, { actorId, action: 'user.updated', subjectType: 'user', subjectId: userId, details: { fields: changed } });
      return { ok: true };
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, reason: 'email_taken' };
    throw error;
  }
}

export type AccountActionResult = Outcome<object, 'not_found' | 'self'>;

/** Disables an account and ends all its sessions at once. An administrator cannot disable themselves. */
export async function disableUser(db: Db, actorId: string | null, userId: string): Promise<AccountActionResult> {
  if (actorId === userId) return { ok: false, reason: 'self' };
  return db.transaction(async (tx): Promise<AccountActionResult> => {
    const [user] = await tx.select({ disabledAt: users.disabledAt }).from(users).where(eq(users.id, userId));
    if (!user) return { ok: false, reason: 'not_found' };
    if (user.disabledAt) return { ok: true };
    await tx.update(users).set({ disabledAt: new Date() }).where(eq(users.id, userId));
    await tx.delete(sessions).where(eq(sessions.userId, userId));
    await recordAudit(tx, { actorId, action: 'user.disabled', subjectType: 'user', subjectId: userId });
    return { ok: true };
  });
}

export async function enableUser(db: Db, actorId: string | null, userId: string): Promise<AccountActionResult> {
  return db.transaction(async (tx): Promise<AccountActionResult> => {
    const [user] = await tx.select({ disabledAt: users.disabledAt }).from(users).where(eq(users.id, userId));
    if (!user) return { ok: false, reason: 'not_found' };
    if (!user.disabledAt) return { ok: true };
    await tx.update(users).set({ disabledAt: null, failedSignIns: 0, lockedUntil: null }).where(eq(users.id, userId));
    await recordAudit(tx, { actorId, action: 'user.enabled', subjectType: 'user', subjectId: userId });
    return { ok: true };
  });
}

export type ResetPasswordResult = Outcome<{ temporaryPassword: string }, 'not_found' | 'self'>;

/**
 * Gives the user a new one-time temporary password (returned once), which they must replace at their
 * next sign-in; ends all their sessions and unlocks the account. Their own password is the one to
 * change on the account page, so an administrator cannot reset their own here.
 */
export async function resetPassword(db: Db, actorId: string | null, userId: string): Promise<ResetPasswordResult> {
  if (actorId === userId) return { ok: false, reason: 'self' };
  const temporaryPassword = newTemporaryPassword();
  const passwordHash = await hashPassword(temporaryPassword);
  return db.transaction(async (tx): Promise<ResetPasswordResult> => {
    const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.id, userId));
    if (!user) return { ok: false, reason: 'not_found' };
    await tx.update(users).set({ passwordHash, mustChangePassword: true, failedSignIns: 0, lockedUntil: null }).where(eq(users.id, userId));
    await tx.delete(sessions).where(eq(sessions.userId, userId));
    // The private key was sealed under the old password, which nobody here knows, so it cannot be
    // re-sealed: it is deleted and a fresh pair is made at the next sign-in. Access to case data keys
    // that were sealed to the old public key must be granted again by someone who still holds it.
    const removedKeys = await tx.delete(userKeys).where(eq(userKeys.userId, userId)).returning({ userId: userKeys.userId });
    await recordAudit(tx, {
      actorId,
      action: 'auth.password_reset',
      subjectType: 'user',
      subjectId: userId,
      details: { keyPairDeleted: removedKeys.length > 0 },
    });
    return { ok: true, temporaryPassword };
  });
}

/** Clears the TOTP secret and recovery codes so the user enrols again at the next sign-in; ends their sessions. */
export async function resetTwoFactor(db: Db, actorId: string | null, userId: string): Promise<AccountActionResult> {
  if (actorId === userId) return { ok: false, reason: 'self' };
  return db.transaction(async (tx): Promise<AccountActionResult> => {
    const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.id, userId));
    if (!user) return { ok: false, reason: 'not_found' };
    await tx.update(users).set({ totpSecret: null, totpEnabledAt: null }).where(eq(users.id, userId));
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
    await tx.delete(sessions).where(eq(sessions.userId, userId));
    await recordAudit(tx, { actorId, action: 'auth.two_factor_reset', subjectType: 'user', subjectId: userId });
    return { ok: true };
  });
}
