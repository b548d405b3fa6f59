/**
 * Sign-in page benchmark: GET /sign-in on loopback with 10 connections for 10 s against an installed
 * PGlite server in a child process; latency p50/p95 from every request's own time, and requests per second.
 */
import autocannon, { type Result } from 'autocannon';
import { completeSetup, issueSetupToken } from '../src/features/setup/service.ts';
import { openDatabase } from '../src/platform/db/client.ts';
import { migrateDatabase } from '../src/platform/db/migrate.ts';
import { freePort, percentile, removeDirectory, result, spawnServer, temporaryDirectory, waitUntilHealthy } from './server-process.ts';

const bench = 'signin-page';
const connections = 10;
const durationSeconds = 10;
const warmUpSeconds = 2;

/** Installs an organisation and administrator in the PGlite folder, as the setup page would, before the server opens it. */
async function install(dataDir: string): Promise<void> {
  const database = await openDatabase({ dataDir });
  try {
    await migrateDatabase(database);
    const token = await issueSetupToken(database.db);
    if (!token) throw new Error('the fresh data folder was already installed');
    const setup = await completeSetup(database.db, {
      token,
      organisationName: 'Benchland',
      defaultLanguage: 'nl',
      displayName: 'Bench Admin',
      email: 'bench@example.be',
      password: 'a long enough bench password',
    });
    if (!setup.ok) throw new Error(`setup failed: ${setup.reason}`);
  } finally {
    await database.close();
  }
}

/** Runs autocannon against the URL; returns its result and every response's latency in ms. */
function load(url: string, seconds: number): Promise<{ summary: Result; latencies: number[] }> {
  const latencies: number[] = [];
  return new Promise((resolve, reject) => {
    const instance = autocannon({ url, connections, duration: seconds }, (error, summary) => (error ? reject(error) : resolve({ summary, latencies })));
    // autocannon's own histogram has p90 and p97.5 but no p95, so the percentiles come from each response.
    instance.on('response', (_client, _status, _bytes, responseTime) => {
      latencies.push(responseTime);
    });
  });
}

const dataDir = temporaryDirectory(bench);
try {
  await install(dataDir);
  const server = spawnServer({ dataDir }, await freePort());
  try {
    await waitUntilHealthy(server);
    const url = `${server.url}/sign-in`;
    const check = await fetch(url);
    await check.arrayBuffer();
    if (check.status !== 200) throw new Error(`GET /sign-in answered ${check.status}, expected 200`);
    await load(url, warmUpSeconds);
    const { summary, latencies } = await load(url, durationSeconds);
    if (summary.non2xx > 0 || summary.errors > 0 || summary.timeouts > 0) {
      throw new Error(`GET /sign-in failed under load: ${summary.non2xx} non-2xx, ${summary.errors} errors, ${summary.timeouts} timeouts`);
    }
    console.log(
      `# ${bench}: ${latencies.length} requests in ${summary.duration.toFixed(1)} s, ${connections} connections; ` +
        `autocannon p50 ${summary.latency.p50} ms, p97.5 ${summary.latency.p97_5} ms, p99 ${summary.latency.p99} ms`,
    );
    result(bench, 'p50', percentile(latencies, 50), 'ms', 2);
    result(bench, 'p95', percentile(latencies, 95), 'ms', 2);
    result(bench, 'rps', latencies.length / summary.duration, 'req/s', 0);
  } finally {
    await server.stop();
  }
} finally {
  removeDirectory(dataDir);
}
