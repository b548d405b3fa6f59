/**
 * Figures benchmark. Generates statistical records straight into case_statistics (generate_series) over a
 * tree of 121 entities, then measures:
 * - figures-publication: computing a full yearly publication (every indicator, the whole entity tree, with
 *   suppression and audit) over 1,000,000 records of that year on PostgreSQL (plus 400,000 earlier ones for the trend);
 * - figures-publication-pglite: the same over 100,000 records on PGlite;
 * - figures-feedback, figures-feedback-unit: the feedback of a large department and of a unit (its subtree beside
 *   the whole organisation, protected jointly) over the same million on PostgreSQL;
 * - figures-page: the public page of that publication (bytes of HTML with its inline SVG charts, and latency
 *   under load with 10 connections for 10 s against a server process on the PGlite folder).
 */
import autocannon, { type Result } from 'autocannon';
import zlib from 'node:zlib';
import fs from 'node:fs';
import path from 'node:path';
import { computeEntityFeedback, computePublication, periodOfYear } from '../src/features/figures/compute.ts';
import { publishPublication } from '../src/features/figures/commands/publish.ts';
import { createPublication } from '../src/features/figures/commands/create-publication.ts';
import { indicatorIds } from '../src/features/figures/indicators.ts';
import { loadEntityTree, loadStatistics } from '../src/features/figures/queries.ts';
import { defaultRules, protectedTable } from '../src/features/figures/tables.ts';
import { defaultTaxonomy } from '../src/features/case-record/service.ts';
import { completeSetup, issueSetupToken } from '../src/features/setup/service.ts';
import { openDatabase, type DatabaseHandle } from '../src/platform/db/client.ts';
import { migrateDatabase } from '../src/platform/db/migrate.ts';
import { freePort, percentile, postgresReachable, removeDirectory, result, root, spawnServer, temporaryDirectory, temporaryPostgresDatabase, waitUntilHealthy } from './server-process.ts';

const year = 2025;
const today = '2026-03-01';
const runs = 3;

/** 1 government, 12 departments, 9 units each: 121 entities, with headcounts (and one tiny unit added by smallCells). */
async function entityTree(database: DatabaseHandle): Promise<void> {
  await database.execute(`
    insert into entities (id, parent_id, name, kind, headcount) values ('00000000-0000-4000-8000-000000000000', null, 'Government', 'government', null);
    insert into entities (id, parent_id, name, kind, headcount)
      select ('00000000-0000-4000-8000-' || lpad(d::text, 12, '0'))::uuid, '00000000-0000-4000-8000-000000000000', 'Department ' || d, 'department', 2000 + d * 100
      from generate_series(1, 12) d;
    insert into entities (parent_id, name, kind, headcount)
      select ('00000000-0000-4000-8000-' || lpad(d::text, 12, '0'))::uuid, 'Unit ' || d || '.' || u, 'unit', case when u % 3 = 0 then null else 50 + u * 10 end
      from generate_series(1, 12) d, generate_series(1, 9) u;`);
}

