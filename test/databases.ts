/** Test helper: a fresh, migrated, empty database of either kind (PGlite always, PostgreSQL when DATABASE_URL is set). */
import crypto from 'node:crypto';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '../src/platform/db/client.ts';
import { migrateDatabase } from '../src/platform/db/migrate.ts';

export type DatabaseKind = 'pglite' | 'postgres';

/** The PostgreSQL server tests may create databases on (CI sets it); tests skip PostgreSQL without it. */
export const postgresServerUrl: string | undefined = process.env.DATABASE_URL || undefined;

export const databaseKinds: DatabaseKind[] = postgresServerUrl ? ['pglite', 'postgres'] : ['pglite'];

export type TestDatabase = DatabaseHandle & { url?: string };

/** Runs one statement on the server's own database (CREATE/DROP DATABASE cannot run inside a pool transaction). */
async function onServer(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresServerUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Opens a brand-new database of the given kind with all migrations applied; close() also drops it on PostgreSQL. */
export async function freshDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const handle = await openDatabase({ memory: true });
    await migrateDatabase(handle);
    return handle;
  }
  if (!postgresServerUrl) throw new Error('freshDatabase("postgres") needs DATABASE_URL to point at a PostgreSQL server.');
  // A random name lets test files run in parallel on one server without seeing each other.
  const name = `ib_test_${crypto.randomBytes(6).toString('hex')}`;
  await onServer(`create database ${name}`);
  const url = databaseUrl(postgresServerUrl, name);
  const handle = await openDatabase({ url });
  try {
    await migrateDatabase(handle);
  } catch (error) {
    await handle.close();
    await onServer(`drop database if exists ${name} with (force)`);
    throw error;
  }
  return {
    ...handle,
    url,
    async close() {
      await handle.close();
      await onServer(`drop database if exists ${name} with (force)`);
    },
  };
}
