import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const bureau = path.join(root, 'bin/bureau.js');
const tempDirs: string[] = [];

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ib-cli-'));
  tempDirs.push(dir);
  return dir;
}

/** Runs `bureau ARGS` to completion with a clean environment of our own. */
function run(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bureau, ...args], { env: { PATH: process.env.PATH ?? '', ...env }, cwd: root });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

async function waitForHealth(url: string, child: ChildProcess): Promise<void> {
  // A fresh installation runs initdb and every migration first: ~10 s alone, several times that on a loaded CI machine.
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline && child.exitCode === null) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('server did not become healthy');
}

afterAll(() => {
  // The audit signing key of a served installation is created beside its data folder, not inside it.
  for (const dir of tempDirs) for (const file of [dir, `${dir}.audit-signing.key`, `${dir}.audit-checkpoints.jsonl`]) fs.rmSync(file, { recursive: true, force: true });
});

describe('the bureau command', () => {
  it('serves, prints a setup token for an empty installation, and stops gracefully on SIGTERM', async () => {
    const port = 31_000 + Math.floor(Math.random() * 2000);
    const child = spawn(process.execPath, [bureau, 'serve'], {
      env: { PATH: process.env.PATH ?? '', DATA_DIR: tempDir(), PORT: String(port), HOST: '127.0.0.1' },
      cwd: root,
    });
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await waitForHealth(`http://127.0.0.1:${port}`, child);
    expect(stdout).toMatch(/setup token:\s+\S{20,}/);
    const setup = await fetch(`http://127.0.0.1:${port}/`, { redirect: 'manual' });
    expect(setup.headers.get('location')).toBe('/setup');
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 150_000);

  it('backs up, restores into an empty installation and verifies the audit trail', async () => {
    const source = tempDir();
    const target = tempDir();
    const file = path.join(tempDir(), 'backup.jsonl.gz');
    // A server run creates the schema; a verify of the empty trail passes.
    expect((await run(['audit', 'verify'], { DATA_DIR: source })).code).toBe(0);
    const backup = await run(['backup', file], { DATA_DIR: source });
    expect(backup.stdout).toContain('Backed up');
    expect(backup.code).toBe(0);
    const restore = await run(['restore', file], { DATA_DIR: target });
    expect(restore.code).toBe(0);
    const verify = await run(['audit', 'verify'], { DATA_DIR: target });
    expect(verify.stdout).toContain('Audit trail intact: 1 rows.');
    const again = await run(['restore', file], { DATA_DIR: target });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^bureau: .*not empty|^bureau: /m);
    expect(again.stderr).not.toMatch(/\n\s+at /);
    // Five bureau processes in a row, two of them on fresh installations.
  }, 240_000);

  it('explains its usage and refuses an unknown command', async () => {
    const result = await run(['frobnicate'], { DATA_DIR: tempDir() });
    expect(result.code).toBe(64);
    expect(result.stderr).toContain('Usage: bureau');
  });
});
