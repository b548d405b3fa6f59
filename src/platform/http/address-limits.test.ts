import crypto from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databaseKinds, freshDatabase, type TestDatabase } from '../../../test/databases.ts';
import { AddressLimitCounter, purgeEndedLimitWindows, windowAt } from './address-limits.ts';

describe('the clock-aligned window', () => {
  it.each([
    [0, 60_000, 0, 60_000],
    [59_999, 60_000, 0, 60_000],
    [60_000, 60_000, 1, 120_000],
    [1_796_700_123_456, 600_000, 2_994_500, 1_796_700_600_000],
  ])('at %i ms with %i ms windows is window %i, ending at %i', (now, length, index, endsAt) => {
    expect(windowAt(now, length)).toEqual({ index, endsAtMs: endsAt });
  });
});

describe.each(databaseKinds)('per-address limits counted in the database (%s)', (kind) => {
  let database: TestDatabase;
  const secret = crypto.randomBytes(32);
  const minute = 60_000;
  // Well inside a window, so the count under test never crosses into the next one.
  const start = 1_796_700_000_000 + 5_000;
  beforeEach(async () => {
    database = await freshDatabase(kind);
  });
  afterEach(() => database.close());

  const rows = async () => database.execute('select scope, client_hash, window_ends_at, hits from rate_limits.counters order by hits');
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
    expect((await first.count('POST /report/follow-up', '203.0.113.7', minute)).msLeft).toBe(55_000);
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
    const guessedKey = crypto.createHmac('sha256', crypto.randomBytes(32)).update(`rate-limit window ${10 * minute} ${windowAt(start, 10 * minute).index}\0${salt}`).digest();
    const guess = crypto.createHmac('sha256', guessedKey).update('POST /report/new\x00203.0.113.7').digest('base64url');
    expect(hashes).not.toContain(guess);
    expect(hashes).not.toContain(crypto.createHash('sha256').update('203.0.113.7').digest('base64url'));
    // A process with another secret counts apart.
    const stranger = new AddressLimitCounter(database, crypto.randomBytes(32), () => start);
    expect((await stranger.count('POST /report/new', '203.0.113.7', 10 * minute)).hits).toBe(1);
  });

  it('starts a new window from zero under a new salt, and deletes the ended window on the way', async () => {
    let now = start;
    const counter = new AddressLimitCounter(database, secret, () => now);
    await counter.count('POST /report/follow-up', '203.0.113.7', minute);
    await counter.count('POST /report/follow-up', '203.0.113.7', minute);
    const [firstSalt] = await salts();
    now = start + minute;
    expect(await counter.count('POST /report/follow-up', '203.0.113.7', minute)).toEqual({ hits: 1, msLeft: 55_000 });
    const left = await salts();
    expect(left).toHaveLength(1);
    expect(left[0]?.salt).not.toBe(firstSalt?.salt);
    expect((await rows()).map((row) => row.hits)).toEqual([1]);
  });

  it('purges ended windows only', async () => {
    const counter = new AddressLimitCounter(database, secret, () => start);
    await counter.count('POST /report/follow-up', '203.0.113.7', minute);
    await counter.count('POST /report/new', '203.0.113.7', 10 * minute);
    expect(await purgeEndedLimitWindows(database.db, new Date(start))).toBe(0);
    // The minute window has ended, the ten-minute one has not.
    expect(await purgeEndedLimitWindows(database.db, new Date(windowAt(start, minute).endsAtMs))).toBe(2);
    expect((await rows()).map((row) => row.scope)).toEqual(['POST /report/new']);
    expect((await salts()).map((row) => Number(row.window_ms))).toEqual([10 * minute]);
  });
});
