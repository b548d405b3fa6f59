import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { amcheck } from '@electric-sql/pglite/contrib/amcheck';
import { afterAll, describe, expect, it } from 'vitest';
import { lockDataFolder } from '../../src/platform/db/folder-lock.ts';
import { openDatabase } from '../../src/platform/db/client.ts';
import { freshDatabase, postgresServerUrl } from '../databases.ts';
import { Client } from '../server.ts';

const root = path.resolve(import.meta.dirname, '../..');
const bureau = path.join(root, 'bin/bureau.js');
const tempDirs: string[] = [];
const children: ChildProcess[] = [];

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ib-owner-'));
  tempDirs.push(dir);
  return dir;
}

/** The environment of every bureau process here: the rate limits lifted, since every request comes from 127.0.0.1. */
function environment(dataDir: string, port: number): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    COOKIE_SECURE: 'false',
    LOG_LEVEL: 'warn',
    REPORT_RATE_LIMIT: '100000',
    RECEIPT_RATE_LIMIT: '100000',
    // Every process on one PostgreSQL must hash addresses under the same secret (docs/security.md).
    RATE_LIMIT_SECRET: 'data-folder-owner-test-secret-of-at-least-32-chars',
  };
}

type Finished = { code: number | null; stdout: string; stderr: string };

function run(command: string, args: string[], env: Record<string, string>, cwd = root): Promise<Finished> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env, cwd });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

const runBureau = (args: string[], env: Record<string, string>, cwd = root) => run(process.execPath, [bureau, ...args], env, cwd);

interface Server {
  child: ChildProcess;
  url: string;
  exited: Promise<number | null>;
}

async function startServer(dataDir: string, port: number, extra: Record<string, string> = {}): Promise<Server> {
  const child = spawn(process.execPath, [bureau, 'serve'], { env: { ...environment(dataDir, port), ...extra }, cwd: root, stdio: 'ignore' });
  children.push(child);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  // initdb and every migration come first: ~10 s alone, several times that on a loaded CI machine.
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline && child.exitCode === null) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) return { child, url, exited };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the server on ${dataDir} did not become healthy`);
}

function formToken(html: string): string {
  const match = /name="formToken" value="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error('no form token on the page');
  return match[1];
}

/** Submits the real report form as a browser without JavaScript does; returns the receipt code when the report was acknowledged. */
async function submitReport(url: string, n: number): Promise<string | undefined> {
  const page = await fetch(`${url}/report/new`);
  const form = new FormData();
  const fields = {
    formToken: formToken(await page.text()),
    kind: 'report',
    theme: 'fraud',
    entityId: '',
    requesterRole: 'staff',
    identityChoice: 'anonymous',
    contactPreference: 'site_only',
    description: `Report ${n}: invoices paid twice`,
    when: '',
    where: '',
    involved: '',
    name: '',
    email: '',
    phone: '',
  };
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append('files', new Blob([]), '');
  const response = await fetch(`${url}/report/new`, { method: 'POST', body: form, redirect: 'manual' });
  const html = await response.text();
  return response.status === 200 ? /(\d{4} \d{4} \d{4} \d{4})/.exec(html)?.[1] : undefined;
}

/** Keeps `workers` reporters submitting until stop() is called; collects every receipt code the server acknowledged. */
function keepReporting(url: string, workers: number) {
  let stopped = false;
  let n = 0;
  const receipts: string[] = [];
  const loops = Array.from({ length: workers }, async () => {
    // Bounded: at most 400 reports per worker, whatever happens.
    for (let i = 0; i < 400 && !stopped; i += 1) {
      try {
        const code = await submitReport(url, (n += 1));
        if (code) receipts.push(code);
      } catch {
        // the connection broke (the server was killed): this report was not acknowledged
      }
    }
  });
  return {
    receipts,
    async stop() {
      stopped = true;
      await Promise.all(loops);
    },
  };
}

/** Signs in on the reporter's follow-up page with a receipt code; true when the inbox opens. */
async function receiptOpens(url: string, receiptCode: string): Promise<boolean> {
  const client = new Client(url);
  const page = await client.get('/report/follow-up');
  const signIn = await client.post('/report/follow-up', { formToken: formToken(page.html), receiptCode }, { csrf: null });
  if (signIn.location !== '/report/inbox') return false;
  return (await client.get('/report/inbox')).status === 200;
}

/**
 * PostgreSQL's own consistency checks on the folder: amcheck's bt_index_check (with heapallindexed) on every
 * btree index (partitioned tables' parent indexes hold no data of their own and are skipped), and
 * verify_heapam on every table. Opened under the folder's lock, as every process must.
 */
async function checkFolder(dataDir: string): Promise<{ indexes: number; tables: number; problems: string[]; cases: number }> {
  const lock = lockDataFolder(dataDir, 'data-folder-owner test');
  const database = new PGlite({ dataDir, extensions: { amcheck } });
  try {
    await database.exec('create extension if not exists amcheck');
    const indexes = await database.query<{ name: string }>(
      `select c.oid::regclass::text as name from pg_index i join pg_class c on c.oid = i.indexrelid join pg_am am on am.oid = c.relam
        where am.amname = 'btree' and c.relkind = 'i' and c.relpersistence <> 't' and i.indisvalid`,
    );
    const problems: string[] = [];
    for (const index of indexes.rows) {
      try {
        await database.query(`select bt_index_check($1::regclass, true)`, [index.name]);
      } catch (error) {
        problems.push(`${index.name}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    const tables = await database.query<{ name: string }>(`select c.oid::regclass::text as name from pg_class c where c.relkind in ('r', 'm', 't') and c.relpersistence <> 't'`);
    for (const table of tables.rows) {
      const damage = await database.query<{ msg: string }>(`select msg from verify_heapam($1::regclass)`, [table.name]);
      for (const row of damage.rows) problems.push(`${table.name}: ${row.msg}`);
    }
    const [cases] = (await database.query<{ n: number }>('select count(*)::int as n from cases')).rows;
    return { indexes: indexes.rows.length, tables: tables.rows.length, problems, cases: cases!.n };
  } finally {
    await database.close();
    lock.release();
  }
}

