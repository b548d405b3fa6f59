/** Opens the database: embedded PGlite in a folder by default, or PostgreSQL when a URL is given. */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import * as schema from './schema.ts';
import { lockDataFolder, type FolderLock } from './folder-lock.ts';
import { loadTemplate, usableTemplate } from './template.ts';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Row = Record<string, unknown>;

export interface DatabaseHandle {
  kind: 'pglite' | 'postgres';
  db: Db;
  /** Runs raw SQL (one statement with parameters, or several without) and returns the last result's rows. */
  execute(text: string, values?: unknown[]): Promise<Row[]>;
  /** Runs fn while holding a PostgreSQL session advisory lock (PGlite has one connection: no lock needed). */
  withAdvisoryLock<T>(key: number, fn: () => Promise<T>): Promise<T>;
  /** The embedded database folder's lock, held until close (absent on PostgreSQL and in memory). */
  folderLock?: FolderLock;
  close(): Promise<void>;
}

/**
 * Added to PGlite's own start parameters: smaller buffers, since the embedded database serves one small
 * office, and PostgreSQL's 128 MB default shared_buffers would more than double the process's memory.
 */
const smallerBuffers = ['-c', 'shared_buffers=16MB', '-c', 'wal_buffers=1MB', '-c', 'temp_buffers=2MB', '-c', 'work_mem=4MB', '-c', 'maintenance_work_mem=16MB'];

/**
 * `holder` names this process in the folder's lock, for the message another process shows (default: the script's
 * name). `fsync: false` (PGLITE_FSYNC=false) keeps PGlite's own default: commits reach the operating system, not the disk.
 */
export type DatabaseLocation = { url: string } | { dataDir: string; holder?: string; fsync?: boolean } | { memory: true };

const initialiseScript = path.join(path.dirname(fileURLToPath(import.meta.url)), 'initialise-pglite.js');

/**
 * Gives a new data folder its database: from the template the build made (template.ts), written and synced
 * in this process in a fraction of a second; without a fitting template, by initdb in a child process, so
 * this process never holds initdb's memory. Nothing to do when the folder has one (PG_VERSION).
 */
async function initialiseDataDir(dataDir: string, synced: boolean): Promise<void> {
  if (fs.existsSync(path.join(dataDir, 'PG_VERSION'))) return;
  const template = usableTemplate();
  if (template) {
    await loadTemplate(template, dataDir, synced);
    return;
  }
  await promisify(execFile)(process.execPath, [initialiseScript, dataDir]);
  // initdb writes without syncing; once, the new folder goes to disk before anything is built on it.
  if (synced) (await import('./disk-sync.ts')).syncFolderToDisk(dataDir);
}

/** An in-memory database (tests) starts from the template too when there is one: no initdb, migrations mostly applied. */
function memoryTemplate(): Blob | undefined {
  const template = usableTemplate();
  return template ? new Blob([fs.readFileSync(template)], { type: 'application/x-tar' }) : undefined;
}

export async function openDatabase(location: DatabaseLocation): Promise<DatabaseHandle> {
  if ('url' in location) return openPostgres(location.url);
  // PGlite is imported only here: a server on PostgreSQL never holds its code.
  const [{ PGlite }, { drizzle: drizzlePglite }, { SyncedNodeFS, syncedStartParams }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('drizzle-orm/pglite'),
    import('./disk-sync.ts'),
  ]);
  const embeddedStartParams = [...PGlite.defaultStartParams, ...smallerBuffers];
  let folderLock: FolderLock | undefined;
  let client: PGlite;
  try {
    const synced = 'dataDir' in location && location.fsync !== false;
    if ('dataDir' in location) {
      // The lock comes before the folder is initialised: two first starts on one new folder must not both do it.
      folderLock = lockDataFolder(location.dataDir, location.holder ?? `node ${path.basename(process.argv[1] ?? 'node')}`);
      await initialiseDataDir(location.dataDir, synced);
    }
    client =
      synced && 'dataDir' in location
        ? new PGlite({ fs: new SyncedNodeFS(location.dataDir), startParams: syncedStartParams(embeddedStartParams) })
        : 'dataDir' in location
          ? new PGlite({ dataDir: location.dataDir, startParams: embeddedStartParams })
          : new PGlite({ loadDataDir: memoryTemplate(), startParams: embeddedStartParams });
    await client.waitReady;
  } catch (error) {
    folderLock?.release();
    throw error;
  }
  return {
    kind: 'pglite',
    db: drizzlePglite(client, { schema }) as unknown as Db,
    async execute(text, values) {
      if (values && values.length > 0) return (await client.query<Row>(text, values)).rows;
      const results = await client.exec(text);
      return (results.at(-1)?.rows ?? []) as Row[];
    },
    withAdvisoryLock: (_key, fn) => fn(),
    folderLock,
    async close() {
      try {
        await client.close();
      } finally {
        folderLock?.release();
      }
    },
  };
}

async function openPostgres(url: string): Promise<DatabaseHandle> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // A broken idle connection must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  return {
    kind: 'postgres',
    db: drizzlePostgres(pool, { schema }) as unknown as Db,
    async execute(text, values) {
      const result = await pool.query(text, values);
      const last = Array.isArray(result) ? result.at(-1) : result;
      return (last?.rows ?? []) as Row[];
    },
    async withAdvisoryLock(key, fn) {
      const connection = await pool.connect();
      try {
        await connection.query('select pg_advisory_lock($1)', [key]);
        return await fn();
      } finally {
        await connection.query('select pg_advisory_unlock($1)', [key]).catch(() => undefined);
        connection.release();
      }
    },
    close: () => pool.end(),
  };
}
