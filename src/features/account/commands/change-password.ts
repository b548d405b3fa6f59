/**
 * A user changes their own password: checked against the current one, the private key re-sealed under the
 * new one (so access to sealed case keys is kept, docs/security.md), a key pair created if their roles need
 * one and they had none, and the event audited — all in one transaction.
 */
import { eq } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/audit.ts';
import { sealPrivateKey, unsealPrivateKey } from '../../../platform/auth/keys.ts';
import { hashPassword, verifyPassword } from '../../../platform/auth/passwords.ts';
import type { Role } from '../../../platform/auth/roles.ts';
import type { Db } from '../../../platform/db/client.ts';
import { userKeys, userRoles, users } from '../../../platform/db/schema.ts';
import { ensureKeyPair } from '../service.ts';

export type PasswordChangeResult = { ok: true } | { ok: false; reason: 'current' };

export async function changePassword(db: Db, actor: { userId: string }, current: string, next: string): Promise<PasswordChangeResult> {
  const { userId } = actor;
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user || !(await verifyPassword(user.passwordHash, current))) return { ok: false, reason: 'current' };
  const [keys] = await db.select().from(userKeys).where(eq(userKeys.userId, userId));
  let resealed: Awaited<ReturnType<typeof sealPrivateKey>> | undefined;
  if (keys && keys.secretKind === 'password') {
    const privateKey = await unsealPrivateKey(userId, keys, current);
    if (privateKey) resealed = await sealPrivateKey(userId, privateKey, next);
  }
  const passwordHash = await hashPassword(next);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, mustChangePassword: false }).where(eq(users.id, userId));
    if (resealed) await tx.update(userKeys).set(resealed).where(eq(userKeys.userId, userId));
    const roles = await tx.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, userId));
    await ensureKeyPair(tx, userId, roles.map((r) => ({ role: r.role as Role, handlerFunction: null, actorFunction: null, entityId: null })), next, 'password');
    await recordAudit(tx, { actorId: userId, action: 'auth.password_changed', subjectType: 'user', subjectId: userId });
  });
  return { ok: true };
}
