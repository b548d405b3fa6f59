/** The one `bureau` command: serve, migrate, demo data, users, entities, audit, backup and restore, translations. */
import { setTimeout as sleep } from 'node:timers/promises';
import { loadConfig } from '../config.ts';
import { openConfiguredDatabase, startServer, stopOnSignals } from '../main.ts';
import { migrateDatabase } from '../platform/db/migrate.ts';
import { recordAudit } from '../platform/audit/audit.ts';
import { restoreDatabase } from '../platform/db/backup.ts';
import { DataFolderInUseError } from '../platform/db/folder-lock.ts';
import { consoleOutput, entityUsage, userUsage } from './admin-commands.ts';
import { seedAndPrint } from './demo-command.ts';
import { escrowKeygen, escrowUsage, keyFileOf } from '../features/cases/service.ts';
import { isDatabaseCommand, runDatabaseCommand } from './database-commands.ts';
import { runThroughServer } from './control-socket.ts';
import { auditUsage, parseAuditArguments, printAuditPublicKey } from './audit-command.ts';
import { runTranslationsCommand, translationsUsage } from './translations-command.ts';

const usage = `Usage: bureau <command>

  serve [--demo]        start the server (with --demo: fill an empty database with demo data first)
  migrate               apply database migrations
  demo                  fill an empty database with a demo administration and print the demo accounts
  demo --cases N        add N generated cases over several years (seeding the demo administration first if empty)
${auditUsage}
  backup FILE           write a consistent dump of the database to FILE
  restore FILE          restore FILE into an empty database (stop the server first on the embedded database)
${userUsage}
${entityUsage}
${escrowUsage}
${translationsUsage}
`;

/** How long a command waits for a starting server to open its control socket (initdb and migrations come first). */
const serverStartWaitMs = 120_000;

/** Names the process in the data folder's lock as the operator typed it: `bureau backup`, `bureau user add` … */
function holderName(argv: readonly string[]): string {
  const [command, sub] = argv;
  return ['user', 'entity', 'audit', 'escrow'].includes(command ?? '') && sub && !sub.startsWith('-') ? `bureau ${command} ${sub}` : `bureau ${command}`;
}

/**
 * Runs a command that needs the database. On the embedded database only one process may open the folder:
 * while a server holds it, the command runs inside that server through its control socket; otherwise this
 * process opens (and holds) the folder itself. On PostgreSQL the command always connects itself.
 */
async function runOnDatabase(argv: string[]): Promise<number | 'usage'> {
  const config = loadConfig();
  const deadline = Date.now() + serverStartWaitMs;
  for (;;) {
    let database;
    try {
      database = await openConfiguredDatabase(config, holderName(argv));
    } catch (error) {
      if (!(error instanceof DataFolderInUseError)) throw error;
      const holder = error.holder;
      if (holder?.program !== 'bureau serve') throw new Error(`${error.message} Try again when it has finished.`);
      if (holder.controlSocket) return runThroughServer(holder.controlSocket, argv, process.cwd(), consoleOutput);
      // A server that listens without a socket has none (its log says why); one without an address is still starting.
      if (holder.address) throw new Error(`${error.message} It takes no commands (it has no control socket; see its log): stop it to run this one.`);
      if (Date.now() > deadline) throw new Error(`${error.message} It does not take commands (it has no control socket yet); try again once it has started.`);
      await sleep(500);
      continue;
    }
    try {
      await migrateDatabase(database);
      return await runDatabaseCommand(argv, { database, dataDir: config.dataDir, cwd: process.cwd(), audit: config.audit, io: consoleOutput });
    } finally {
      await database.close();
    }
  }
}

/** `bureau restore FILE`: only into a database this process has to itself, never under a running server. */
async function restore(file: string): Promise<number> {
  let database;
  try {
    database = await openConfiguredDatabase(loadConfig(), 'bureau restore');
  } catch (error) {
    if (error instanceof DataFolderInUseError) throw new Error(`${error.message} Stop it before restoring: a restore needs the database to itself.`);
    throw error;
  }
  try {
    await migrateDatabase(database);
    const restored = await restoreDatabase(database, file);
    await recordAudit(database.db, { actorId: null, action: 'backup.restored', details: { tables: restored.tables } });
    const rows = Object.values(restored.tables).reduce((sum, n) => sum + n, 0);
    console.log(`Restored ${rows} rows in ${Object.keys(restored.tables).length} tables from ${file}.`);
    return 0;
  } finally {
    await database.close();
  }
}

export async function runCli(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (isDatabaseCommand(argv)) {
    const code = await runOnDatabase(argv);
    if (code !== 'usage') return code;
  }
  switch (command) {
    case 'serve': {
      if (rest.some((arg) => arg !== '--demo')) break;
      const demo = rest.includes('--demo');
      // The demo prints its accounts' passwords: it listens on this machine only unless HOST says otherwise.
      const config = loadConfig(undefined, {}, demo ? { host: '127.0.0.1' } : {});
      try {
        const server = await startServer(config, demo ? { beforeListen: (database) => seedAndPrint(database, config.dataDir) } : {});
        stopOnSignals(server);
      } catch (error) {
        if (error instanceof DataFolderInUseError) throw new Error(`${error.message} Stop it first, or give this server another DATA_DIR.`);
        throw error;
      }
      return -1;
    }
    case 'restore': {
      const file = rest[0];
      if (!file) break;
      return restore(file);
    }
    case 'audit': {
      // `audit verify` needs the database and ran above; printing the public key needs only the key file.
      if (parseAuditArguments(rest)?.command === 'public-key') return printAuditPublicKey(loadConfig(), console.log, console.error);
      break;
    }
    case 'escrow': {
      const file = keyFileOf(rest);
      if (file && rest[0] === 'keygen') return escrowKeygen(file, console.log);
      break;
    }
    case 'translations':
      return runTranslationsCommand(rest);
    default:
      break;
  }
  console.error(usage);
  return command === undefined || command === 'help' || command === '--help' ? 0 : 64;
}

try {
  const code = await runCli(process.argv.slice(2));
  if (code >= 0) process.exit(code);
} catch (error) {
  // An operator needs the reason, not a stack trace; LOG_LEVEL=debug is not needed to see it.
  console.error(`bureau: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
