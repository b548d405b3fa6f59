import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databaseKinds, freshDatabase, type TestDatabase } from '../../../test/databases.ts';
import { startJobs } from '../jobs/jobs.ts';
import { backupDatabase } from '../db/backup.ts';
import { AddressLimitCounter, keyGenerationAt, purgeEndedLimitWindows, purgeEndedLimitWindowsJob, purgeEndedLimitWindowsJobName, windowEndFor } from './address-limits.ts';

describe('the key generation', () => {
  it.each([
    [0, 60_000, 0, 120_000],
    [59_999, 60_000, 0, 120_000],
    [60_000, 60_000, 1, 180_000],
    [1_796_700_123_456, 600_000, 2_994_500, 1_796_701_200_000],
  ])('at %i ms with %i ms windows is generation %i, whose salt goes at %i', (now, length, index, saltEndsAt) => {
    expect(keyGenerationAt(now, length)).toEqual({ index, saltEndsAtMs: saltEndsAt });
  });
});

describe('when a window begun now ends', () => {
  it.each([
    [0, 60_000, 60_000],
    [1, 60_000, 66_000],
    [5_999, 60_000, 66_000],
    [6_000, 60_000, 66_000],
    [61_000, 600_000, 720_000],
    [500, 5_000, 6_000],
  ])('begun at %i ms, a window of %i ms ends at %i ms (a tenth of the window, at least a second, is all a counter tells)', (now, length, end) => {
    expect(windowEndFor(now, length)).toBe(end);
  });
});

describe.each(databaseKinds)('per-address limits counted in the database (%s)', (kind) => {
  let database: TestDatabase;
  const secret = crypto.randomBytes(32);
  const minute = 60_000;
  // Five seconds into a key generation of one minute (and of ten).
  const start = 1_796_700_000_000 + 5_000;
  beforeEach(async () => {
    database = await freshDatabase(kind);
  });
  afterEach(() => database.close());

  const rows = async () => database.execute('select scope, client_hash, ends_at, hits from rate_limits.counters order by hits');
  const salts = async () => database.execute('select window_ms, window_index, salt from rate_limits.window_salts');

  it('counts the requests of two processes sharing the secret as one', async () => {
    const first = new AddressLimitCounter(database, secret, () => start);
    const second = new AddressLimitCounter(database, secret, () => start + 1_000);
    const hits = [];
    for (let i = 0; i < 3; i++) {
      hits.push((await first.count('POST /report/follow-up', '203.0.113.7', minute)).hits);
      hits.push((await second.count('POST /report/follow-up', '203.0.113.7', minute)).hits);
    }
    expect(hits).toEqual([1, 2, 3, 4, 5, 6]);
    expect((await second.count('POST /report/follow-up', '203.0.113.8', minute)).hits).toBe(1);
    expect((await second.count('POST /sign-in', '203.0.113.7', minute)).hits).toBe(1);
    // The first request came at the start; its window ends a minute on, rounded up to six seconds.
    expect((await first.count('POST /report/follow-up', '203.0.113.7', minute)).msLeft).toBe(61_000);
  });

  it('stores no address, and without the secret a counter cannot be tested against one', async () => {
    const counter = new AddressLimitCounter(database, secret, () => start);
    await counter.count('POST /report/new', '203.0.113.7', 10 * minute);
    await counter.count('POST /report/new', '2001:db8::7', 10 * minute);
    const stored = JSON.stringify([...(await rows()), ...(await salts())]);
    expect(stored).not.toContain('203.0.113.7');
    expect(stored).not.toContain('2001:db8::7');
    const hashes = (await rows()).map((row) => row.client_hash);
    // A database reader has the salt but not the secret: hashes made with any other secret do not match.
    const [salt] = (await salts()).map((row) => row.salt as string);
    const guessedKey = crypto.createHmac('sha256', crypto.randomBytes(32)).update(`rate-limit window ${10 * minute} ${keyGenerationAt(start, 10 * minute).index}\0${salt}`).digest();
    const guess = crypto.createHmac('sha256', guessedKey).update('POST /report/new\x00203.0.113.7').digest('base64url');
    expect(hashes).not.toContain(guess);
    expect(hashes).not.toContain(crypto.createHash('sha256').update('203.0.113.7').digest('base64url'));
    // A process with another secret counts apart.
    const stranger = new AddressLimitCounter(database, crypto.randomBytes(32), () => start);
    expect((await stranger.count('POST /report/new', '203.0.113.7', 10 * minute)).hits).toBe(1);
  });

  it('leaves the counters and salts out of backups', async () => {
    await new AddressLimitCounter(database, secret, () => start).count('POST /report/new', '203.0.113.7', 10 * minute);
    const [salt] = (await salts()).map((row) => row.salt as string);
    const [counter] = (await rows()).map((row) => row.client_hash as string);
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'ib-limits-'));
    try {
      const file = path.join(directory, 'backup.jsonl.gz');
      const summary = await backupDatabase(database, file);
      expect(Object.keys(summary.tables)).toContain('sessions');
      expect(Object.keys(summary.tables)).not.toContain('counters');
      expect(Object.keys(summary.tables)).not.toContain('window_salts');
      const content = zlib.gunzipSync(fs.readFileSync(file)).toString('utf8');
      expect(content).not.toContain(salt!);
      expect(content).not.toContain(counter!);
    } finally {
      fs.rmSync(directory, { recursive: true, force: true });
    }
  });

  it('starts the window at the first request of a client and keeps counting it across a key rotation', async () => {
    let now = start + 50_000;
    const counter = new AddressLimitCounter(database, secret, () => now);
    expect(await counter.count('POST /report/follow-up', '203.0.113.7', minute)).toEqual({ hits: 1, msLeft: 65_000 });
    // Into the next key generation: the count goes on under the previous generation's key.
    now = start + 70_000;
    expect(await counter.count('POST /report/follow-up', '203.0.113.7', minute)).toEqual({ hits: 2, msLeft: 45_000 });
    const other = new AddressLimitCounter(database, secret, () => now);
    expect(await other.count('POST /report/follow-up', '203.0.113.7', minute)).toEqual({ hits: 3, msLeft: 45_000 });
    expect((await salts()).map((row) => Number(row.window_index)).sort()).toEqual([keyGenerationAt(start, minute).index, keyGenerationAt(start, minute).index + 1]);
    // Once the client's window has ended, a new one starts from zero under the current generation's key.
    now = start + 116_000;
    expect(await counter.count('POST /report/follow-up', '203.0.113.7', minute)).toEqual({ hits: 1, msLeft: 65_000 });
    expect((await rows()).map((row) => row.hits)).toEqual([1]);
  });

  it('deletes ended counters, and each salt once no counter it keys can still run', async () => {
    let now = start;
    const counter = new AddressLimitCounter(database, secret, () => now);
    await counter.count('POST /report/follow-up', '203.0.113.7', minute);
    await counter.count('POST /report/new', '203.0.113.7', 10 * minute);
    expect(await purgeEndedLimitWindows(database.db, new Date(start))).toBe(0);
    // A minute (and a second, the rounding) on, the minute counter has ended; its generation's salt is kept another window length.
    expect(await purgeEndedLimitWindows(database.db, new Date(start + minute))).toBe(0);
    expect(await purgeEndedLimitWindows(database.db, new Date(start + minute + 1_000))).toBe(1);
    expect((await rows()).map((row) => row.scope)).toEqual(['POST /report/new']);
    const generation = keyGenerationAt(start, minute);
    expect(await purgeEndedLimitWindows(database.db, new Date(generation.saltEndsAtMs))).toBe(1);
    expect((await salts()).map((row) => Number(row.window_ms))).toEqual([10 * minute]);
    // Opening a new generation clears what has ended on the way, without the job.
    now = keyGenerationAt(start, 10 * minute).saltEndsAtMs;
    await counter.count('POST /report/new', '203.0.113.8', 10 * minute);
    expect((await salts()).map((row) => Number(row.window_index))).toEqual([keyGenerationAt(now, 10 * minute).index]);
    expect((await rows()).map((row) => row.hits)).toEqual([1]);
  });
});

