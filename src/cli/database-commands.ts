/**
 * The `bureau` commands that work on the database, written once for a database handle: the command line
 * runs them on a database it opens itself, or the running server runs them on its own through the
 * control socket (src/cli/control-socket.ts).
 */
import path from 'node:path';
import type { DatabaseHandle } from '../platform/db/client.ts';
import { migrateDatabase } from '../platform/db/migrate.ts';
import type { Config } from '../config.ts';
import { verifyAuditTrail } from '../platform/audit/verify.ts';
import { parseAuditArguments, prepareAuditVerify, printAuditVerification } from './audit-command.ts';
import { backupDatabase } from '../platform/db/backup.ts';
import { runAdminCommand, type CliOutput } from './admin-commands.ts';
import { runDemoCommand } from './demo-command.ts';
import { demoAccountsFile } from './demo.ts';
import { parseDemoCaseCount, runDemoCasesCommand } from './demo-cases.ts';
import { escrowReseal, keyFileOf } from '../features/cases/service.ts';

export interface DatabaseCommandContext {
  database: DatabaseHandle;
  /** The data folder (DATA_DIR), where the demo leaves its accounts file. */
  dataDir: string;
  /** The folder the operator typed the command in: file names are relative to it, not to the server's. */
  cwd: string;
  /** Where the audit trail's signing key and checkpoints are, for `audit verify`. */
  audit: Config['audit'];
  io: CliOutput;
}

/** The command line was not one of these commands: the caller shows the usage. */
export const notADatabaseCommand = 'usage';

/** Whether argv names a command that needs the database (`restore` does not count: it refuses a running server). */
export function isDatabaseCommand(argv: readonly string[]): boolean {
  const [command, sub] = argv;
  if (command === 'escrow') return sub === 'reseal';
  if (command === 'audit') return sub === 'verify';
  return command === 'migrate' || command === 'audit' || command === 'user' || command === 'entity' || command === 'demo' || command === 'backup';
}

/** Runs one database command and returns its exit code, or `usage` when the command line is not one. */
export async function runDatabaseCommand(argv: readonly string[], context: DatabaseCommandContext): Promise<number | typeof notADatabaseCommand> {
  const { database, io } = context;
  const [command, ...rest] = argv;
  switch (command) {
    case 'migrate':
      await migrateDatabase(database);
      io.out('Migrations applied.');
      return 0;
    case 'audit': {
      const args = parseAuditArguments([...rest]);
      if (args?.command !== 'verify') break;
      const files = args.checkpointFiles.map((file) => path.resolve(context.cwd, file));
      const prepared = prepareAuditVerify({ ...args, checkpointFiles: files }, context.audit);
      const result = await verifyAuditTrail(database.db, prepared.options);
      return printAuditVerification(result, prepared.checkpointFiles, io.out, io.err);
    }
    case 'user':
    case 'entity':
      return runAdminCommand(database.db, command, [...rest], io);
    case 'demo': {
      if (rest[0] === '--cases') {
        const count = parseDemoCaseCount(rest);
        if (count === undefined) break;
        return runDemoCasesCommand(database, count, io, demoAccountsFile(context.dataDir));
      }
      if (rest.length > 0) break;
      return runDemoCommand(database, context.dataDir, io);
    }
    case 'backup': {
      const file = rest[0];
      if (!file) break;
      const target = path.resolve(context.cwd, file);
      const summary = await backupDatabase(database, target);
      const rows = Object.values(summary.tables).reduce((sum, n) => sum + n, 0);
      io.out(`Backed up ${rows} rows in ${Object.keys(summary.tables).length} tables to ${file}.`);
      return 0;
    }
    case 'escrow': {
      const file = keyFileOf([...rest]);
      if (rest[0] !== 'reseal' || !file) break;
      return escrowReseal(database.db, path.resolve(context.cwd, file), (line) => io.out(line));
    }
    default:
      break;
  }
  return notADatabaseCommand;
}
