/**
 * Startup benchmark: time from spawning `bureau serve` to the first 200 from /healthz, on a fresh PGlite
 * folder (first-run migrations included), on the same folder again, and on a fresh PostgreSQL database;
 * and the server's resident memory once it is up and idle, on each database.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import {
  cpuSeconds,
  freePort,
  median,
  postgresReachable,
  postgresServerUrl,
  removeDirectory,
  residentMegabytes,
  result,
  spawnServer,
  temporaryDirectory,
  temporaryPostgresDatabase,
  waitUntilHealthy,
  type Storage,
} from './server-process.ts';

const bench = 'startup';
/** Each figure is the median of this many starts, so one slow start does not decide it. */
const runs = 3;

/**
 * Starts the server, returns the seconds until /healthz answered, the CPU seconds it used until then, and
 * (optionally) its RSS after 1 s idle; always stops it.
 */
async function timeStart(storage: Storage, measureMemory = false): Promise<{ seconds: number; cpu: number | undefined; rssMb: number | undefined }> {
  const port = await freePort();
  const started = performance.now();
  const server = spawnServer(storage, port);
  try {
    await waitUntilHealthy(server);
    const seconds = (performance.now() - started) / 1000;
    const cpu = server.child.pid === undefined ? undefined : cpuSeconds(server.child.pid);
    let rssMb: number | undefined;
    if (measureMemory) {
      await sleep(1_000);
      rssMb = server.child.pid === undefined ? undefined : residentMegabytes(server.child.pid);
    }
    return { seconds, cpu, rssMb };
  } finally {
    await server.stop();
  }
}

async function pgliteStarts(): Promise<void> {
  const cold: number[] = [];
  const warm: number[] = [];
  const coldCpu: number[] = [];
  const warmCpu: number[] = [];
  const coldRss: number[] = [];
  const rss: number[] = [];
  for (let run = 0; run < runs; run++) {
    const dataDir = temporaryDirectory('startup');
    try {
      const first = await timeStart({ dataDir }, true);
      cold.push(first.seconds);
      if (first.cpu !== undefined) coldCpu.push(first.cpu);
      if (first.rssMb !== undefined) coldRss.push(first.rssMb);
      // The reported memory is that of an ordinary (warm) start; the first run also carries the migration's garbage.
      const second = await timeStart({ dataDir }, true);
      warm.push(second.seconds);
      if (second.cpu !== undefined) warmCpu.push(second.cpu);
      if (second.rssMb !== undefined) rss.push(second.rssMb);
    } finally {
      removeDirectory(dataDir);
    }
  }
  console.log(`# ${bench}: PGlite cold ${cold.map((s) => s.toFixed(2)).join(', ')} s; warm ${warm.map((s) => s.toFixed(2)).join(', ')} s`);
  result(bench, 'cold_start_pglite', median(cold), 's');
  result(bench, 'warm_start_pglite', median(warm), 's');
  if (coldCpu.length > 0) result(bench, 'cold_start_pglite_cpu', median(coldCpu), 's');
  if (warmCpu.length > 0) result(bench, 'warm_start_pglite_cpu', median(warmCpu), 's');
  if (coldRss.length > 0) console.log(`# ${bench}: rss after a cold start ${median(coldRss).toFixed(1)} MB`);
  if (rss.length > 0) result(bench, 'rss', median(rss), 'MB', 1);
  else console.log(`# ${bench}: rss not measured (no /proc on this system)`);
}

async function postgresStarts(): Promise<void> {
  if (!(await postgresReachable())) {
    console.log(`# ${bench}: skipping cold_start_postgres: no PostgreSQL answers at ${new URL(postgresServerUrl).host} (set DATABASE_URL to a server's URL)`);
    return;
  }
  const cold: number[] = [];
  const coldCpu: number[] = [];
  const rss: number[] = [];
  for (let run = 0; run < runs; run++) {
    const database = await temporaryPostgresDatabase();
    try {
      const first = await timeStart({ databaseUrl: database.url });
      cold.push(first.seconds);
      if (first.cpu !== undefined) coldCpu.push(first.cpu);
      // As on PGlite, the memory reported is that of a start on an already migrated database.
      const second = await timeStart({ databaseUrl: database.url }, true);
      if (second.rssMb !== undefined) rss.push(second.rssMb);
    } finally {
      await database.drop();
    }
  }
  console.log(`# ${bench}: PostgreSQL cold ${cold.map((s) => s.toFixed(2)).join(', ')} s`);
  result(bench, 'cold_start_postgres', median(cold), 's');
  if (coldCpu.length > 0) result(bench, 'cold_start_postgres_cpu', median(coldCpu), 's');
  if (rss.length > 0) result(bench, 'rss_postgres', median(rss), 'MB', 1);
}

await pgliteStarts();
await postgresStarts();
