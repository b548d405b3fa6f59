/**
 * Per-address rate limits counted in the database, so every app process on one database sees the same
 * count, without storing an address (docs/security.md, "Rate limits per address").
 *
 * A client's window starts at its first request and lasts the limit's window, as in @fastify/rate-limit's
 * own store. The key that hashes client addresses rotates every window length: each key generation has a
 * random salt in the database, and its key is HMAC(shared secret, salt), computed in process memory only;
 * a counter is keyed by HMAC(generation key, limit and client address). A counter begun late in one
 * generation runs on into the next, so a request is looked up under the previous generation's key first
 * and each generation's salt lives two window lengths. The shared secret never enters the database, so
 * a database reader cannot test candidate addresses; once a generation's salt is deleted, nobody, not
 * even a holder of the secret, can link its counters to an address.
 */
import crypto from 'node:crypto';
import { lte } from 'drizzle-orm';
import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { RouteOptions } from 'fastify';
import type { DatabaseHandle, Db } from '../db/client.ts';
import { rateLimitCounters, rateLimitWindowSalts } from '../db/schema.ts';
import type { JobDefinition } from '../jobs/jobs.ts';

export interface WindowCount {
  /** Requests counted in this client's window, this one included. */
  hits: number;
  /** Milliseconds until the window ends and the count starts again. */
  msLeft: number;
}

/** The key generation that `nowMs` falls in, for limits of `windowMs`, and when its salt must be gone. */
export function keyGenerationAt(nowMs: number, windowMs: number): { index: number; saltEndsAtMs: number } {
  const index = Math.floor(nowMs / windowMs);
  // A counter begun at the generation's last moment ends one window later; its key is needed until then.
  return { index, saltEndsAtMs: (index + 2) * windowMs };
}

/**
 * When a window begun now ends: one window length on, rounded up to a tenth of it, so a counter tells a
 * database reader the time of a client's first request (a report's arrival, say) only that coarsely.
 */
export function windowEndFor(nowMs: number, windowMs: number): number {
  const step = Math.max(1_000, Math.floor(windowMs / 10));
  return Math.ceil((nowMs + windowMs) / step) * step;
}

type WindowKey = Buffer | undefined;

export class AddressLimitCounter {
  /** Generation keys by `${windowMs}:${index}`; a pending lookup is shared, so one process reads a salt once. */
  private readonly keys = new Map<string, { saltEndsAtMs: number; key: Promise<WindowKey> }>();

  constructor(
    private readonly database: DatabaseHandle,
    private readonly secret: Buffer,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one request of `clientKey` (an address, or another key a route limits by) against `scope`'s limit. */
  async count(scope: string, clientKey: string, windowMs: number): Promise<WindowCount> {
    const nowMs = this.now();
    const { index } = keyGenerationAt(nowMs, windowMs);
    const [previousKey, currentKey] = await Promise.all([this.generationKey(windowMs, index - 1, nowMs, 'read'), this.generationKey(windowMs, index, nowMs, 'create')]);
    const hashUnder = (key: Buffer) => crypto.createHmac('sha256', key).update(`${scope}\0${clientKey}`).digest('base64url');
    const [row] = await this.database.execute(
      `with continued as (
         update rate_limits.counters set hits = hits + 1
         where scope = $1 and client_hash = $2 and ends_at > $4
         returning hits, ends_at),
       started as (
         insert into rate_limits.counters (scope, client_hash, ends_at, hits)
         select $1, $3, $5, 1 where not exists (select 1 from continued)
         on conflict (scope, client_hash) do update set
           hits = case when rate_limits.counters.ends_at > $4 then rate_limits.counters.hits + 1 else 1 end,
           ends_at = case when rate_limits.counters.ends_at > $4 then rate_limits.counters.ends_at else excluded.ends_at end
         returning hits, ends_at)
       select hits, ends_at from continued union all select hits, ends_at from started`,
      [scope, previousKey ? hashUnder(previousKey) : '', hashUnder(currentKey!), new Date(nowMs).toISOString(), new Date(windowEndFor(nowMs, windowMs)).toISOString()],
    );
    return { hits: Number(row?.hits), msLeft: new Date(row?.ends_at as string | Date).getTime() - nowMs };
  }

  private generationKey(windowMs: number, index: number, nowMs: number, mode: 'read' | 'create'): Promise<WindowKey> {
    for (const [id, cached] of this.keys) if (cached.saltEndsAtMs <= nowMs) this.keys.delete(id);
    const id = `${windowMs}:${index}`;
    let cached = this.keys.get(id);
    if (!cached) {
      const { saltEndsAtMs } = keyGenerationAt(index * windowMs, windowMs);
      cached = { saltEndsAtMs, key: this.loadGenerationKey(windowMs, index, saltEndsAtMs, nowMs, mode) };
      this.keys.set(id, cached);
      // A failed lookup is not kept: the next request tries again.
      cached.key.catch(() => this.keys.delete(id));
    }
    return cached.key;
  }

  private async loadGenerationKey(windowMs: number, index: number, saltEndsAtMs: number, nowMs: number, mode: 'read' | 'create'): Promise<WindowKey> {
    let salt: string | undefined;
    if (mode === 'read') {
      // The previous generation keyed no counter in this database when nobody stored its salt.
      const [row] = await this.database.execute('select salt from rate_limits.window_salts where window_ms = $1 and window_index = $2', [windowMs, index]);
      salt = typeof row?.salt === 'string' ? row.salt : undefined;
    } else {
      // Whoever opens a new generation first also clears ended ones, so they go even when the purge job does not run.
      await purgeEndedLimitWindows(this.database.db, new Date(nowMs));
      salt = await this.createdSalt(windowMs, index, saltEndsAtMs);
    }
    return salt === undefined ? undefined : crypto.createHmac('sha256', this.secret).update(`rate-limit window ${windowMs} ${index}\0${salt}`).digest();
  }

  private async createdSalt(windowMs: number, index: number, saltEndsAtMs: number): Promise<string> {
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
        [windowMs, index, candidate, new Date(saltEndsAtMs).toISOString()],
      );
      if (typeof row?.salt === 'string') return row.salt;
    }
    throw new Error('rate limit window salt could not be read');
  }
}

/** Deletes the counters whose window has ended and the salts no counter can need any more; returns how many rows went. */
export async function purgeEndedLimitWindows(db: Db, now: Date = new Date()): Promise<number> {
  const counters = await db.delete(rateLimitCounters).where(lte(rateLimitCounters.endsAt, now)).returning({ endsAt: rateLimitCounters.endsAt });
  const salts = await db.delete(rateLimitWindowSalts).where(lte(rateLimitWindowSalts.endsAt, now)).returning({ endsAt: rateLimitWindowSalts.endsAt });
  return counters.length + salts.length;
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