/** `count` records received in `fromYear`..`toYear`, spread over entities, themes, channels and dates the way a real year would be (skewed). */
async function records(database: DatabaseHandle, count: number, fromYear: number, toYear: number): Promise<void> {
  const batch = 250_000;
  for (let done = 0; done < count; done += batch) {
    const n = Math.min(batch, count - done);
    await database.execute(`
      with e as (select array_agg(id order by name) as ids from entities),
      r as (
        select random() as k, random() as d, random() as t, random() as c, random() as who, random() as ent, random() as day, random() as ack, random() as fb, random() as cl, random() as o
        from generate_series(1, ${n})
      )
      insert into case_statistics (kind, procedure, domain, theme, entity_id, channel, requester_role, identity_choice, status, received_on,
        acknowledged_on, feedback_on, closed_on, outcome, measures)
      select
        case when k < 0.3 then 'question' else 'report' end,
        case when d < 0.55 then 'psychosocial' else 'integrity' end,
        case when d < 0.55 then 'wellbeing' else 'integrity' end,
        case when d < 0.55 then (array['stress_burnout','conflict','bullying','violence','sexual_harassment','discrimination','reintegration'])[1 + floor(t * t * 7)::int]
             else (array['fraud','corruption','conflict_of_interest','misuse','leak','favouritism','code_of_conduct','other_integrity'])[1 + floor(t * t * 8)::int] end,
        e.ids[1 + floor(ent * ent * array_length(e.ids, 1))::int],
        (array['web','web','web','phone','email','letter','in_person'])[1 + floor(c * 7)::int],
        (array['staff','staff','staff','staff','manager','confidential_person','integrity_contact','hr','other'])[1 + floor(who * 9)::int],
        (array['anonymous','confidential','named'])[1 + floor(who * who * 3)::int],
        case when cl < 0.85 then 'closed' else 'assessing' end,
        make_date(${fromYear} + floor(day * ${toYear - fromYear + 1})::int, 1, 1) + floor(day * 365 * ${toYear - fromYear + 1})::int % 365,
        case when ack < 0.95 then make_date(${fromYear} + floor(day * ${toYear - fromYear + 1})::int, 1, 1) + floor(day * 365 * ${toYear - fromYear + 1})::int % 365 + floor(ack * 12)::int end,
        case when fb < 0.8 then make_date(${fromYear} + floor(day * ${toYear - fromYear + 1})::int, 1, 1) + floor(day * 365 * ${toYear - fromYear + 1})::int % 365 + floor(fb * 130)::int end,
        case when cl < 0.85 then make_date(${fromYear} + floor(day * ${toYear - fromYear + 1})::int, 1, 1) + floor(day * 365 * ${toYear - fromYear + 1})::int % 365 + 20 + floor(cl * 150)::int end,
        case when cl < 0.85 then (array['founded','partly_founded','unfounded','advice_given','referred'])[1 + floor(o * 5)::int] end,
        case when o < 0.2 then array['training'] when o < 0.3 then array['training','mediation'] when o < 0.35 then array['disciplinary'] else '{}'::text[] end
      from r, e`);
  }
  // Each batch added its rows of changes to the monthly sums; fold them, as the nightly job would have by then.
  await database.execute('select statistics_months_compact()');
  // As autovacuum would have by then (it vacuums after large inserts): hint bits set, visibility map written.
  await database.execute(database.kind === 'postgres' ? 'vacuum analyze case_statistics' : 'analyze case_statistics');
  for (const table of ['what', 'entity', 'who', 'milestones', 'open']) await database.execute(`${database.kind === 'postgres' ? 'vacuum analyze' : 'analyze'} statistics_month_${table}`);
  await database.execute('analyze entities');
}

/** A few rare cases, so the tables have small cells to suppress: a unit with 3 cases, rare outcomes and measures. */
async function smallCells(database: DatabaseHandle): Promise<void> {
  await database.execute(`
    insert into entities (id, parent_id, name, kind, headcount) values ('00000000-0000-4000-8001-000000000001', '00000000-0000-4000-8000-000000000001', 'Unit 1.tiny', 'unit', 12);
    insert into case_statistics (kind, procedure, domain, theme, entity_id, channel, requester_role, identity_choice, status, received_on, acknowledged_on, outcome, measures)
      select 'report', 'integrity', 'integrity', 'leak', '00000000-0000-4000-8001-000000000001', 'letter', 'hr', 'named', 'closed', ('${year}-06-0' || g)::date, ('${year}-06-1' || g)::date, 'sanction', array['dismissal']
      from generate_series(1, 3) g;
    insert into case_statistics (kind, procedure, domain, theme, entity_id, channel, requester_role, identity_choice, status, received_on, outcome)
      select 'question', 'question', 'wellbeing', 'violence', (select id from entities where name = 'Unit 7.4'), 'in_person', 'other', 'confidential', 'closed', ('${year}-09-1' || g)::date, 'withdrawn'
      from generate_series(1, 2) g;`);
}

/** Installs an organisation (for a user who publishes) and returns the administrator's id. */
async function install(database: DatabaseHandle): Promise<string> {
  const token = await issueSetupToken(database.db);
  const setup = await completeSetup(database.db, { token: token!, organisationName: 'Benchland', defaultLanguage: 'nl', displayName: 'Bench', email: 'bench@example.be', password: 'a long enough bench password' });
  if (!setup.ok) throw new Error(setup.reason);
  return setup.userId;
}

/** Times computePublication `runs` times; returns every duration in seconds. */
async function timePublication(database: DatabaseHandle): Promise<number[]> {
  const seconds: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    const snapshot = await computePublication(database.db, { year, indicators: indicatorIds, today });
    seconds.push((performance.now() - started) / 1000);
    if (run === 0) {
      const loadStarted = performance.now();
      const statistics = await loadStatistics(database.db, periodOfYear(year));
      const loaded = performance.now();
      const context = { rules: defaultRules, taxonomy: defaultTaxonomy, entities: await loadEntityTree(database.db) };
      const perTable: string[] = [];
      for (const id of indicatorIds) {
        const started = performance.now();
        await protectedTable(id, statistics, context);
        perTable.push(`${id} ${(performance.now() - started).toFixed(0)} ms`);
      }
      console.log(`# statistics (SQL) ${((loaded - loadStarted) / 1000).toFixed(3)} s; protection: ${perTable.join(', ')}`);
      const suppressed = snapshot.tables.reduce((sum, t) => sum + t.suppressed, 0);
      console.log(`# ${snapshot.tables.length} tables, ${snapshot.totalContacts} contacts, ${suppressed} cells suppressed, statuses ${snapshot.tables.map((t) => t.status).join(',')}`);
    }
  }
  return seconds;
}

