import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataFolderInUseError, describeHolder, lockDataFolder, lockFileName, readFolderHolder, type FolderLock } from './folder-lock.ts';

const folders: string[] = [];
const locks: FolderLock[] = [];

function folder(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ib-lock-'));
  folders.push(dir);
  return dir;
}

function lock(dataDir: string, program: string): FolderLock {
  const taken = lockDataFolder(dataDir, program);
  locks.push(taken);
  return taken;
}

afterEach(() => {
  for (const taken of locks.splice(0)) taken.release();
  for (const dir of folders.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('the data folder lock', () => {
  it('refuses a second holder and names the first, with its address once it has one', () => {
    const dataDir = folder();
    const server = lock(dataDir, 'bureau serve');
    server.describe({ address: 'http://127.0.0.1:3000', controlSocket: path.join(dataDir, 'bureau.sock') });
    let refusal: unknown;
    try {
      lock(dataDir, 'bureau backup');
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(DataFolderInUseError);
    const holder = (refusal as DataFolderInUseError).holder!;
    expect(holder).toMatchObject({ pid: process.pid, program: 'bureau serve', address: 'http://127.0.0.1:3000', controlSocket: path.join(dataDir, 'bureau.sock') });
    expect((refusal as Error).message).toMatch(
      new RegExp(`^The embedded database in ${dataDir} is in use by the Integrity Bureau server \\(pid ${process.pid}, http://127\\.0\\.0\\.1:3000, since [^)]+\\)\\. Only one process at a time may open it\\.$`),
    );
  });

  it('is free again once released, for the next holder', () => {
    const dataDir = folder();
    lockDataFolder(dataDir, 'bureau backup').release();
    const next = lock(dataDir, 'bureau serve');
    expect(next.dataDir).toBe(dataDir);
    expect(readFolderHolder(dataDir)).toMatchObject({ pid: process.pid, program: 'bureau serve' });
  });

  it('creates a new folder for its owner only, and the lock file readable by its owner only', () => {
    const dataDir = path.join(folder(), 'data');
    lock(dataDir, 'bureau serve');
    expect(fs.statSync(dataDir).mode & 0o077).toBe(0);
    expect(fs.statSync(path.join(dataDir, lockFileName)).mode & 0o777).toBe(0o600);
  });

  it('is dropped by the kernel when its holder is killed, without waiting for anything to go stale', async () => {
    const dataDir = folder();
    const script = `import { lockDataFolder } from ${JSON.stringify(path.resolve(import.meta.dirname, 'folder-lock.ts'))}; lockDataFolder(${JSON.stringify(dataDir)}, 'bureau serve'); console.log('locked'); setInterval(() => {}, 1000);`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => child.stdout.on('data', (d) => String(d).includes('locked') && resolve()));
    expect(() => lockDataFolder(dataDir, 'bureau backup')).toThrow(DataFolderInUseError);
    child.kill('SIGKILL');
    await new Promise((resolve) => child.on('exit', resolve));
    expect(lock(dataDir, 'bureau serve').dataDir).toBe(dataDir);
  }, 60_000);

  it.each([
    [undefined, 'another process'],
    [{ pid: 7, program: 'bureau serve', since: 'T' }, 'the Integrity Bureau server (pid 7, still starting, since T)'],
    [{ pid: 7, program: 'bureau serve', address: 'http://127.0.0.1:3000', since: 'T' }, 'the Integrity Bureau server (pid 7, http://127.0.0.1:3000, since T)'],
    [{ pid: 8, program: 'bureau backup', since: 'T' }, '`bureau backup` (pid 8, since T)'],
  ])('describes the holder %j as %s', (holder, words) => {
    expect(describeHolder(holder)).toBe(words);
  });
});
