import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { openDatabase, type DatabaseHandle } from './client.ts';
import { syncedStartParams } from './disk-sync.ts';

// What reaches the disk is observed where it happens: every fsync(2) the process makes goes through
// fs.fsyncSync, and /proc/self/fd names the file each descriptor belongs to (Linux, as in CI).
const folders: string[] = [];
const handles: DatabaseHandle[] = [];

function newFolder(): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ib-disk-sync-'));
  folders.push(folder);
  return folder;
}

async function open(dataDir: string, fsync: boolean): Promise<DatabaseHandle> {
  const handle = await openDatabase({ dataDir, fsync });
  handles.push(handle);
  return handle;
}

const realFsync = fs.fsyncSync;

/** Runs work and returns the files (relative to the folder) that were fsynced meanwhile. */
async function filesSyncedDuring(folder: string, work: () => Promise<unknown>): Promise<string[]> {
  const synced: string[] = [];
  vi.spyOn(fs, 'fsyncSync').mockImplementation((descriptor: number) => {
    synced.push(path.relative(folder, fs.readlinkSync(`/proc/self/fd/${descriptor}`)));
    realFsync(descriptor);
  });
  try {
    await work();
  } finally {
    vi.restoreAllMocks();
  }
  return synced;
}

afterEach(() => vi.restoreAllMocks());
afterAll(async () => {
  for (const handle of handles) await handle.close().catch(() => undefined);
  for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
});

describe('the embedded database on disk', () => {
  it('starts PostgreSQL with fsync on and the one sync method the WebAssembly build carries out', () => {
    const params = syncedStartParams(['-F', '-O', '-c', 'shared_buffers=16MB']);
    expect(params).not.toContain('-F');
    expect(params.join(' ')).toContain('-c fsync=on -c wal_sync_method=fsync');
    expect(params.join(' ')).toContain('-c shared_buffers=16MB');
  });

  it('syncs the write-ahead log to disk before a commit returns', { timeout: 120_000 }, async () => {
    const folder = newFolder();
    const database = await open(folder, true);
    const [settings] = await database.execute("select current_setting('fsync') as fsync, current_setting('wal_sync_method') as method");
    expect(settings).toEqual({ fsync: 'on', method: 'fsync' });
    await database.execute('create table durable_probe (value integer)');
    const synced = await filesSyncedDuring(folder, () => database.execute('insert into durable_probe values ($1)', [1]));
    expect(synced.some((file) => file.startsWith(`pg_wal${path.sep}`))).toBe(true);
  });

  it('syncs data files and directories at a checkpoint', { timeout: 120_000 }, async () => {
    const folder = newFolder();
    const database = await open(folder, true);
    await database.execute('create table checkpoint_probe (value integer)');
    await database.execute('insert into checkpoint_probe values ($1)', [1]);
    const synced = await filesSyncedDuring(folder, () => database.execute('checkpoint'));
    expect(synced.some((file) => file.startsWith(`base${path.sep}`))).toBe(true);
    expect(synced).toContain('global/pg_control');
  });

  it('syncs nothing when an operator turned syncing off (PGLITE_FSYNC=false)', { timeout: 120_000 }, async () => {
    const folder = newFolder();
    const database = await open(folder, false);
    const [settings] = await database.execute("select current_setting('fsync') as fsync");
    expect(settings).toEqual({ fsync: 'off' });
    await database.execute('create table unsynced_probe (value integer)');
    const synced = await filesSyncedDuring(folder, async () => {
      await database.execute('insert into unsynced_probe values ($1)', [1]);
      await database.execute('checkpoint');
    });
    expect(synced).toEqual([]);
  });
});
