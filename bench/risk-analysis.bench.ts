/**
 * Integrity risk analysis figures: how long the report page and its PDF take for an analysis of 40 rated
 * processes (the page renders the scoring, the SVG chart, the data table and the measures each time).
 */
import { addProcess, builtInRiskModel, rateProcess, startAnalysis, type ControlLevel, type Presence, type ProcessRatings } from '../src/features/assessment/risk/service.ts';
import { postgresServerUrl, type DatabaseKind } from '../test/databases.ts';
import { startRiskWorld } from '../test/risk-analysis-world.ts';

const processCount = 40;
const warmUp = 5;
const requests = 100;
const pdfRequests = 40;

function result(bench: string, metric: string, value: number, unit: string) {
  console.log(`RESULT ${bench} ${metric} ${Number.isInteger(value) ? value : value.toFixed(1)} ${unit}`);
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Varied but reproducible ratings, so the profile has low, medium and high processes with measures. */
function ratingsFor(index: number): ProcessRatings {
  const model = builtInRiskModel();
  const ratings: ProcessRatings = { inherent: {}, enhancing: {}, controls: {}, comments: {} };
  model.inherentFactors.forEach((f, i) => (ratings.inherent[f.code] = ((index + i) % 4) as Presence));
  model.enhancingFactors.forEach((f, i) => (ratings.enhancing[f.code] = ((index * 3 + i) % 4) as Presence));
  model.controls.forEach((c, i) => {
    ratings.controls[c.code] = (((index + i * 2) % 5) + 1) as ControlLevel;
    ratings.comments[c.code] = `Control ${c.code} in process ${index}: described in the procedure manual, checked yearly.`;
  });
  return ratings;
}

async function timed(fetchOnce: () => Promise<{ ok: boolean }>, count: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < warmUp + count; i++) {
    const started = performance.now();
    const outcome = await fetchOnce();
    const ms = performance.now() - started;
    if (!outcome.ok) throw new Error('a report request failed');
    if (i >= warmUp) times.push(ms);
  }
  return times;
}

async function run(kind: DatabaseKind) {
  const suffix = kind === 'postgres' ? '_postgres' : '';
  const world = await startRiskWorld(kind);
  try {
    const db = world.server.database.db;
    const started = await startAnalysis(db, world.actorA.id, { entityId: world.entityA, title: 'Bench analysis' });
    if (!started.ok) throw new Error('could not start the analysis');
    for (let i = 0; i < processCount; i++) {
      const added = await addProcess(db, started.analysisId, { name: `Process ${i + 1}: handling of files and payments`, description: 'Generated for the bench.' });
      if (!added.ok) throw new Error('could not add a process');
      await rateProcess(db, started.analysisId, added.processId, ratingsFor(i));
    }
    const client = await world.signIn(world.actorA);
    const page = await client.get(`/risk-analysis/${started.analysisId}/report?lang=en`);
    const bars = (page.html.match(/<rect /g) ?? []).length;
    if (bars !== processCount) throw new Error(`expected ${processCount} bars, found ${bars}`);

    const pageTimes = await timed(async () => ({ ok: (await client.get(`/risk-analysis/${started.analysisId}/report?lang=en`)).status === 200 }), requests);
    result('risk-analysis-report', `p50${suffix}`, percentile(pageTimes, 50), 'ms');
    result('risk-analysis-report', `p95${suffix}`, percentile(pageTimes, 95), 'ms');
    result('risk-analysis-report', `bytes${suffix}`, Buffer.byteLength(page.html), 'B');

    const pdfTimes = await timed(async () => ({ ok: (await client.get(`/risk-analysis/${started.analysisId}/report.pdf?lang=en`)).status === 200 }), pdfRequests);
    result('risk-analysis-pdf', `p50${suffix}`, percentile(pdfTimes, 50), 'ms');
    result('risk-analysis-pdf', `p95${suffix}`, percentile(pdfTimes, 95), 'ms');
  } finally {
    await world.close();
  }
}

await run('pglite');
if (postgresServerUrl) await run('postgres');
else console.log('risk-analysis bench: DATABASE_URL not set, PostgreSQL figures skipped');
