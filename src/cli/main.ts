/** The one `bureau` command: serve, migrate, demo data, users, entities, audit, backup and restore. */
import { loadConfig } from '../config.ts';
import { openConfiguredDatabase, startServer, stopOnSignals } from '../main.ts';
import { migrateDatabase } from '../platform/db/migrate.ts';
import { recordAudit, verifyAuditTrail } from '../platform/audit/audit.ts';
import { backupDatabase, restoreDatabase } from '../platform/db/backup.ts';
import { entityUsage, runAdminCommand, userUsage } from './admin-commands.ts';
import { runDemoCommand, seedAndPrint } from './demo-command.ts';
import { parseDemoCaseCount, runDemoCasesCommand } from './demo-cases.ts';
import { escrowKeygen, escrowReseal, escrowUsage, keyFileOf } from '../features/cases/escrow.ts';

const usage = `Usage: bureau <command>

  serve [--demo]        start the server (with --demo: fill an empty database with demo data first)
  migrate               apply database migrations
  demo                  fill an empty database with a demo administration and print the demo accounts
  demo --cases N        add N generated cases over several years (seeding the demo administration first if empty)
  audit verify          check the audit trail's hash chain
  backup FILE           write a consistent dump of the database to FILE
  restore FILE          restore FILE into an empty database (stop the server first on the embedded database)
${userUsage}
${entityUsage}
${escrowUsage}
`;

async function withDatabase<T>(fn: (database: Awaited<ReturnType<typeof openConfiguredDatabase>>) => Promise<T>): Promise<T> {
  const database = await openConfiguredDatabase(loadConfig());
  try {
    await migrateDatabase(database);
    return await fn(database);
  } finally {
    await database.close();
  }
}

export async function runCli(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'serve': {
      if (rest.some((arg) => arg !== '--demo')) break;
      const demo = rest.includes('--demo');
      // The demo prints its accounts' passwords: it listens on this machine only unless HOST says otherwise.
      const server = await startServer(loadConfig(undefined, {}, demo ? { host: '127.0.0.1' } : {}), demo ? { beforeListen: seedAndPrint } : {});
      stopOnSignals(server);
      return -1;
    }
    case 'migrate':
      await withDatabase(async () => console.log('Migrations applied.'));
      return 0;
    case 'audit': {
      if (rest[0] !== 'verify') break;
      const result = await withDatabase((database) => verifyAuditTrail(database.db));
      if (result.ok) {
        console.log(`Audit trail intact: ${result.rows} rows.`);
        return 0;
      }
      console.error(`Audit trail broken at row ${result.seq} (${result.problem}); ${result.rows} rows verified before it.`);
      return 2;
    }
    case 'user':
    case 'entity':
      return withDatabase((database) => runAdminCommand(database.db, command, rest));
    case 'demo': {
      if (rest[0] === '--cases') {
        const count = parseDemoCaseCount(rest);
        if (count === undefined) break;
        return withDatabase((database) => runDemoCasesCommand(database, count, { out: console.log }));
      }
      if (rest.length > 0) break;
      return withDatabase((database) => runDemoCommand(database, { out: console.log, err: console.error }));
    }
    case 'backup':
    case 'restore': {
      const file = rest[0];
      if (!file) break;
      const summary = await withDatabase(async (database) => {
        if (command === 'backup') return backupDatabase(database, file);
        const restored = await restoreDatabase(database, file);
        await recordAudit(database.db, { actorId: null, action: 'backup.restored', details: { tables: restored.tables } });
        return restored;
      });
      const rows = Object.values(summary.tables).reduce((sum, n) => sum + n, 0);
      console.log(`${command === 'backup' ? 'Backed up' : 'Restored'} ${rows} rows in ${Object.keys(summary.tables).length} tables ${command === 'backup' ? 'to' : 'from'} ${file}.`);
      return 0;
    }
    case 'escrow': {
      const file = keyFileOf(rest);
      if (!file) break;
      if (rest[0] === 'keygen') return escrowKeygen(file, console.log);
      if (rest[0] === 'reseal') return withDatabase((database) => escrowReseal(database.db, file, console.log));
      break;
    }
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
