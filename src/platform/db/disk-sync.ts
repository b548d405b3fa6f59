/**
 * Makes the embedded database's commits reach the disk before they are acknowledged.
 *
 * PGlite starts PostgreSQL with `-F` (fsync off), and even with fsync on its WebAssembly build syncs
 * nothing: PostgreSQL's fsync() lands in Emscripten's file system layer, whose NODEFS backend has no
 * fsync operation (the call returns success and does nothing), and fdatasync() is a no-op there. Writes
 * still reach the operating system (they survive a crash of this process), but not the disk (an operating
 * system crash or a power loss may lose them). Here the missing operation is supplied — a real fsync of the
 * host file — and PostgreSQL is started with fsync on and `wal_sync_method=fsync`, so it syncs what it
 * would sync on a server of its own: the write-ahead log at every commit, data files and directories at
 * checkpoints. See docs/operations.md (durability).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { NodeFS } from '@electric-sql/pglite/nodefs';

type PostgresModule = Parameters<NodeFS['init']>[1];

/** The part of an Emscripten NODEFS stream this needs: the host file descriptor it opened. */
interface HostStream {
  nfd?: number;
}

interface NodeFsWithOperations {
  stream_ops: { fsync?: (stream: HostStream) => number };
}

/** PGlite's NODEFS data folder whose fsync() reaches the host file. */
export class SyncedNodeFS extends NodeFS {
  override async init(pg: PGlite, options: Partial<PostgresModule>): Promise<{ emscriptenOpts: Partial<PostgresModule> }> {
    const { emscriptenOpts } = await super.init(pg, options);
    const supplyFsync = (module: PostgresModule) => {
      const nodefs = module.NODEFS as unknown as NodeFsWithOperations;
      nodefs.stream_ops.fsync = (stream) => {
        // A directory opened for fsync has a descriptor too (PostgreSQL syncs directories after a rename).
        if (stream.nfd !== undefined) fs.fsyncSync(stream.nfd);
        return 0;
      };
    };
    return { emscriptenOpts: { ...emscriptenOpts, preRun: [...(emscriptenOpts.preRun ?? []), supplyFsync] } };
  }
}

/** Start parameters that turn PostgreSQL's own syncing on: without `-F`, with the one sync method that works here. */
export function syncedStartParams(startParams: readonly string[]): string[] {
  return [...startParams.filter((parameter) => parameter !== '-F'), '-c', 'fsync=on', '-c', 'wal_sync_method=fsync'];
}

/**
 * Syncs every file and directory of a folder to disk: once, after initdb, which PGlite runs without
 * syncing. (After a crash, PostgreSQL's recovery syncs the whole folder itself.)
 */
export function syncFolderToDisk(folder: string): void {
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    const entryPath = path.join(folder, entry.name);
    if (entry.isDirectory()) syncFolderToDisk(entryPath);
    else if (entry.isFile()) syncPath(entryPath);
  }
  syncPath(folder);
}

function syncPath(target: string): void {
  const descriptor = fs.openSync(target, 'r');
  try {
    fs.fsyncSync(descriptor);
  } finally {
    fs.closeSync(descriptor);
  }
}
