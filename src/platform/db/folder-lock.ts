/** Keeps one process at a time on an embedded database folder, and tells the others which process holds it. */
import fs from 'node:fs';
import path from 'node:path';
import { tryLock, unlock } from 'fs-native-extensions';

/*
 * Why an operating-system lock: two PGlite instances on one folder each keep their own buffers and
 * write-ahead log, and the second silently destroys what the first writes (docs/operations.md). The
 * lock is an exclusive record lock on `bureau.lock` in the folder (Linux: an open-file-description
 * lock, fcntl F_OFD_SETLK; macOS: flock; Windows: LockFileEx) taken through fs-native-extensions,
 * which ships prebuilt binaries for those systems and is kept up by the Holepunch project. The kernel
 * drops the lock when the holder exits or is killed, so a crash never leaves a stale lock behind and
 * nothing has to guess from a pid or a timestamp whether the holder still lives. A lock file with a pid
 * check (or proper-lockfile's mkdir and mtime refresh) can be taken over by a second process while the
 * first still runs: pids are reused, and a busy event loop misses its refresh.
 *
 * The file's content only describes the holder (pid, program, address, control socket) for the
 * message another process shows; the lock itself is the kernel's.
 */

export const lockFileName = 'bureau.lock';

export interface FolderHolder {
  pid: number;
  /** What holds the folder, as an operator would type it: `bureau serve`, `bureau backup` … */
  program: string;
  /** The server's web address, once it listens. */
  address?: string;
  /** The server's control socket, once it accepts `bureau` commands there. */
  controlSocket?: string;
  since: string;
}

export interface FolderLock {
  readonly dataDir: string;
  /** Updates the description other processes read (a server adds its address and control socket). */
  describe(update: Partial<Pick<FolderHolder, 'address' | 'controlSocket'>>): void;
  release(): void;
}

/** Another process holds the folder; `holder` says which, when its description could be read. */
export class DataFolderInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: FolderHolder | undefined,
  ) {
    super(`The embedded database in ${dataDir} is in use by ${describeHolder(holder)}. Only one process at a time may open it.`);
    this.name = 'DataFolderInUseError';
  }
}

/** The holder in words: `the Integrity Bureau server (pid 4242, http://127.0.0.1:3000, since …)`. */
export function describeHolder(holder: FolderHolder | undefined): string {
  if (!holder) return 'another process';
  const what = holder.program === 'bureau serve' ? 'the Integrity Bureau server' : `\`${holder.program}\``;
  const details = [`pid ${holder.pid}`, holder.address ?? (holder.program === 'bureau serve' ? 'still starting' : undefined), `since ${holder.since}`].filter(Boolean);
  return `${what} (${details.join(', ')})`;
}

/** Reads who holds the folder's lock file; undefined when it is missing or being rewritten at this instant. */
export function readFolderHolder(dataDir: string): FolderHolder | undefined {
  try {
    const parsed = JSON.parse(fs.readFileSync(path.join(dataDir, lockFileName), 'utf8')) as Partial<FolderHolder>;
    return typeof parsed.pid === 'number' && typeof parsed.program === 'string' ? (parsed as FolderHolder) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Takes the folder's lock for this process, or throws DataFolderInUseError naming the holder. The folder
 * is created (readable by its owner only) when it does not exist yet.
 */
export function lockDataFolder(dataDir: string, program: string): FolderLock {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(dataDir, lockFileName);
  const fd = fs.openSync(file, fs.constants.O_RDWR | fs.constants.O_CREAT, 0o600);
  let granted = false;
  try {
    granted = tryLock(fd);
  } finally {
    if (!granted) fs.closeSync(fd);
  }
  if (!granted) throw new DataFolderInUseError(dataDir, readFolderHolder(dataDir));

  const holder: FolderHolder = { pid: process.pid, program, since: new Date().toISOString() };
  const write = () => {
    const text = Buffer.from(`${JSON.stringify(holder)}\n`);
    fs.ftruncateSync(fd, 0);
    fs.writeSync(fd, text, 0, text.length, 0);
  };
  write();
  let released = false;
  return {
    dataDir,
    describe(update) {
      if (released) return;
      Object.assign(holder, update);
      write();
    },
    release() {
      if (released) return;
      released = true;
      // The description stays: it is only read while someone holds the lock, and emptying it here would race a new holder.
      unlock(fd);
      fs.closeSync(fd);
    },
  };
}