describe('maintenance.purge-ended-limit-windows', () => {
  it('runs every minute, and deletes ended windows when run on PGlite', async () => {
    const database = await freshDatabase('pglite');
    const jobs = await startJobs(database, { jobs: [purgeEndedLimitWindowsJob], runWorkers: true, pollingIntervalSeconds: 0.5 });
    try {
      expect(await database.execute('select cron from pgboss.schedule where name = $1', [purgeEndedLimitWindowsJobName])).toEqual([{ cron: '* * * * *' }]);
      await new AddressLimitCounter(database, crypto.randomBytes(32)).count('POST /report/new', '203.0.113.7', 600_000);
      // Counted two window lengths ago (by a clock behind, so nothing purges it on the way): counter and salt have both ended.
      await new AddressLimitCounter(database, crypto.randomBytes(32), () => Date.now() - 130_000).count('POST /sign-in', '203.0.113.7', 60_000);
      expect(await database.execute('select count(*)::int as n from rate_limits.counters')).toEqual([{ n: 2 }]);
      expect(await database.execute('select count(*)::int as n from rate_limits.window_salts')).toEqual([{ n: 2 }]);
      const id = await jobs.send(purgeEndedLimitWindowsJobName);
      expect(await jobs.waitFor(purgeEndedLimitWindowsJobName, id!, 60_000)).toBe('completed');
      expect(await database.execute('select scope from rate_limits.counters')).toEqual([{ scope: 'POST /report/new' }]);
      expect(await database.execute('select window_ms from rate_limits.window_salts')).toEqual([{ window_ms: 600_000 }]);
    } finally {
      await jobs.stop();
      await database.close();
    }
  }, 120_000);
});
