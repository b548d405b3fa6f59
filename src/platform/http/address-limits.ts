/**
 * Per-address rate limits counted in the database, so every app process on one database sees the same
 * count, without storing an address (docs/security.md, "Rate limits per address").
 *
 * Windows are fixed and aligned to the clock, so all processes agree on them. Each window has a random
 * salt in the database; the window's key is HMAC(shared secret, salt), computed in process memory only,
 * and a counter is keyed by HMAC(window key, limit and client address). The shared secret never enters
 * the database, so a database reader cannot test candidate addresses; when a window ends its salt and
 * counters are deleted, so nobody, not even a holder of the secret, can link them to an address later.
 */
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { RouteOptions } from 'fastify';
import type { DatabaseHandle, Db } from '../db/client.ts';
import type { JobDefinition } from '../jobs/jobs.ts';

export interface WindowCount {
  /** Requests counted in this window, this one included. */
  hits: number;
  /** Milliseconds until the window ends and the count starts again. */
  msLeft: number;
}

/** The clock-aligned window that `nowMs` falls in. */
export function windowAt(nowMs: number, windowMs: number): { index: number; endsAtMs: number } {
  const index = Math.floor(nowMs / windowMs);
  return { index, endsAtMs: (index + 1) * windowMs };
}

export class AddressLimitCounter {
  /** Window keys by `${windowMs}:${index}`; a pending lookup is shared so one process creates a salt once. */
  private readonly windowKeys = new Map<string, { endsAtMs: number; key: Promise<Buffer> }>();

  constructor(
    private readonly database: DatabaseHandle,
    private readonly secret: Buffer,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one request of `clientKey` (an address, or another key a route limits by) against `scope`'s window. */
  async count(scope: string, clientKey: string, windowMs: number): Promise<WindowCount> {
    const nowMs = this.now();
    const window = windowAt(nowMs, windowMs);
    const key = await this.windowKey(windowMs, window.index, window.endsAtMs, nowMs);
    const clientHash = crypto.createHmac('sha256', key).update(`${scope}\0${clientKey}`).digest('base64url');
    const [row] = await this.database.execute(
      `insert into rate_limits.counters (scope, client_hash, window_ends_at, hits) values ($1, $2, $3, 1)
       on conflict (scope, client_hash, window_ends_at) do update set hits = rate_limits.counters.hits + 1
       returning hits`,
      [scope, clientHash, new Date(window.endsAtMs).toISOString()],
    );
    return { hits: Number(row?.hits), msLeft: window.endsAtMs - nowMs };
  }

  private windowKey(windowMs: number, index: number, endsAtMs: number, nowMs: number): Promise<Buffer> {
    for (const [id, cached] of this.windowKeys) if (cached.endsAtMs <= nowMs) this.windowKeys.delete(id);
    const id = `${windowMs}:${index}`;
    let cached = this.windowKeys.get(id);
    if (!cached) {
      cached = { endsAtMs, key: this.loadWindowKey(windowMs, index, endsAtMs, nowMs) };
      this.windowKeys.set(id, cached);
      // A failed lookup is not cached: the next request tries again.
      cached.key.catch(() => this.windowKeys.delete(id));
    }
    return cached.key;
  }

  private async loadWindowKey(windowMs: number, index: number, endsAtMs: number, nowMs: number): Promise<Buffer> {
    // Whoever opens a new window first also clears the ended ones, so they go even when the purge job does not run.
    await purgeEndedLimitWindows(this.database.db, new Date(nowMs));
    const salt = await this.windowSalt(windowMs, index, endsAtMs);
    return crypto.createHmac('sha256', this.secret).update(`rate-limit window ${windowMs} ${index}\0${salt}`).digest();
  }

  private async windowSalt(windowMs: number, index: number, endsAtMs: number): Promise<string> {
    const candidate = crypto.randomBytes(32).toString('base64url');
    // Two tries: a salt another process inserted while this statement ran is only visible to the next statement.
    for (let attempt = 0; attempt < 2; attempt++) {
      const [row] = await this.database.execute(
        `with inserted as (
           insert into rate_limits.window_salts (window_ms, window_index, salt, ends_at) values ($1, $2, $3, $4)
           on conflict (window_ms, window_index) do nothing returning salt)
         select salt from inserted
         union all select salt from rate_limits.window_salts where window_ms = $1 and window_index = $2
         limit 1`,
        [windowMs, index, candidate, new Date(endsAtMs).toISOString()],
      );
      if (typeof row?.salt === 'string') return row.salt;
    }
    throw new Error('rate limit window salt could not be read');
  }
}

/** Deletes the salts and counters of every window that has ended; returns how many rows went. */
export async function purgeEndedLimitWindows(db: Db, now: Date = new Date()): Promise<number> {
  const at = now.toISOString();
  const counters = await db.execute(sql`delete from rate_limits.counters where window_ends_at <= ${at}`);
  const salts = await db.execute(sql`delete from rate_limits.window_salts where ends_at <= ${at}`);
  return affected(counters) + affected(salts);
}

export const purgeEndedLimitWindowsJobName = 'maintenance.purge-ended-limit-windows';

/** Every minute, so an ended window's salt and counters are gone within a minute even when no request comes. */
export const purgeEndedLimitWindowsJob: JobDefinition = {
  name: purgeEndedLimitWindowsJobName,
  cron: '* * * * *',
  expireInSeconds: 5 * 60,
  async run({ db, logger }) {
    const purged = await purgeEndedLimitWindows(db);
    logger.info({ job: purgeEndedLimitWindowsJobName, purged }, 'ended rate limit windows purged');
  },
};

function affected(result: unknown): number {
  const { rowCount, affectedRows } = result as { rowCount?: number | null; affectedRows?: number };
  return Number(rowCount ?? affectedRows ?? 0);
}

/** The scope a route's limit counts under: its method and full path. */
function scopeOf(routeInfo: Partial<RouteOptions> | undefined): string {
  const method = [routeInfo?.method ?? ''].flat().join(',');
  return `${method} ${routeInfo?.url ?? ''}`.trim() || 'limit';
}

/** A store for @fastify/rate-limit that counts in the database through `counter`, one scope per route. */
export function databaseRateLimitStore(counter: AddressLimitCounter): FastifyRateLimitStoreCtor {
  class DatabaseRateLimitStore implements FastifyRateLimitStore {
    constructor(
      _options: object,
      private readonly scope = 'limit',
    ) {}

    // @fastify/rate-limit passes the route's window (and maximum) after the callback.
    incr(key: string, callback: (error: Error | null, result?: { current: number; ttl: number }) => void, timeWindow?: number): void {
      if (typeof timeWindow !== 'number' || !(timeWindow > 0)) {
        callback(new Error('a rate limit needs a fixed time window in milliseconds'));
        return;
      }
      counter.count(this.scope, key, timeWindow).then(
        ({ hits, msLeft }) => callback(null, { current: hits, ttl: msLeft }),
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
    }

    child(routeOptions: RouteOptions & { path: string; prefix: string; routeInfo?: Partial<RouteOptions> }): FastifyRateLimitStore {
      return new DatabaseRateLimitStore({}, scopeOf(routeOptions.routeInfo));
    }
  }
  return DatabaseRateLimitStore;
}
