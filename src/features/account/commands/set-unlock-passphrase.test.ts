import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../../../test/databases.ts';
import { unsealPrivateKey } from '../../../platform/auth/keys.ts';
import { userKeys } from '../../../platform/db/schema.ts';
import { accountWorld, type AccountWorld } from '../../../../test/account-world.ts';
import { setUnlockPassphrase } from './set-unlock-passphrase.ts';

const passphrase = 'correct horse battery staple';

describe.each(databaseKinds)('the unlock passphrase of an OIDC-only account on %s', (kind) => {
  let world: AccountWorld;
  afterEach(() => world.database.close());

  /** A coordinator (whose role needs a key pair) who signs in through OIDC only: no password, no key pair yet. */
  async function oidcCoordinator() {
    world = await accountWorld(kind, [{ role: 'integrity_coordinator' }]);
    await world.database.execute('update users set password_hash = null where id = $1', [world.userId]);
  }
  const keys = async () => (await world.database.db.select().from(userKeys).where(eq(userKeys.userId, world.userId)))[0];

  it('creates the key pair sealed under the passphrase, and audits it', async () => {
    await oidcCoordinator();
    expect(await setUnlockPassphrase(world.database.db, { userId: world.userId }, passphrase)).toEqual({ ok: true });
    const stored = await keys();
    expect(stored?.secretKind).toBe('passphrase');
    expect(await unsealPrivateKey(world.userId, stored!, passphrase)).toBeDefined();
    expect(await world.auditRows('auth.unlock_passphrase_set')).toEqual([{ actor_id: world.userId, subject_type: 'user', subject_id: world.userId }]);
  });

  it('refuses a short passphrase, and a second one, auditing only the first', async () => {
    await oidcCoordinator();
    expect(await setUnlockPassphrase(world.database.db, { userId: world.userId }, 'short')).toEqual({ ok: false, reason: 'tooShort' });
    expect(await keys()).toBeUndefined();
    await setUnlockPassphrase(world.database.db, { userId: world.userId }, passphrase);
    expect(await setUnlockPassphrase(world.database.db, { userId: world.userId }, `${passphrase}!`)).toEqual({ ok: false, reason: 'notNeeded' });
    expect(await world.auditRows('auth.unlock_passphrase_set')).toHaveLength(1);
  });
});