/** Times the feedback of an entity `runs` times: Department 1 (the first in the generator's skew, so the one with most records of its own), or a unit. */
async function timeFeedback(database: DatabaseHandle, name: string): Promise<number[]> {
  const entities = await loadEntityTree(database.db);
  const entity = entities.find((e) => e.name === name)!;
  const seconds: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    const feedback = await computeEntityFeedback(database.db, entity, year);
    seconds.push((performance.now() - started) / 1000);
    if (run === 0) {
      const loadStarted = performance.now();
      await loadStatistics(database.db, periodOfYear(year), { entityId: entity.id });
      const sqlSeconds = (performance.now() - loadStarted) / 1000;
      console.log(`# feedback: ${entity.name}, ${feedback.entityTotal} of ${feedback.organisationTotal} contacts, ${feedback.tables.length} tables; statistics (SQL) ${sqlSeconds.toFixed(3)} s`);
    }
  }
  return seconds;
}

const report = (bench: string, seconds: number[]) => {
  console.log(`# ${bench}: runs ${seconds.map((s) => s.toFixed(3)).join(' s, ')} s`);
  result(bench, 'seconds', [...seconds].sort((a, b) => a - b)[Math.floor(seconds.length / 2)]!, 's');
};

if (await postgresReachable()) {
  const temporary = await temporaryPostgresDatabase();
  const database = await openDatabase({ url: temporary.url });
  try {
    await migrateDatabase(database);
    await entityTree(database);
    const generated = performance.now();
    await records(database, 1_000_000, year, year);
    await records(database, 400_000, year - 4, year - 1);
    await smallCells(database);
    console.log(`# generated 1,400,000 records on PostgreSQL in ${((performance.now() - generated) / 1000).toFixed(1)} s`);
    report('figures-publication', await timePublication(database));
    report('figures-feedback', await timeFeedback(database, 'Department 1'));
    report('figures-feedback-unit', await timeFeedback(database, 'Unit 5.4'));
  } finally {
    await database.close();
    await temporary.drop();
  }
} else {
  console.log('# figures-publication: no PostgreSQL server reachable, skipped');
}

function load(url: string, seconds: number): Promise<{ summary: Result; latencies: number[] }> {
  const latencies: number[] = [];
  return new Promise((resolve, reject) => {
    const instance = autocannon({ url, connections: 10, duration: seconds }, (error, summary) => (error ? reject(error) : resolve({ summary, latencies })));
    instance.on('response', (_client, _status, _bytes, responseTime) => {
      latencies.push(responseTime);
    });
  });
}

const dataDir = temporaryDirectory('figures');
try {
  const database = await openDatabase({ dataDir });
  try {
    await migrateDatabase(database);
    const adminId = await install(database);
    await entityTree(database);
    await records(database, 100_000, year, year);
    await records(database, 40_000, year - 4, year - 1);
    await smallCells(database);
    report('figures-publication-pglite', await timePublication(database));
    const created = await createPublication(database.db, adminId, { year, indicators: [...indicatorIds] });
    if (!created.ok) throw new Error(created.reason);
    const published = await publishPublication(database.db, adminId, { publicationId: created.id, reason: '', today });
    if (!published.ok) throw new Error(published.reason);
  } finally {
    await database.close();
  }
  const server = spawnServer({ dataDir }, await freePort());
  try {
    await waitUntilHealthy(server);
    const url = `${server.url}/figures/${year}`;
    const response = await fetch(url);
    const html = await response.text();
    if (response.status !== 200) throw new Error(`GET /figures/${year} answered ${response.status}`);
    const bytes = Buffer.byteLength(html);
    const styles = ['utrecht.css', 'app.css', 'figures.css'].reduce((sum, name) => sum + zlib.brotliCompressSync(fs.readFileSync(path.join(root, 'src/ui/styles', name))).length, 0);
    console.log(`# figures-page: ${bytes} B of HTML with ${(html.match(/<svg/g) ?? []).length} inline SVG charts; its three style sheets add ${styles} B (brotli, cacheable)`);
    result('figures-page', 'bytes', bytes, 'B', 0);
    await load(url, 2);
    const { summary, latencies } = await load(url, 10);
    if (summary.non2xx > 0 || summary.errors > 0) throw new Error(`GET /figures/${year} failed under load: ${summary.non2xx} non-2xx, ${summary.errors} errors`);
    console.log(`# figures-page: ${latencies.length} requests in ${summary.duration.toFixed(1)} s, 10 connections`);
    result('figures-page', 'p50', percentile(latencies, 50), 'ms', 2);
    result('figures-page', 'p95', percentile(latencies, 95), 'ms', 2);
  } finally {
    await server.stop();
  }
} finally {
  removeDirectory(dataDir);
}
