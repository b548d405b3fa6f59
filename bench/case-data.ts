/**
 * Shared by the case benches: a database of its own (`ib_bench_cases_…` on the PostgreSQL server of
 * DATABASE_URL, or an in-memory PGlite) filled once per `npm run bench` process with the demo generator,
 * reused by every case bench of the run and dropped when the process exits. Also a signed-in client.
 */
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import pg from 'pg';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { generateDemoCases, type DemoCasesResult } from '../src/cli/demo-cases.ts';
import { openDatabase, type DatabaseHandle } from '../src/platform/db/client.ts';
import { migrateDatabase } from '../src/platform/db/migrate.ts';
import { createLogger } from '../src/platform/logging.ts';
import { unusedTotp } from '../src/platform/auth/totp.ts';
import { brusselsDay } from '../src/platform/time/calendar.ts';
import { Client } from '../test/server.ts';

export const serverUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';

export interface CaseData {
  handle: DatabaseHandle;
  generated: DemoCasesResult;
  generateSeconds: number;
}

const cache = new Map<string, Promise<CaseData>>();
const toDrop: string[] = [];

function urlFor(name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

// Benches end with process.exit: drop what was created then, synchronously, in a child process.
process.once('exit', () => {
  if (toDrop.length === 0) return;
  const script = `const pg=require('pg');(async()=>{const c=new pg.Client({connectionString:${JSON.stringify(serverUrl)}});await c.connect();for(const n of ${JSON.stringify(toDrop)})await c.query('drop database if exists '+n+' with (force)');await c.end()})()`;
  try {
    execFileSync(process.execPath, ['-e', script], { stdio: 'ignore', timeout: 60_000, cwd: process.cwd() });
  } catch {
    console.error(`# could not drop ${toDrop.join(', ')}`);
  }
});

async function create(kind: 'postgres' | 'pglite', count: number): Promise<CaseData> {
  let handle: DatabaseHandle;
  if (kind === 'postgres') {
    const name = `ib_bench_cases_${crypto.randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    toDrop.push(name);
    handle = await openDatabase({ url: urlFor(name) });
  } else {
    handle = await openDatabase({ memory: true });
  }
  await migrateDatabase(handle);
  const started = performance.now();
  let shown = 0;
  const generated = await generateDemoCases(handle, count, {
    // Content for a sample only: the list, dashboard and sweep read metadata; case-open opens sampled cases.
    content: 'sample',
    distinctKeys: 2000,
    batchSize: kind === 'postgres' ? 5000 : 2000,
    onProgress: (done, total) => {
      if (done - shown >= total / 5) {
        shown = done;
        console.log(`# ${kind}: ${done} / ${total} cases after ${((performance.now() - started) / 1000).toFixed(0)} s`);
      }
    },
  });
  const generateSeconds = (performance.now() - started) / 1000;
  // As autovacuum would have by then: the visibility map lets the dashboard's counts read the index alone.
  await handle.execute(kind === 'postgres' ? 'vacuum analyze' : 'analyze');
  console.log(`# ${kind}: generated ${count} cases in ${generateSeconds.toFixed(1)} s (${generated.seals} seals, ${generated.tasks} tasks)`);
  return { handle, generated, generateSeconds };
}

/** The cases of this run on `kind`, generated at the first call. */
export function caseData(kind: 'postgres' | 'pglite', count: number): Promise<CaseData> {
  const key = `${kind}:${count}`;
  let data = cache.get(key);
  if (!data) {
    data = create(kind, count);
    cache.set(key, data);
  }
  return data;
}

/** Closes a database no later bench of the run needs (the in-memory PGlite holds its cases in this process's heap, which would slow the benches after it). */
export async function releaseCaseData(kind: 'postgres' | 'pglite', count: number): Promise<void> {
  const key = `${kind}:${count}`;
  const data = cache.get(key);
  if (!data) return;
  cache.delete(key);
  await (await data).handle.close();
}

export function result(bench: string, metric: string, value: number, unit: string) {
  console.log(`RESULT ${bench} ${metric} ${value < 10 ? value.toFixed(2) : value.toFixed(1)} ${unit}`);
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Runs each call `rounds` times (after a warm-up round) and prints p50 and p95 in ms. */
export async function measure(bench: string, calls: (() => Promise<unknown>)[], rounds: number): Promise<void> {
  for (const call of calls) await call();
  const times: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    for (const call of calls) {
      const started = performance.now();
      await call();
      times.push(performance.now() - started);
    }
  }
  result(bench, 'p50', percentile(times, 50), 'ms');
  result(bench, 'p95', percentile(times, 95), 'ms');
}

export const today = brusselsDay(new Date());

/** The app on the bench database, listening on loopback, and a demo account signed in through it. */
export async function signedInApp(data: CaseData, roles: string): Promise<{ client: Client; userId: string; password: string; close(): Promise<void> }> {
  const account = data.generated.accounts?.find((a) => a.roles === roles);
  if (!account?.totpSecret) throw new Error(`no demo account with roles ${roles}`);
  const config = loadConfig({ LOG_LEVEL: 'silent', COOKIE_SECURE: 'false', RUN_JOBS: 'false' }, { port: 0, host: '127.0.0.1' });
  const app = await buildApp({ config, database: data.handle, logger: createLogger('silent') });
  const baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  const client = new Client(baseUrl);
  const page = await client.signIn(account.email, account.password, () => unusedTotp(account.totpSecret!, account.email));
  if (page.status !== 303) throw new Error(`sign-in failed for ${account.email}: ${page.status}`);
  const [user] = await data.handle.execute('select id from users where email = $1', [account.email]);
  return { client, userId: String(user!.id), password: account.password, close: () => app.close() };
}