afterAll(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('one owner per embedded database folder', () => {
  it('runs bureau commands through the running server while reports come in, refuses a second owner, and keeps every acknowledged report after kill -9', async () => {
    const dataDir = tempDir();
    const port = 33_000 + Math.floor(Math.random() * 2000);
    const env = environment(dataDir, port);
    const backupFile = path.join(tempDir(), 'during-reports.jsonl.gz');
    let server = await startServer(dataDir, port);

    // The demo goes through the server too: an administration with handlers the reports are routed to.
    const demo = await runBureau(['demo'], env);
    expect(demo.stderr).toBe('');
    expect(demo.code).toBe(0);
    expect(demo.stdout).toContain('Demo accounts:');

    const reporting = keepReporting(server.url, 2);
    await expect.poll(() => reporting.receipts.length, { timeout: 120_000, interval: 200 }).toBeGreaterThanOrEqual(3);
    const acknowledgedBeforeBackup = [...reporting.receipts];
    // A relative file name is the operator's folder's, not the server's.
    const backup = await runBureau(['backup', path.basename(backupFile)], env, path.dirname(backupFile));
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    expect(backup.stdout).toMatch(/^Backed up \d+ rows in \d+ tables to during-reports\.jsonl\.gz\.$/m);

    const verify = await runBureau(['audit', 'verify'], env);
    expect(verify.code).toBe(0);
    expect(verify.stdout).toMatch(/^Audit trail intact: \d+ rows\.$/m);

    const added = await runBureau(['user', 'add', '--email', 'new.member@example.be', '--name', 'New Member', '--role', 'bureau_member'], env);
    expect(added.code).toBe(0);
    expect(added.stdout).toContain('Temporary password, shown only this once');
    const listed = await runBureau(['user', 'list'], env);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain('new.member@example.be');

    // Nothing else opens the folder while the server holds it: a second server, a restore, or any program.
    const named = new RegExp(`in use by the Integrity Bureau server \\(pid ${server.child.pid}, http://127\\.0\\.0\\.1:${port}, since [^)]+\\)`);
    const second = await runBureau(['serve'], environment(dataDir, port + 1));
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(named);
    expect(second.stderr).toContain('Stop it first, or give this server another DATA_DIR.');
    const restore = await runBureau(['restore', backupFile], env);
    expect(restore.code).toBe(1);
    expect(restore.stderr).toMatch(named);
    const directOpen = await run(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', `import { openDatabase } from ${JSON.stringify(path.join(root, 'src/platform/db/client.ts'))}; await openDatabase({ dataDir: ${JSON.stringify(dataDir)} });`],
      env,
    );
    expect(directOpen.code).not.toBe(0);
    expect(directOpen.stderr).toMatch(named);

    await expect.poll(() => reporting.receipts.length, { timeout: 120_000, interval: 200 }).toBeGreaterThanOrEqual(acknowledgedBeforeBackup.length + 3);
    server.child.kill('SIGKILL');
    await server.exited;
    await reporting.stop();
    const acknowledged = [...reporting.receipts];

    // The kernel dropped the lock with the process: the server starts again on the same folder straight away.
    server = await startServer(dataDir, port);
    for (const receipt of acknowledged) expect(await receiptOpens(server.url, receipt), `receipt ${receipt}`).toBe(true);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);

    const checked = await checkFolder(dataDir);
    expect(checked.problems).toEqual([]);
    expect(checked.indexes).toBeGreaterThan(50);
    expect(checked.cases).toBeGreaterThanOrEqual(1500 + acknowledged.length);

    // The backup taken while reports came in restores into a new folder and holds every report acknowledged before it started.
    const restoredDir = tempDir();
    const restored = await runBureau(['restore', backupFile], environment(restoredDir, port));
    expect(restored.stderr).toBe('');
    expect(restored.code).toBe(0);
    const restoredServer = await startServer(restoredDir, port + 1);
    for (const receipt of acknowledgedBeforeBackup) expect(await receiptOpens(restoredServer.url, receipt), `restored receipt ${receipt}`).toBe(true);
    restoredServer.child.kill('SIGTERM');
    expect(await restoredServer.exited).toBe(0);
    expect((await checkFolder(restoredDir)).problems).toEqual([]);
  }, 600_000);

  it.skipIf(!postgresServerUrl)('on PostgreSQL, runs the same commands on their own connection while the server runs and reports come in', async () => {
    const database = await freshDatabase('postgres');
    try {
      const dataDir = tempDir();
      const port = 35_000 + Math.floor(Math.random() * 2000);
      const env = { ...environment(dataDir, port), DATABASE_URL: database.url! };
      const server = await startServer(dataDir, port, { DATABASE_URL: database.url! });
      // Several processes on one PostgreSQL is the normal case: no lock, no control socket.
      expect(fs.existsSync(path.join(dataDir, 'bureau.sock'))).toBe(false);
      const demo = await runBureau(['demo'], env);
      expect(demo.code, demo.stderr).toBe(0);
      const reporting = keepReporting(server.url, 2);
      await expect.poll(() => reporting.receipts.length, { timeout: 120_000, interval: 200 }).toBeGreaterThanOrEqual(3);
      const acknowledgedBeforeBackup = reporting.receipts.length;
      const backupFile = path.join(tempDir(), 'postgres.jsonl.gz');
      const backup = await runBureau(['backup', backupFile], env);
      expect(backup.code, backup.stderr).toBe(0);
      const verify = await runBureau(['audit', 'verify'], env);
      expect(verify.code, verify.stderr).toBe(0);
      const added = await runBureau(['user', 'add', '--email', 'pg.member@example.be', '--name', 'PG Member', '--role', 'bureau_member'], env);
      expect(added.code, added.stderr).toBe(0);
      await reporting.stop();
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);

      // The dump restores into an embedded database with every report acknowledged before the backup started.
      const restoredDir = tempDir();
      const restored = await runBureau(['restore', backupFile], environment(restoredDir, port));
      expect(restored.code, restored.stderr).toBe(0);
      const handle = await openDatabase({ dataDir: restoredDir, holder: 'data-folder-owner test' });
      try {
        const [cases] = await handle.execute('select count(*)::int as n from cases');
        expect(Number(cases!.n)).toBeGreaterThanOrEqual(1500 + acknowledgedBeforeBackup);
      } finally {
        await handle.close();
      }
    } finally {
      await database.close();
    }
  }, 600_000);
});
