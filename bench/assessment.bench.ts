/**
 * Self-assessment figures: how long the report page and its PDF take for an assessment with 10 dimensions,
 * 60 questions and 15 participants, while 500 other entities share the model version (so the peer
 * benchmark is computed too); and the peer benchmark alone over those 500 entities.
 */
import { createEntity, createUser } from '../src/features/admin/service.ts';
import { peerBenchmark } from '../src/features/assessment/benchmark.ts';
import { recordConsensus } from '../src/features/assessment/commands/consensus.ts';
import { ensureDefaultModel } from '../src/features/assessment/commands/models.ts';
import { createParticipantLink, hashLinkToken, saveAnswers, startAssessment } from '../src/features/assessment/commands/running.ts';
import { readConsensusForm } from '../src/features/assessment/consensus-form.ts';
import { getAssessment, latestModelVersions, participantByTokenHash, peerAggregate } from '../src/features/assessment/queries.ts';
import { postgresServerUrl } from '../test/databases.ts';
import { Client, installWithAdmin, startTestServer } from '../test/server.ts';

const participants = 15;
const peers = 500;
const pageRuns = 60;
const pdfRuns = 30;
const benchmarkRuns = 60;

function result(bench: string, metric: string, value: number, unit: string) {
  console.log(`RESULT ${bench} ${metric} ${Number.isInteger(value) ? value : value.toFixed(1)} ${unit}`);
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function timed(runs: number, fn: () => Promise<void>): Promise<number[]> {
  await fn(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await fn();
    times.push(performance.now() - started);
  }
  return times;
}

async function run(kind: 'pglite' | 'postgres') {
  const suffix = kind === 'postgres' ? '_postgres' : '';
  const server = await startTestServer(kind, { logLevel: 'error' });
  try {
    const db = server.database.db;
    const adminId = await installWithAdmin(server);
    await ensureDefaultModel(db);
    const model = (await latestModelVersions(db))[0]!;
    const definition = model.definition;
    const entity = await createEntity(db, adminId, { name: 'Bench entity', kind: 'agency', headcount: 1000, parentId: null });
    if (!entity.ok) throw new Error('entity');
    const user = await createUser(db, adminId, { email: 'bench@example.be', displayName: 'Bench Actor', language: 'en', roles: [{ role: 'entity_actor', actorFunction: 'contact_person_integrity', entityId: entity.entityId }] }, { mustChangePassword: false });
    if (!user.ok) throw new Error('user');

    // The assessment: 15 participants who each answered all 60 questions, and a full consensus.
    const started = await startAssessment(db, user.userId, { entityId: entity.entityId, modelId: model.id });
    if (!started.ok) throw new Error('start');
    const codes = definition.dimensions.flatMap((d) => d.questions.map((q) => q.code));
    for (let p = 0; p < participants; p++) {
      const link = await createParticipantLink(db, user.userId, started.assessmentId);
      if (!link.ok) throw new Error('link');
      const participant = await participantByTokenHash(db, hashLinkToken(link.token));
      const answers = codes.map((questionCode, q) => ({ questionCode, level: 1 + ((p + q) % 5), comment: `Comment ${p}/${q}`, evidenceUrl: 'https://intranet.example/evidence' }));
      await saveAnswers(db, participant!.id, answers, true);
    }
    const fields: Record<string, string> = {};
    for (const d of definition.dimensions) {
      fields[`complete:${d.code}`] = 'on';
      fields[`dimremark:${d.code}`] = 'Agreed in the session';
      d.questions.forEach((q, i) => (fields[`level:${q.code}`] = String(1 + ((i + d.weight) % 5))));
    }
    const reading = readConsensusForm(definition, fields);
    if (!reading.ok) throw new Error('consensus');
    await recordConsensus(db, user.userId, started.assessmentId, reading.input);

    // 500 other entities, each with a closed assessment of the same model version and its dimension scores.
    await server.database.execute(
      `with made as (
         insert into entities (name, kind) select 'Peer ' || n, 'unit' from generate_series(1, ${peers}) n returning id
       ), closed as (
         insert into assessments (entity_id, model_id, status, closed_at, overall_score)
         select id, '${model.id}', 'closed', now() - (random() * interval '300 days'), 1 + random() * 4 from made returning id
       )
       insert into assessment_dimensions (assessment_id, dimension_code, complete, score)
       select closed.id, d.code, true, 1 + random() * 4 from closed cross join unnest(array[${definition.dimensions.map((d) => `'${d.code}'`).join(',')}]) as d(code)`,
    );

    const client = new Client(server.baseUrl);
    const signedIn = await client.signIn('bench@example.be', user.temporaryPassword);
    if (signedIn.location !== '/') throw new Error('sign-in');
    const reportPath = `/assessment/${started.assessmentId}/report`;
    const check = await client.get(reportPath);
    if (check.status !== 200 || (!check.html.includes(`Anonymous comparison with ${peers}`) && !check.html.includes(`${peers} andere entiteiten`))) throw new Error(`the report page did not show the benchmark: ${check.status}`);

    const pageTimes = await timed(pageRuns, async () => {
      const page = await client.get(reportPath);
      if (page.status !== 200) throw new Error(`report ${page.status}`);
    });
    result('assessment-report', `p50${suffix}`, percentile(pageTimes, 50), 'ms');
    result('assessment-report', `p95${suffix}`, percentile(pageTimes, 95), 'ms');

    const pdfTimes = await timed(pdfRuns, async () => {
      const page = await client.get(`${reportPath}.pdf`);
      if (page.status !== 200 || !page.html.startsWith('%PDF')) throw new Error(`pdf ${page.status}`);
    });
    result('assessment-pdf', `p50${suffix}`, percentile(pdfTimes, 50), 'ms');
    result('assessment-pdf', `p95${suffix}`, percentile(pdfTimes, 95), 'ms');

    const assessment = (await getAssessment(db, started.assessmentId))!;
    const benchmarkTimes = await timed(benchmarkRuns, async () => {
      const benchmark = peerBenchmark(await peerAggregate(db, assessment.modelId, assessment.entityId));
      if (!benchmark.shown || benchmark.entities !== peers) throw new Error('benchmark');
    });
    result('assessment-benchmark', `p50${suffix}`, percentile(benchmarkTimes, 50), 'ms');
    result('assessment-benchmark', `p95${suffix}`, percentile(benchmarkTimes, 95), 'ms');
  } finally {
    await server.close();
  }
}

await run('pglite');
if (postgresServerUrl) await run('postgres');
else console.log('assessment bench: DATABASE_URL not set, PostgreSQL figures skipped');
