import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../../../test/databases.ts';
import { verifyPassword } from '../../../platform/auth/passwords.ts';
import { unsealPrivateKey } from '../../../platform/auth/keys.ts';
import { userKeys, users } from '../../../platform/db/schema.ts';
import { signInWithPassword } from '../service.ts';
import { accountWorld, type AccountWorld } from '../../../../test/account-world.ts';
import { changePassword } from './change-password.ts';

const next = 'a brand new passphrase';

describe.each(databaseKinds)('changing one’s own password on %s', (kind) => {
  let world: AccountWorld;
  afterEach(() => world.database.close());

  const stored = async () => {
    const [user] = await world.database.db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, world.userId));
    const [keys] = await world.database.db.select().from(userKeys).where(eq(userKeys.userId, world.userId));
    return { passwordHash: user!.passwordHash, keys };
  };

  it('refuses a wrong current password, changing and auditing nothing', async () => {
    world = await accountWorld(kind);
    const before = await stored();
    expect(await changePassword(world.database.db, { userId: world.userId }, 'not it', next)).toEqual({ ok: false, reason: 'current' });
    expect(await stored()).toEqual(before);
    expect(await world.auditRows('auth.password_changed')).toEqual([]);
  });

  it('stores the new password, re-seals the key pair under it, and audits the change', async () => {
    world = await accountWorld(kind, [{ role: 'integrity_coordinator' }]);
    // The first sign-in creates the coordinator's key pair under the first password.
    expect((await signInWithPassword(world.database.db, 'an@example.be', world.password)).ok).toBe(true);
    expect(await changePassword(world.database.db, { userId: world.userId }, world.password, next)).toEqual({ ok: true });
    const { passwordHash, keys } = await stored();
    expect(await verifyPassword(passwordHash, next)).toBe(true);
    expect(await unsealPrivateKey(world.userId, keys!, next)).toBeDefined();
    expect(await unsealPrivateKey(world.userId, keys!, world.password)).toBeUndefined();
    expect(await world.auditRows('auth.password_changed')).toEqual([{ actor_id: world.userId, subject_type: 'user', subject_id: world.userId }]);
  });
});
