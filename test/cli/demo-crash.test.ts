import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/platform/db/client.ts';
import { verifyPassword } from '../../src/platform/auth/passwords.ts';

const root = path.resolve(import.meta.dirname, '../..');
const bureau = path.join(root, 'bin/bureau.js');
const tempDirs: string[] = [];

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ib-demo-crash-'));
  tempDirs.push(dir);
  return dir;
}

const environment = (dataDir: string) => ({ PATH: process.env.PATH ?? '', DATA_DIR: dataDir, LOG_LEVEL: 'warn' });

/** Starts `bureau demo` and kills it with SIGKILL as soon as `killWhen` holds (checked every few milliseconds, for at most 5 minutes). */
async function demoKilledWhen(dataDir: string, killWhen: (stdout: string) => boolean): Promise<void> {
  const child = spawn(process.execPath, [bureau, 'demo'], { env: environment(dataDir), cwd: root, stdio: ['ignore', 'pipe', 'ignore'] });
  let stdout = '';
  child.stdout.on('data', (d) => (stdout += d));
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const deadline = Date.now() + 300_000;
  while (child.exitCode === null && Date.now() < deadline && !killWhen(stdout)) await new Promise((r) => setTimeout(r, 2));
  expect(child.exitCode, 'the demo finished before the moment to kill it').toBeNull();
  child.kill('SIGKILL');
  await exited;
}

function runDemo(dataDir: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bureau, 'demo'], { env: environment(dataDir), cwd: root });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The accounts (e-mail, password) the file names, and whether each signs in against the database's own password hashes. */
async function accountsThatSignIn(dataDir: string, file: string): Promise<{ named: number; signIn: number; users: number }> {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const accounts = lines.map((line) => /^(\S+@demo\.example)\s+(\S+)/.exec(line)).filter((m): m is RegExpExecArray => m !== null);
  const database = await openDatabase({ dataDir, holder: 'demo-crash test' });
  try {
    let signIn = 0;
    for (const [, email, password] of accounts) {
      const [user] = await database.execute('select password_hash from users where email = $1', [email]);
      if (user && (await verifyPassword(String(user.password_hash), password!))) signIn += 1;
    }
    const [users] = await database.execute(`select count(*)::int as n from users where email like '%@demo.example'`);
    return { named: accounts.length, signIn, users: Number(users!.n) };
  } finally {
    await database.close();
  }
}

afterAll(() => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('a crash during the first demo', () => {
  it('killed as the accounts file appears (just before or after the commit): the next run seeds afresh or points to the file, and its accounts sign in', async () => {
    const dataDir = tempDir();
    const file = path.join(dataDir, 'demo-accounts.txt');
    await demoKilledWhen(dataDir, () => fs.existsSync(file));
    const next = await runDemo(dataDir);
    if (next.code === 0) expect(next.stdout).toContain(`They are also in ${file}`);
    else {
      expect(next.code).toBe(65);
      expect(next.stderr).toContain(`The demo accounts made for it are in ${file}.`);
    }
    const known = await accountsThatSignIn(dataDir, file);
    expect(known.named).toBeGreaterThan(10);
    expect(known).toEqual({ named: known.named, signIn: known.named, users: known.named });
  }, 600_000);

  it('killed after the accounts were committed, while the cases are generated: the next run points to the accounts, which sign in', async () => {
    const dataDir = tempDir();
    const file = path.join(dataDir, 'demo-accounts.txt');
    await demoKilledWhen(dataDir, (stdout) => stdout.includes('Demo accounts:'));
    const next = await runDemo(dataDir);
    expect(next.code).toBe(65);
    expect(next.stderr).toContain(`the database is not empty`);
    expect(next.stderr).toContain(`The demo accounts made for it are in ${file}.`);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const known = await accountsThatSignIn(dataDir, file);
    expect(known.named).toBeGreaterThan(10);
    expect(known).toEqual({ named: known.named, signIn: known.named, users: known.named });
  }, 600_000);
});
