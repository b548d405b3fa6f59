/**
 * Crash figures: kill -9 of the server while 300 reports are being submitted at once, on PGlite and on
 * PostgreSQL, three runs each (CRASH_RUNS=1 for a quick try). After each crash the database is opened
 * again and every acknowledged report (the reporter saw a receipt code) is looked up: `lost` must be 0,
 * and every one found must have its seals and its file.
 */
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { installedStorage } from '../test/installed-storage.ts';
import { submitReportOver, type SubmissionOutcome } from '../test/report-submission.ts';
import { freePort, postgresReachable, result, spawnServer, waitUntilHealthy } from './server-process.ts';

const submissions = 300;
const runs = Number(process.env.CRASH_RUNS ?? 3);
/** The kill comes once this many reports are acknowledged (or after two minutes), with the rest under way. */
const killAfterAcknowledged = 100;

interface RunFigures {
  acknowledged: number;
  found: number;
  lost: number;
  /** Found, but without its two seals (counsellor and reporter) or without its file's chunks. */
  incomplete: number;
  /** Stored although the reporter never saw the confirmation (cut off by the kill): not lost, just unknown to them. */
  storedUnacknowledged: number;
}

async function crashRun(kind: 'pglite' | 'postgres'): Promise<RunFigures> {
  const installed = await installedStorage(kind);
  const server = spawnServer(installed.storage, await freePort(), { REPORT_RATE_LIMIT: '1000000', LOG_LEVEL: 'warn' });
  try {
    await waitUntilHealthy(server);
    const agent = new http.Agent({ keepAlive: true, maxSockets: submissions });
    const attachment = Buffer.from('Invoice 2026-0117 was paid twice; the second payment went to another account.\n'.repeat(250));
    const outcomes: SubmissionOutcome[] = [];
    const all = Promise.all(
      Array.from({ length: submissions }, async () => {
        outcomes.push(await submitReportOver(agent, server.url, attachment));
      }),
    );
    const acknowledgedSoFar = () => outcomes.filter((o) => o.kind === 'acknowledged').length;
    for (let wait = 0; wait < 1_200 && acknowledgedSoFar() < killAfterAcknowledged && outcomes.length < submissions; wait++) await sleep(100);
    const exited = new Promise((resolve) => server.child.once('exit', resolve));
    server.child.kill('SIGKILL');
    await exited;
    await all;
    agent.destroy();

    const acknowledged = outcomes.flatMap((o) => (o.kind === 'acknowledged' ? [o.reference] : []));
    const database = await installed.open();
    try {
      const rows = await database.execute(`
        select c.reference,
          (select count(*)::int from case_key_seals s where s.case_id = c.id) as seals,
          (select count(*)::int from case_files f where f.case_id = c.id and exists (select 1 from file_chunks k where k.file_id = f.id)) as files
        from cases c`);
      const stored = new Map(rows.map((row) => [String(row.reference), { seals: Number(row.seals), files: Number(row.files) }]));
      const found = acknowledged.filter((reference) => stored.has(reference));
      const incomplete = found.filter((reference) => {
        const parts = stored.get(reference)!;
        return parts.seals < 2 || parts.files < 1;
      });
      return {
        acknowledged: acknowledged.length,
        found: found.length,
        lost: acknowledged.length - found.length,
        incomplete: incomplete.length,
        storedUnacknowledged: stored.size - found.length,
      };
    } finally {
      await database.close();
    }
  } finally {
    await server.stop();
    await installed.remove();
  }
}

async function crashRuns(kind: 'pglite' | 'postgres'): Promise<void> {
  const totals: RunFigures = { acknowledged: 0, found: 0, lost: 0, incomplete: 0, storedUnacknowledged: 0 };
  for (let run = 1; run <= runs; run++) {
    const figures = await crashRun(kind);
    for (const [metric, value] of Object.entries(figures) as [keyof RunFigures, number][]) {
      result('crash', `${metric.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`)}_${kind}_run${run}`, value, 'count', 0);
      totals[metric] += value;
    }
  }
  // Totals over the runs; `lost` and `incomplete` must be 0.
  result('crash', `acknowledged_${kind}`, totals.acknowledged, 'count', 0);
  result('crash', `found_${kind}`, totals.found, 'count', 0);
  result('crash', `lost_${kind}`, totals.lost, 'count', 0);
  result('crash', `incomplete_${kind}`, totals.incomplete, 'count', 0);
  result('crash', `stored_unacknowledged_${kind}`, totals.storedUnacknowledged, 'count', 0);
}

await crashRuns('pglite');
if (await postgresReachable()) await crashRuns('postgres');
else console.log('crash bench: no PostgreSQL server answers, PostgreSQL figures skipped');
