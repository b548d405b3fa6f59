/** Benchmark helper: runs `bureau serve` as a child process, waits for /healthz, reads its memory and stops it cleanly. */
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The PostgreSQL server benchmarks may create databases on (the same one CI and the tests use). */
export const postgresServerUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  /** Everything the server wrote, for the error message when it fails to start. */
  output(): string;
  stop(): Promise<void>;
}

/** A port that was free a moment ago on loopback. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export function temporaryDirectory(name: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `ib-bench-${name}-`));
}

export function removeDirectory(directory: string): void {
  fs.rmSync(directory, { recursive: true, force: true });
}

const benchRateLimitSecret = 'bench-rate-limit-secret-of-at-least-32-characters';

/** Where the server keeps its data: a PGlite folder, or a PostgreSQL database URL. */
export type Storage = { dataDir: string } | { databaseUrl: string };

/** Starts `node bin/bureau.js serve` (with extra arguments such as `--demo`); returns at once (see waitUntilHealthy). */
export function spawnServer(storage: Storage, port: number, extraEnv: Record<string, string> = {}, extraArgs: string[] = []): ServerProcess {
  // The caller's DATABASE_URL (CI exports one) must not leak into a PGlite run, nor a BASE_URL (vitest sets '/') into any.
  const { DATABASE_URL: _url, DATA_DIR: _dir, BASE_URL: _base, ...inherited } = process.env;
  const env = {
    ...inherited,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    // On PostgreSQL, serve needs the secret its processes share to count per-address limits together.
    ...('dataDir' in storage ? { DATA_DIR: storage.dataDir } : { DATABASE_URL: storage.databaseUrl, RATE_LIMIT_SECRET: benchRateLimitSecret }),
    ...extraEnv,
  };
  const child = spawn(process.execPath, [path.join(root, 'bin/bureau.js'), 'serve', ...extraArgs], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  // Drained always (a full pipe would stall the server); only the tail is kept.
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    url: `http://127.0.0.1:${port}`,
    output: () => output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const stopped = await Promise.race([exited.then(() => true), sleep(15_000).then(() => false)]);
      if (!stopped) {
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
}

/** Polls /healthz every 20 ms until it answers 200; fails when the process exits or the deadline passes. */
export async function waitUntilHealthy(server: ServerProcess, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null || server.child.signalCode !== null) {
      throw new Error(`the server exited (${server.child.exitCode ?? server.child.signalCode}) before it was healthy:\n${server.output()}`);
    }
    try {
      const response = await fetch(`${server.url}/healthz`, { signal: AbortSignal.timeout(1_000) });
      await response.arrayBuffer();
      if (response.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await sleep(20);
  }
  throw new Error(`the server was not healthy within ${timeoutMs / 1000} s:\n${server.output()}`);
}

/** Resident memory of a process in MB, from /proc (Linux only). */
export function residentMegabytes(pid: number): number | undefined {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    return match?.[1] ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * CPU seconds a process has used, its waited-for children included (utime, stime, cutime, cstime of
 * /proc/PID/stat, in clock ticks of 1/100 s); Linux only. Unlike the wall time it hardly depends on what
 * else the machine is doing.
 */
export function cpuSeconds(pid: number): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The fields after the command name, which is in parentheses and may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = [11, 12, 13, 14].map((index) => Number(fields[index]));
    return ticks.every(Number.isFinite) ? ticks.reduce((sum, n) => sum + n, 0) / 100 : undefined;
  } catch {
    return undefined;
  }
}

async function onPostgresServer(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresServerUrl, connectionTimeoutMillis: 3_000 });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** Whether the PostgreSQL server answers at all. */
export async function postgresReachable(): Promise<boolean> {
  try {
    await onPostgresServer('select 1');
    return true;
  } catch {
    return false;
  }
}

/** A new, empty database on the PostgreSQL server, and how to drop it. */
export async function temporaryPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `ib_bench_${crypto.randomBytes(6).toString('hex')}`;
  await onPostgresServer(`create database ${name}`);
  const url = new URL(postgresServerUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => onPostgresServer(`drop database if exists ${name} with (force)`) };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The nearest-rank percentile (0 < p ≤ 100) of the values. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

export function result(bench: string, metric: string, value: number, unit: string, digits = 3): void {
  console.log(`RESULT ${bench} ${metric} ${value.toFixed(digits)} ${unit}`);
}
