/**
 * Test and bench helper: a migrated, installed reporting point in a PGlite folder or a PostgreSQL database
 * of its own, for a server started as a child process (bench/server-process.ts), and read again after it stopped.
 */
import { openDatabase, type DatabaseHandle } from '../src/platform/db/client.ts';
import { migrateDatabase } from '../src/platform/db/migrate.ts';
import { removeDirectory, temporaryDirectory, temporaryPostgresDatabase, type Storage } from '../bench/server-process.ts';
import { installReportingPoint } from './reporting-world.ts';

export interface InstalledStorage {
  storage: Storage;
  /** Opens the database (after the server has stopped, on PGlite). */
  open(): Promise<DatabaseHandle>;
  remove(): Promise<void>;
}

export async function installedStorage(kind: 'pglite' | 'postgres'): Promise<InstalledStorage> {
  let storage: Storage;
  let remove: () => Promise<void>;
  if (kind === 'pglite') {
    const dataDir = temporaryDirectory('installed');
    storage = { dataDir };
    remove = async () => removeDirectory(dataDir);
  } else {
    const database = await temporaryPostgresDatabase();
    storage = { databaseUrl: database.url };
    remove = () => database.drop();
  }
  const open = () => openDatabase('dataDir' in storage ? { dataDir: storage.dataDir } : { url: storage.databaseUrl });
  const database = await open();
  try {
    await migrateDatabase(database);
    await installReportingPoint(database);
  } finally {
    await database.close();
  }
  return { storage, open, remove };
}
