/** Entry: read configuration, open and migrate the database, build the app, listen, and shut down gracefully. */
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import { loadConfig, type Config } from './config.ts';
import { openDatabase, type DatabaseHandle } from './platform/db/client.ts';
import { migrateDatabase } from './platform/db/migrate.ts';
import { createLogger } from './platform/logging.ts';
import { issueSetupToken } from './features/setup/service.ts';
import { purgeExpiredSessionsJob, startJobs, type JobDefinition } from './platform/jobs/jobs.ts';
import { purgeReportingLeftoversJob } from './features/reporting/jobs.ts';
import { caseRemindersJob, compactCaseTalliesJob } from './features/cases/jobs.ts';
import { compactStatisticsJob } from './features/figures/jobs.ts';
import { createMailer } from './platform/mail/mailer.ts';
import { purgeExpiredCasesJob } from './features/cases/commands/purge-expired.ts';

/** Every background job of the product; features add theirs here. */
export function jobDefinitions(config: Config): JobDefinition[] {
  return [purgeExpiredSessionsJob(config.sessionIdleMs), purgeReportingLeftoversJob, purgeExpiredCasesJob, compactCaseTalliesJob, compactStatisticsJob, caseRemindersJob(createMailer(config.smtpUrl, config.mailFrom, createLogger(config.logLevel)))];
}

export interface RunningServer {
  app: FastifyInstance;
  database: DatabaseHandle;
  url: string;
  /**
   * Drains, then stops: /readyz fails and every answer closes its connection at once; after drainMs
   * (still serving, so a load balancer has time to turn away) the server stops listening, closes idle
   * connections, finishes the requests in flight, and closes jobs and database.
   */
  stop(options?: { drainMs?: number }): Promise<void>;
}

export function openConfiguredDatabase(config: Config): Promise<DatabaseHandle> {
  return openDatabase(config.databaseUrl ? { url: config.databaseUrl } : { dataDir: config.dataDir, fsync: config.pgliteFsync });
}

export interface StartOptions {
  /** Runs before the app is built, on the migrated database (used for demo data). */
  beforeListen?: (database: DatabaseHandle) => Promise<void>;
}

export async function startServer(config: Config, options: StartOptions = {}): Promise<RunningServer> {
  const logger = createLogger(config.logLevel);
  const database = await openConfiguredDatabase(config);
  await migrateDatabase(database);
  await options.beforeListen?.(database);
  const setupToken = await issueSetupToken(database.db);
  const app = await buildApp({ config, database, logger });
  const url = await app.listen({ port: config.port, host: config.host });
  // Jobs start after listening, so the first /healthz answer does not wait for pg-boss's schema.
  const jobs = await startJobs(database, {
    jobs: jobDefinitions(config),
    runWorkers: config.runJobs,
    logger,
    connectionString: config.databaseUrl,
  });
  const shownUrl = `http://localhost:${new URL(url).port}`;
  logger.info({ database: database.kind }, `Integrity Bureau listening on ${shownUrl}`);
  if (setupToken) {
    // Printed, never logged to a file: whoever reads the console can finish the setup.
    console.log(`\n  This installation is empty. Open ${shownUrl}/setup and use this setup token:\n\n      ${setupToken}\n`);
  }
  let stopping: Promise<void> | undefined;
  const stop = ({ drainMs = 0 } = {}) =>
    (stopping ??= (async () => {
      app.parts.readiness.startDraining();
      if (drainMs > 0) await sleep(drainMs);
      await app.close();
      await jobs.stop();
      await database.close();
    })());
  return { app, database, url: shownUrl, stop };
}

/**
 * Stops on SIGTERM after draining for SHUTDOWN_DRAIN_SECONDS (an orchestrator's stop), on SIGINT without
 * the wait (Ctrl-C at a terminal); either way in-flight requests finish, then the database closes.
 * Whatever still runs 10 s after the drain is cut off.
 */
export function stopOnSignals(server: RunningServer): void {
  const onSignal = (signal: string) => {
    const drain = signal === 'SIGTERM' ? server.app.parts.config.shutdownDrainMs : 0;
    server.app.log.info({ signal, drainMs: drain }, 'shutting down');
    const timer = setTimeout(() => process.exit(1), drain + 10_000);
    timer.unref();
    server.stop({ drainMs: drain }).then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const server = await startServer(loadConfig());
  stopOnSignals(server);
}
