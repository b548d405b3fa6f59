/** Entry: read configuration, open and migrate the database, build the app, listen, and shut down gracefully. */
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import { exposureWarning, loadConfig, type Config } from './config.ts';
import { openDatabase, type DatabaseHandle } from './platform/db/client.ts';
import { migrateDatabase } from './platform/db/migrate.ts';
import { createLogger } from './platform/logging.ts';
import { issueSetupToken } from './features/setup/service.ts';
import { startJobs } from './platform/jobs/jobs.ts';
import { jobDefinitions } from './jobs.ts';
import { controlSocketName, fitsSocketAddress, openControlSocket, type ControlSocket } from './cli/control-socket.ts';
import { runDatabaseCommand } from './cli/database-commands.ts';
import { readOrCreateSigningKey } from './platform/audit/checkpoints.ts';

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

/** `holder` names this process in the embedded database folder's lock (`bureau serve`, `bureau backup` …). */
export function openConfiguredDatabase(config: Config, holder: string): Promise<DatabaseHandle> {
  return openDatabase(config.databaseUrl ? { url: config.databaseUrl } : { dataDir: config.dataDir, holder, fsync: config.pgliteFsync });
}

/**
 * On the embedded database this server is the only process that may open the folder, so `bureau` commands
 * reach the database through it: a control socket in the data folder (src/cli/control-socket.ts).
 * PostgreSQL takes many connections, so there the commands connect themselves.
 */
async function openControlSocketFor(config: Config, database: DatabaseHandle, logger: ReturnType<typeof createLogger>): Promise<ControlSocket | undefined> {
  if (!database.folderLock) return undefined;
  const socketPath = path.join(config.dataDir, controlSocketName);
  if (!fitsSocketAddress(socketPath)) {
    logger.warn({ socketPath }, 'DATA_DIR is too long a path for a control socket: bureau commands cannot run while this server runs');
    return undefined;
  }
  return openControlSocket(
    socketPath,
    (argv, cwd, io) => runDatabaseCommand(argv, { database, dataDir: config.dataDir, cwd, audit: config.audit, io }),
    (error, command) => logger.error({ err: error, command }, 'a bureau command on the control socket failed'),
  );
}

export interface StartOptions {
  /** Runs before the app is built, on the migrated database (used for demo data). */
  beforeListen?: (database: DatabaseHandle) => Promise<void>;
}

/**
 * On PostgreSQL several processes may serve together, and their rate limits only add up to one count
 * when they hash addresses under the same secret; one kept in the database would let its readers test
 * addresses, so the operator gives it to every process instead.
 */
function missingRateLimitSecret(config: Config): string | undefined {
  if (!config.databaseUrl || config.rateLimitSecret) return undefined;
  return 'RATE_LIMIT_SECRET is needed with DATABASE_URL: set it to the same random value on every process (e.g. the output of `openssl rand -base64 32`), so their per-address rate limits count together.';
}

export async function startServer(config: Config, options: StartOptions = {}): Promise<RunningServer> {
  const missingSecret = missingRateLimitSecret(config);
  if (missingSecret) throw new Error(`Invalid configuration: ${missingSecret}`);
  const logger = createLogger(config.logLevel);
  const database = await openConfiguredDatabase(config, 'bureau serve');
  // The key that signs audit checkpoints exists from the first start (so its public key can be kept elsewhere at once), and a bad one stops the start.
  if (config.runJobs) readOrCreateSigningKey(config.audit.signingKeyFile);
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
  const control = await openControlSocketFor(config, database, logger);
  database.folderLock?.describe({ address: url, controlSocket: control?.path });
  logger.info({ database: database.kind }, `Integrity Bureau listening on ${shownUrl}`);
  const warning = exposureWarning(config);
  if (warning) {
    logger.warn({ host: config.host }, 'listening beyond loopback without HTTPS and secure cookies');
    console.warn(`\n  ${warning}\n`);
  }
  if (setupToken) {
    // Printed, never logged to a file: whoever reads the console can finish the setup.
    console.log(`\n  This installation is empty. Open ${shownUrl}/setup and use this setup token:\n\n      ${setupToken}\n`);
  }
  let stopping: Promise<void> | undefined;
  const stop = ({ drainMs = 0 } = {}) =>
    (stopping ??= (async () => {
      app.parts.readiness.startDraining();
      // No new bureau commands once the server is going; one already running finishes with the database.
      await control?.close();
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
