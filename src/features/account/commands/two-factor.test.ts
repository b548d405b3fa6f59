import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../../../test/databases.ts';
import { unusedTotp } from '../../../platform/auth/totp.ts';
import { users } from '../../../platform/db/schema.ts';
import { pendingTotpSecret, unusedRecoveryCodeCount, verifySecondFactor } from '../service.ts';
import { accountWorld, type AccountWorld } from '../../../../test/account-world.ts';
import { enableTwoFactor, renewRecoveryCodes } from './two-factor.ts';

describe.each(databaseKinds)('the second factor of one’s own account on %s', (kind) => {
  let world: AccountWorld;
  afterEach(() => world.database.close());

  const enabledAt = async () => (await world.database.db.select({ at: users.totpEnabledAt }).from(users).where(eq(users.id, world.userId)))[0]!.at;

  it('refuses a wrong first code: nothing turned on, nothing audited', async () => {
    world = await accountWorld(kind);
    await pendingTotpSecret(world.database.db, world.userId);
    expect(await enableTwoFactor(world.database.db, { userId: world.userId }, '000000')).toBeUndefined();
    expect(await enabledAt()).toBeNull();
    expect(await world.auditRows('auth.two_factor_enabled')).toEqual([]);
  });

  it('turns it on with a first code, gives ten recovery codes once, and audits it', async () => {
    world = await accountWorld(kind);
    const secret = await pendingTotpSecret(world.database.db, world.userId);
    const codes = await enableTwoFactor(world.database.db, { userId: world.userId }, await unusedTotp(secret, 'enrol'));
    expect(codes).toHaveLength(10);
    expect(await enabledAt()).not.toBeNull();
    expect(await unusedRecoveryCodeCount(world.database.db, world.userId)).toBe(10);
    expect(await world.auditRows('auth.two_factor_enabled')).toEqual([{ actor_id: world.userId, subject_type: 'user', subject_id: world.userId }]);
  });

  it('renews the recovery codes: the old ones stop working, and it is audited', async () => {
    world = await accountWorld(kind);
    const secret = await pendingTotpSecret(world.database.db, world.userId);
    const first = (await enableTwoFactor(world.database.db, { userId: world.userId }, await unusedTotp(secret, 'enrol')))!;
    const renewed = await renewRecoveryCodes(world.database.db, { userId: world.userId });
    expect(renewed).toHaveLength(10);
    expect(renewed).not.toContain(first[0]);
    expect((await verifySecondFactor(world.database.db, world.userId, first[0]!)).ok).toBe(false);
    expect(await world.auditRows('auth.recovery_codes_renewed')).toEqual([{ actor_id: world.userId, subject_type: 'user', subject_id: world.userId }]);
  });

  it('spends a recovery code at sign-in together with its audit row', async () => {
    world = await accountWorld(kind);
    const secret = await pendingTotpSecret(world.database.db, world.userId);
    const codes = (await enableTwoFactor(world.database.db, { userId: world.userId }, await unusedTotp(secret, 'enrol')))!;
    expect(await verifySecondFactor(world.database.db, world.userId, codes[3]!)).toEqual({ ok: true });
    expect(await unusedRecoveryCodeCount(world.database.db, world.userId)).toBe(9);
    expect(await world.auditRows('auth.recovery_code_used')).toHaveLength(1);
  });
});
