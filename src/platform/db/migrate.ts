/** Applies the committed SQL migrations in `migrations/` (the same files on PGlite and PostgreSQL). */
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePostgres } from 'drizzle-orm/node-postgres/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { DatabaseHandle } from './client.ts';
import { migrationsFolder } from './files.ts';

export async function migrateDatabase(handle: DatabaseHandle): Promise<void> {
  // Two processes starting together on one PostgreSQL must not both migrate: hold an advisory lock.
  if (handle.kind === 'postgres') {
    await handle.withAdvisoryLock(727001, () => migratePostgres(handle.db as unknown as NodePgDatabase, { migrationsFolder }));
    return;
  }
  await migratePglite(handle.db as unknown as PgliteDatabase, { migrationsFolder });
}
