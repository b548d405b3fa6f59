import { afterEach, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../../../test/databases.ts';
import { accountWorld, type AccountWorld } from '../../../../test/account-world.ts';
import { signOut, signOutEverywhere } from './sign-out.ts';

describe.each(databaseKinds)('signing out on %s', (kind) => {
  let world: AccountWorld;
  afterEach(() => world.database.close());

  it('ends this session only, and audits it', async () => {
    world = await accountWorld(kind);
    const current = await world.newSession();
    await world.newSession();
    await signOut(world.database.db, { userId: world.userId, tokenHash: current });
    expect(await world.sessionCount()).toBe(1);
    expect(await world.auditRows('auth.sign_out')).toEqual([{ actor_id: world.userId, subject_type: 'user', subject_id: world.userId }]);
  });

  it('ends every session of the user, and audits it', async () => {
    world = await accountWorld(kind);
    await world.newSession();
    await world.newSession();
    await signOutEverywhere(world.database.db, { userId: world.userId });
    expect(await world.sessionCount()).toBe(0);
    expect(await world.auditRows('auth.sign_out_everywhere')).toEqual([{ actor_id: world.userId, subject_type: 'user', subject_id: world.userId }]);
  });
});
