/**
 * Where `bureau serve` listens: the demo (which prints its accounts' passwords) on the loopback address
 * unless HOST says otherwise; a server reachable from other machines without HTTPS and secure cookies
 * says so on the console.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const bureau = path.join(root, 'bin/bureau.js');
const tempDirs: string[] = [];

afterAll(() => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** An IPv4 address of this machine other than loopback, when it has one. */
function networkAddress(): string | undefined {
  return Object.values(os.networkInterfaces())
    .flat()
    .find((entry) => entry && entry.family === 'IPv4' && !entry.internal)?.address;
}

async function reachable(url: string): Promise<boolean> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(5000) })).ok;
  } catch {
    return false;
  }
}

function serve(args: string[], env: Record<string, string>): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ib-listen-'));
  tempDirs.push(dataDir);
  const child = spawn(process.execPath, [bureau, 'serve', ...args], { env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir, ...env }, cwd: root });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function waitForHealth(url: string, child: ChildProcess): Promise<void> {
  // A fresh installation runs initdb and every migration first (and the demo its 1,500 cases): allow minutes on a loaded machine.
  const deadline = Date.now() + 240_000;
  while (Date.now() < deadline && child.exitCode === null) {
    if (await reachable(`${url}/healthz`)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('server did not become healthy');
}

const port = () => 33_000 + Math.floor(Math.random() * 2000);

describe('the listening address', () => {
  it('serves the demo on 127.0.0.1 only when HOST is not set', async () => {
    const demoPort = port();
    const server = serve(['--demo'], { PORT: String(demoPort) });
    try {
      await waitForHealth(`http://127.0.0.1:${demoPort}`, server.child);
      expect(server.output()).toContain('127.0.0.1');
      const address = networkAddress();
      if (address) expect(await reachable(`http://${address}:${demoPort}/healthz`)).toBe(false);
      expect(server.output()).not.toContain('reachable from other machines');
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  }, 300_000);

  it('warns on the console when it listens beyond loopback without HTTPS and secure cookies', async () => {
    const openPort = port();
    const server = serve([], { PORT: String(openPort), HOST: '0.0.0.0', COOKIE_SECURE: 'false' });
    try {
      await waitForHealth(`http://127.0.0.1:${openPort}`, server.child);
      expect(server.output()).toContain('Warning: listening on 0.0.0.0, reachable from other machines');
      expect(server.output()).toContain('COOKIE_SECURE=false');
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  }, 300_000);
});
