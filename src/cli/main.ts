/** The one `bureau` command: serve, migrate, demo data, users, entities, audit, backup and restore. */
import { loadConfig } from '../config.ts';
import { openConfiguredDatabase, startServer, stopOnSignals } from '../main.ts';
import { migrateDatabase } from '../platform/db/migrate.ts';
import { verifyAuditTrail } from '../platform/audit/audit.ts';

const usage = `Usage: bureau <command>

  serve [--demo]        start the server (with --demo: fill an empty database with demo data first)
  migrate               apply database migrations
  demo                  fill an empty database with a demo administration and print the demo accounts
  audit verify          check the audit trail's hash chain
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
      const server = await startServer(loadConfig());
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
    default:
      break;
  }
  console.error(usage);
  return command === undefined || command === 'help' || command === '--help' ? 0 : 64;
}

const code = await runCli(process.argv.slice(2));
if (code >= 0) process.exit(code);
