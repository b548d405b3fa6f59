/** Background jobs on pg-boss, in the application's own database (PostgreSQL, or PGlite through an adapter). */
import { sql } from 'drizzle-orm';
import PgBoss from 'pg-boss';
import type { DatabaseHandle, Db } from '../db/client.ts';
import { purgeExpiredSessions } from '../auth/sessions.ts';

export interface JobLogger {
  info(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface JobContext {
  db: Db;
  logger: JobLogger;
}

/**
 * One kind of background work. Every job runs under pg-boss's 'stately' queue policy: across all app
 * processes on one database at most one run is queued and at most one is running, enforced by a unique
 * index in pg-boss's job table, so jobs need not guard against running twice at once.
 */
export interface JobDefinition {
  /** Queue name, `<area>.<verb-object>`, e.g. `maintenance.purge-expired-sessions`. */
  name: string;
  /** When to run it on its own (5-field cron, UTC); omit for jobs that only run when sent. */
  cron?: string;
  /** A run still going after this long counts as failed (and may be retried), so set it well above the usual run time. */
  expireInSeconds?: number;
  run(context: JobContext): Promise<void>;
}

export type JobOutcome = 'completed' | 'failed' | 'cancelled' | 'timed-out';

export interface Jobs {
  /** Queues a run now; undefined when one is already waiting (a run that is waiting covers the request). */
  send(name: string): Promise<string | undefined>;
  /** Waits until a sent run has finished; a worker must run somewhere (this process or another). */
  waitFor(name: string, id: string, timeoutMs?: number): Promise<JobOutcome>;
  /** Finishes running jobs (up to a timeout) and stops polling; the database handle stays open. */
  stop(): Promise<void>;
}

export interface JobsOptions {
  jobs: JobDefinition[];
  /** False for short-lived processes (CLI) that only send: no workers, no scheduler, no pg-boss maintenance. */
  runWorkers: boolean;
  logger?: JobLogger;
  /** How often an idle worker asks for work; pg-boss's minimum is 0.5 s. */
  pollingIntervalSeconds?: number;
}

export const purgeExpiredSessionsJobName = 'maintenance.purge-expired-sessions';

/** Deletes sessions past their idle or absolute limit every five minutes, so the table does not grow. */
export function purgeExpiredSessionsJob(idleMs: number): JobDefinition {
  return {
    name: purgeExpiredSessionsJobName,
    cron: '*/5 * * * *',
    expireInSeconds: 10 * 60,
    async run({ db, logger }) {
      const purged = await purgeExpiredSessions(db, idleMs);
      logger.info({ job: purgeExpiredSessionsJobName, purged }, 'expired sessions purged');
    },
  };
}

/**
 * A nightly job that folds rows of changes kept by triggers into one row per key, by calling a database
 * function (named by the feature that owns it, created by its migration) that returns how many rows it kept.
 */
export function foldingJob(name: string, cron: string, fold: string, message: string): JobDefinition {
  // The name is spliced into SQL, so it must be a plain identifier; features pass constants.
  if (!/^[a-z_][a-z0-9_]*$/.test(fold)) throw new Error(`foldingJob: "${fold}" is not the name of a database function.`);
  return {
    name,
    cron,
    expireInSeconds: 10 * 60,
    async run({ db, logger }) {
      const [row] = ((await db.execute(sql.raw(`select ${fold}() as kept`))) as unknown as { rows: { kept: number }[] }).rows;
      logger.info({ job: name, kept: Number(row?.kept ?? 0) }, message);
    },
  };
}

const queueSetupLock = 727003;

const silentLogger: JobLogger = { info: () => undefined, error: () => undefined };

/** pg-boss talks to PGlite through this adapter; PGlite has one connection, so queries queue up there. */
function pgliteAdapter(handle: DatabaseHandle): PgBoss.Db {
  return {
    async executeSql(text, values) {
      // Unlike node-postgres, PGlite does not turn undefined parameters into NULL.
      const params = values?.map((value: unknown) => (value === undefined ? null : value));
      return { rows: await handle.execute(text, params) };
    },
  };
}

function connectionOptions(handle: DatabaseHandle & { url?: string }, connectionString: string | undefined): PgBoss.DatabaseOptions {
  if (handle.kind === 'pglite') return { db: pgliteAdapter(handle) };
  const url = connectionString ?? handle.url;
  if (!url) throw new Error('startJobs needs the PostgreSQL connection string (pass connectionString).');
  // pg-boss keeps its own small pool, so a long job never starves the request pool.
  return { connectionString: url, max: 4, application_name: 'bureau-jobs' };
}

/**
 * Starts pg-boss (creating or upgrading its `pgboss` schema), declares a queue and schedule for each
 * job, and with runWorkers also polls for work and fires the cron schedules.
 */
export async function startJobs(
  handle: DatabaseHandle & { url?: string },
  options: JobsOptions & { connectionString?: string },
): Promise<Jobs> {
  const logger = options.logger ?? silentLogger;
  const boss = new PgBoss({
    ...connectionOptions(handle, options.connectionString),
    schedule: options.runWorkers,
    supervise: options.runWorkers,
  });
  // An 'error' event without a listener would crash the process; a failed poll is retried on the next tick.
  boss.on('error', (error) => logger.error({ err: error }, 'background job system error'));
  await boss.start();

  const byName = new Map(options.jobs.map((job) => [job.name, job]));
  // Two processes creating the same queue at once deadlock inside pg-boss (it attaches a partition), so take turns.
  await handle.withAdvisoryLock(queueSetupLock, async () => {
    for (const job of options.jobs) {
      if (!(await boss.getQueue(job.name))) {
        await boss.createQueue(job.name, {
          name: job.name,
          policy: 'stately',
          expireInSeconds: job.expireInSeconds ?? 15 * 60,
          retryLimit: 2,
          retryDelay: 60,
        });
      }
      if (job.cron) await boss.schedule(job.name, job.cron, {}, { tz: 'UTC' });
      else await boss.unschedule(job.name);
    }
  });

  if (options.runWorkers) {
    for (const job of options.jobs) {
      await boss.work(job.name, { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 }, async () => {
        try {
          await job.run({ db: handle.db, logger });
        } catch (error) {
          logger.error({ err: error, job: job.name }, 'background job failed');
          throw error;
        }
      });
    }
  }

  return {
    async send(name) {
      if (!byName.has(name)) throw new Error(`Unknown job "${name}"; known jobs: ${[...byName.keys()].join(', ')}.`);
      return (await boss.send(name, {})) ?? undefined;
    },
    async waitFor(name, id, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const job = await boss.getJobById(name, id, { includeArchive: true });
        if (job?.state === 'completed' || job?.state === 'failed' || job?.state === 'cancelled') return job.state;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return 'timed-out';
    },
    async stop() {
      await boss.stop({ graceful: true, wait: true, timeout: 30_000 });
    },
  };
}
