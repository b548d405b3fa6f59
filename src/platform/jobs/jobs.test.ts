/** Specifies the background jobs: scheduled maintenance runs on PGlite, and singleton jobs never overlap across processes. */
import { afterEach, describe, expect, it } from 'vitest';
import { freshDatabase, postgresServerUrl, type TestDatabase } from '../../../test/databases.ts';
import { openDatabase, type DatabaseHandle } from '../db/client.ts';
import { sessions, users } from '../db/schema.ts';
import { purgeExpiredSessionsJob, purgeExpiredSessionsJobName, startJobs, type JobDefinition, type Jobs } from './jobs.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  // Stop job systems before closing the databases under them: last opened, first closed.
  while (cleanups.length) await cleanups.pop()!();
});

async function track<T extends { stop(): Promise<void> } | { close(): Promise<void> }>(thing: T): Promise<T> {
  cleanups.push(() => ('stop' in thing ? thing.stop() : thing.close()));
  return thing;
}

describe('maintenance.purge-expired-sessions', () => {
  it('deletes expired sessions and keeps live ones when run on PGlite', async () => {
    const database = await track(await freshDatabase('pglite'));
    const [user] = await database.db.insert(users).values({ email: 'a@example.org', displayName: 'A' }).returning();
    const hourAgo = new Date(Date.now() - 3_600_000);
    await database.db.insert(sessions).values([
      { tokenHash: 'expired', userId: user!.id, stage: 'complete', expiresAt: hourAgo },
      { tokenHash: 'idle', userId: user!.id, stage: 'complete', lastSeenAt: hourAgo, expiresAt: new Date(Date.now() + 3_600_000) },
      { tokenHash: 'live', userId: user!.id, stage: 'complete', expiresAt: new Date(Date.now() + 3_600_000) },
    ]);

    const jobs = await track(
      await startJobs(database, { jobs: [purgeExpiredSessionsJob(30 * 60_000)], runWorkers: true, pollingIntervalSeconds: 0.5 }),
    );
    const id = await jobs.send(purgeExpiredSessionsJobName);
    expect(id).toBeDefined();
    expect(await jobs.waitFor(purgeExpiredSessionsJobName, id!)).toBe('completed');

    const left = await database.db.select({ tokenHash: sessions.tokenHash }).from(sessions);
    expect(left.map((s) => s.tokenHash)).toEqual(['live']);
  });

  it('is scheduled every five minutes', async () => {
    const database = await track(await freshDatabase('pglite'));
    await track(await startJobs(database, { jobs: [purgeExpiredSessionsJob(60_000)], runWorkers: false }));
    const rows = await database.execute(`select name, cron from pgboss.schedule`);
    expect(rows).toEqual([{ name: purgeExpiredSessionsJobName, cron: '*/5 * * * *' }]);
  });
});

describe('singleton jobs across app processes on one PostgreSQL', () => {
  const probe = 'test.singleton-probe';

  /** A job that records which process ran it and when, by the database clock both processes share. */
  function probeJob(handle: DatabaseHandle, processName: string): JobDefinition {
    return {
      name: probe,
      async run() {
        const [started] = await handle.execute(`select clock_timestamp() as at`);
        await new Promise((resolve) => setTimeout(resolve, 300));
        await handle.execute(`insert into probe_runs (process, started_at, ended_at) values ($1, $2, clock_timestamp())`, [
          processName,
          started!.at,
        ]);
      },
    };
  }

  it.skipIf(!postgresServerUrl)('never runs the same job twice at once, whichever process sends or works', async () => {
    const database: TestDatabase = await track(await freshDatabase('postgres'));
    await database.execute(`create table probe_runs (process text not null, started_at timestamptz not null, ended_at timestamptz not null)`);
    // Two independent handles and two pg-boss instances stand for two app processes.
    const otherHandle = await track(await openDatabase({ url: database.url! }));
    const start = (handle: DatabaseHandle, processName: string): Promise<Jobs> =>
      startJobs(handle, { jobs: [probeJob(handle, processName)], runWorkers: true, pollingIntervalSeconds: 0.5, connectionString: database.url! });
    const [first, second] = await Promise.all([start(database, 'first'), start(otherHandle, 'second')]);
    await track(first!);
    await track(second!);

    // Both processes send in concurrent bursts while runs are in progress, for about three seconds.
    const accepted: string[] = [];
    for (let burst = 0; burst < 12; burst += 1) {
      const sends = [...Array(5)].flatMap(() => [first!.send(probe), second!.send(probe)]);
      accepted.push(...(await Promise.all(sends)).filter((id): id is string => id !== undefined));
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    for (const id of accepted) expect(await first!.waitFor(probe, id, 30_000)).toBe('completed');

    const runs = await database.execute(`select process, started_at, ended_at from probe_runs order by started_at`);
    // Every accepted send ran exactly once; the other sends were absorbed by a run already waiting.
    expect(runs.length).toBe(accepted.length);
    expect(accepted.length).toBeGreaterThan(1);
    expect(accepted.length).toBeLessThan(120);
    for (let i = 1; i < runs.length; i += 1) {
      const previousEnd = new Date(runs[i - 1]!.ended_at as string).getTime();
      expect(new Date(runs[i]!.started_at as string).getTime()).toBeGreaterThanOrEqual(previousEnd);
    }
  }, 60_000);
});
