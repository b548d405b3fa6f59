/**
 * Whether this process should be sent traffic: it is not draining for a shutdown, and its database takes
 * a write — a database that still answers reads but refuses writes (read-only, disk full, a standby after
 * a failover) would take reports in and lose them.
 */
import { sql } from 'drizzle-orm';
import type { DatabaseHandle } from '../../platform/db/client.ts';

export type ReadinessState = 'ready' | 'draining' | 'cannot-write';

export interface ReadinessLogger {
  warn(details: object, message: string): void;
  info(details: object, message: string): void;
}

export interface ReadinessOptions {
  /** How long a write probe's answer stands, so a load balancer polling every second does not write every second. */
  probeCacheMs: number;
  /** A probe that has not answered by then counts as failed: a hanging database is not ready either. */
  probeTimeoutMs: number;
}

export const defaultReadinessOptions: ReadinessOptions = { probeCacheMs: 3_000, probeTimeoutMs: 2_000 };

/** Thrown inside the probe's transaction to roll it back after the write went through. */
class ProbeRollback extends Error {}

/** A tiny write in a transaction that is always rolled back: nothing stays, but the database had to accept it. */
export async function databaseTakesWrite(database: DatabaseHandle, timeoutMs: number): Promise<{ ok: true } | { ok: false; reason: string }> {
  const probe = database.db
    .transaction(async (tx) => {
      if (database.kind === 'postgres') await tx.execute(sql.raw(`set local statement_timeout = ${Math.max(1, Math.round(timeoutMs))}`));
      await tx.execute(sql`insert into settings (key, value) values ('health.write-probe', 'true'::jsonb)`);
      throw new ProbeRollback();
    })
    .then(
      () => ({ ok: false as const, reason: 'the probe transaction did not roll back' }),
      (error: unknown) => (error instanceof ProbeRollback ? { ok: true as const } : { ok: false as const, reason: error instanceof Error ? error.message : String(error) }),
    );
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<{ ok: false; reason: string }>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, reason: `no answer within ${timeoutMs} ms` }), timeoutMs);
  });
  try {
    return await Promise.race([probe, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export class Readiness {
  private draining = false;
  private probe: { startedAt: number; answer: Promise<boolean> } | undefined;
  private lastAnswer = true;

  constructor(
    private readonly database: DatabaseHandle,
    private readonly logger: ReadinessLogger,
    private readonly options: ReadinessOptions = defaultReadinessOptions,
    private readonly now: () => number = Date.now,
  ) {}

  /** From now on the process is on its way out: /readyz fails and responses close their connections. */
  startDraining(): void {
    this.draining = true;
  }

  get isDraining(): boolean {
    return this.draining;
  }

  async state(): Promise<ReadinessState> {
    if (this.draining) return 'draining';
    return (await this.canWrite()) ? 'ready' : 'cannot-write';
  }

  /** The cached probe's answer; concurrent callers share one probe. */
  private canWrite(): Promise<boolean> {
    const now = this.now();
    if (!this.probe || now - this.probe.startedAt >= this.options.probeCacheMs) {
      this.probe = { startedAt: now, answer: this.runProbe() };
    }
    return this.probe.answer;
  }

  private async runProbe(): Promise<boolean> {
    const result = await databaseTakesWrite(this.database, this.options.probeTimeoutMs);
    // Logged when the answer changes, not at every poll.
    if (!result.ok && this.lastAnswer) this.logger.warn({ reason: result.reason }, 'not ready: the database does not take a write');
    if (result.ok && !this.lastAnswer) this.logger.info({}, 'ready again: the database takes a write');
    this.lastAnswer = result.ok;
    return result.ok;
  }
}
