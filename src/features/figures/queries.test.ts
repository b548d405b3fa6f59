import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, freshDatabase, type TestDatabase } from '../../../test/databases.ts';
import { generateDemoCases } from '../../cli/demo-cases.ts';
import { loadConfig } from '../../config.ts';
import { isoDate } from '../../platform/time/calendar.ts';
import { jobDefinitions } from '../../jobs.ts';
import { compactStatisticsJobName } from './jobs.ts';
import { loadStatistics, loadYearFigures, wholeMonths, type Period, type Statistics } from './queries.ts';

const department = '00000000-0000-4000-8000-000000000001';
const unit = '00000000-0000-4000-8000-000000000002';
const elsewhere = '00000000-0000-4000-8000-000000000003';

/** n statistical records alike: [n, kind, domain, theme, entity, channel, role, identity, received, acknowledged, feedback, closed, outcome, measures]. */
type Records = [number, string, string, string, string | null, string, string, string, string, string | null, string | null, string | null, string | null, string[]];

const records: Records[] = [
  [3, 'report', 'integrity', 'fraud', unit, 'web', 'staff', 'anonymous', '2025-02-10', '2025-02-12', '2025-04-01', '2025-05-01', 'founded', ['training', 'disciplinary']],
  [2, 'report', 'integrity', 'fraud', elsewhere, 'phone', 'manager', 'named', '2025-03-01', '2025-03-20', null, null, null, []],
  [4, 'question', 'wellbeing', 'conflict', null, 'web', 'staff', 'confidential', '2025-06-01', null, null, '2026-01-10', 'answered', ['training']],
  [5, 'report', 'integrity', 'leak', department, 'email', 'hr', 'named', '2023-07-01', '2023-07-02', '2023-08-01', '2023-09-01', 'unfounded', []],
  [1, 'report', 'integrity', 'leak', department, 'letter', 'hr', 'named', '2019-07-01', null, null, null, null, []],
];

const find = <T extends { n: number }>(items: T[], match: Partial<T>) =>
  items.filter((item) => Object.entries(match).every(([k, v]) => (item as Record<string, unknown>)[k] === v)).reduce((sum, item) => sum + item.n, 0);

/** Department with its Unit, and a department elsewhere. */
const entityTree = (database: TestDatabase) =>
  database.execute(`insert into entities (id, parent_id, name, kind) values ($1, null, 'Department', 'department'), ($2, $1, 'Unit', 'unit'), ($3, null, 'Elsewhere', 'department')`, [
    department,
    unit,
    elsewhere,
  ]);

describe.each(databaseKinds)('the statistics of a period on %s', (kind) => {
  let database: TestDatabase;
  let year: Statistics;
  let inUnit: Statistics;

  beforeAll(async () => {
    database = await freshDatabase(kind);
    await entityTree(database);
    for (const [n, kindOf, domain, theme, entity, channel, role, identity, received, acknowledged, feedback, closed, outcome, measures] of records) {
      await database.execute(
        `insert into case_statistics (kind, procedure, domain, theme, entity_id, channel, requester_role, identity_choice, status, received_on, acknowledged_on, feedback_on, closed_on, outcome, measures)
         select $1, 'integrity', $2, $3, $4::uuid, $5, $6, $7, 'closed', $8::date, $9::date, $10::date, $11::date, $12, $13::text[] from generate_series(1, $14::int)`,
        [kindOf, domain, theme, entity, channel, role, identity, received, acknowledged, feedback, closed, outcome, measures, n],
      );
    }
    year = await loadStatistics(database.db, { from: '2025-01-01', to: '2025-12-31' });
    inUnit = await loadStatistics(database.db, { from: '2025-01-01', to: '2025-12-31' }, { entityId: department });
  }, 60_000);
  afterAll(() => database.close());

  it('counts each breakdown of the period once, whatever scan it shares', () => {
    expect(find(year.counts, { dimension: 'theme', category: 'fraud' })).toBe(5);
    expect(find(year.counts, { dimension: 'theme', category: 'conflict', kind: 'question', domain: 'wellbeing' })).toBe(4);
    expect(find(year.counts, { dimension: 'channel', category: 'web' })).toBe(7);
    expect(find(year.counts, { dimension: 'entity', category: 'unknown' })).toBe(4);
    expect(find(year.counts, { dimension: 'entity', category: unit })).toBe(3);
    expect(find(year.counts, { dimension: 'requesterRole', category: 'manager' })).toBe(2);
    expect(find(year.counts, { dimension: 'identityChoice', category: 'confidential' })).toBe(4);
    expect(find(year.counts, { dimension: 'outcome', category: 'none' })).toBe(2);
    expect(find(year.counts, { dimension: 'measure', category: 'training' })).toBe(7);
    expect(find(year.counts, { dimension: 'measure', category: 'disciplinary' })).toBe(3);
    for (const dimension of ['theme', 'channel', 'entity', 'requesterRole', 'identityChoice', 'outcome'] as const) {
      expect(find(year.counts, { dimension })).toBe(9);
    }
  });

  it('makes day histograms of the reports’ milestones', () => {
    expect(find(year.acknowledgement, { days: 2 })).toBe(3);
    expect(find(year.acknowledgement, { days: 19 })).toBe(2);
    expect(find(year.acknowledgement, {})).toBe(5);
    expect(find(year.feedback, { days: 50, within: true })).toBe(3);
    expect(find(year.feedback, { days: null })).toBe(2);
  });

  it('counts the cases open at the period’s end, also from earlier years, and the trend per year', () => {
    // 2 reports never closed, 4 questions closed after the year's end, 1 report of 2019 still open.
    expect(find(year.open, {})).toBe(7);
    expect(find(year.open, { kind: 'question' })).toBe(4);
    expect([2019, 2021, 2023, 2025].map((y) => find(year.trend, { year: y }))).toEqual([0, 0, 5, 9]);
    expect(find(year.trend, { year: 2025, domain: 'wellbeing' })).toBe(4);
  });

  it('marks what lies in an entity’s subtree', () => {
    expect(find(inUnit.counts, { dimension: 'theme', category: 'fraud', inScope: true })).toBe(3);
    expect(find(inUnit.counts, { dimension: 'theme', inScope: false })).toBe(6);
    expect(find(inUnit.open, { inScope: true })).toBe(1);
    expect(find(inUnit.trend, { year: 2023, inScope: true })).toBe(5);
  });
});

describe('periods of whole months', () => {
  it.each([
    ['2025-01-01', '2025-12-31', true],
    ['2024-02-01', '2024-02-29', true],
    ['2025-02-01', '2025-02-28', true],
    ['2025-04-01', '2025-06-30', true],
    ['2025-01-02', '2025-12-31', false],
    ['2025-01-01', '2025-12-30', false],
    ['2024-02-01', '2024-02-28', false],
    ['2025-03-01', '2025-02-28', false],
  ])('%s to %s: %s', (from, to, whole) => {
    expect(wholeMonths({ from, to })).toBe(whole);
  });
});

/** The same statistics in one order, whatever order the rows came in. */
function sorted(statistics: Statistics): Statistics {
  const order = <T,>(items: T[]) => items.map((item) => JSON.stringify(item)).sort();
  return { ...statistics, counts: order(statistics.counts), acknowledgement: order(statistics.acknowledgement), feedback: order(statistics.feedback), open: order(statistics.open), trend: order(statistics.trend) } as unknown as Statistics;
}

/** A small deterministic random generator (test data only). */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

/**
 * Asserts that the monthly sums give exactly what a scan of the records gives, for each period: over the whole
 * organisation, and for each entity's subtree beside the rest (its own records, the rest as sums less them).
 */
async function sameFromMonthsAndRecords(database: TestDatabase, periods: Period[], entityIds: string[] = []): Promise<void> {
  for (const period of periods) {
    for (const entityId of [null, ...entityIds]) {
      const months = await loadStatistics(database.db, period, { source: 'months', entityId });
      const records = await loadStatistics(database.db, period, { source: 'records', entityId });
      expect(months.counts.length).toBeGreaterThan(0);
      if (entityId) expect(months.counts.some((c) => c.inScope)).toBe(true);
      expect(sorted(months)).toEqual(sorted(records));
    }
  }
}

describe.each(databaseKinds)('the monthly sums of the statistical record on %s', (kind) => {
  let database: TestDatabase;
  const periods: Period[] = [
    { from: '2025-01-01', to: '2025-12-31' },
    { from: '2024-01-01', to: '2024-12-31' },
    { from: '2025-04-01', to: '2025-06-30' },
    { from: '2023-11-01', to: '2025-02-28' },
  ];
  // Department holds Unit; the entity the last test deletes is left out of the subtrees.
  const same = () => sameFromMonthsAndRecords(database, periods, [department, unit]);
  const rowsOfChanges = async () =>
    Number(
      (
        await database.execute(`select (select count(*) from statistics_month_what) + (select count(*) from statistics_month_entity) + (select count(*) from statistics_month_who)
          + (select count(*) from statistics_month_milestones) + (select count(*) from statistics_month_open) as n`)
      )[0]!.n,
    );

  beforeAll(async () => {
    database = await freshDatabase(kind);
    await entityTree(database);
    const next = random(7);
    const pick = <T,>(items: T[]) => items[Math.floor(next() * items.length)]!;
    const day = (from: string, span: number) => new Date(Date.parse(from) + Math.floor(next() * span) * 86_400_000).toISOString().slice(0, 10);
    const values: unknown[][] = [];
    for (let i = 0; i < 400; i++) {
      const received = day('2023-10-01', 820);
      const closed = next() < 0.7 ? day(received, 200) : null;
      values.push([
        pick(['report', 'report', 'question']),
        pick(['integrity', 'wellbeing']),
        pick(['fraud', 'leak', 'conflict', 'bullying']),
        pick([department, unit, elsewhere, null]),
        pick(['web', 'phone', 'letter']),
        pick(['staff', 'manager', 'hr']),
        pick(['anonymous', 'confidential', 'named']),
        received,
        next() < 0.8 ? day(received, 12) : null,
        next() < 0.6 ? day(received, 130) : null,
        closed,
        closed ? pick(['founded', 'unfounded', null]) : null,
        pick([[], ['training'], ['training', 'mediation']]),
      ]);
    }
    // One statement for most records (a batch), one each for the rest.
    const insert = (rows: unknown[][]) =>
      database.execute(
        `insert into case_statistics (kind, procedure, domain, theme, entity_id, channel, requester_role, identity_choice, status, received_on, acknowledged_on, feedback_on, closed_on, outcome, measures)
         select r->>0, 'integrity', r->>1, r->>2, (r->>3)::uuid, r->>4, r->>5, r->>6, 'closed', (r->>7)::date, (r->>8)::date, (r->>9)::date, (r->>10)::date, r->>11,
           array(select jsonb_array_elements_text(r->12))
         from jsonb_array_elements($1::jsonb) r`,
        [JSON.stringify(rows)],
      );
    await insert(values.slice(0, 350));
    for (const row of values.slice(350)) await insert([row]);
  }, 60_000);
  afterAll(() => database.close());

  it('add up to what the records give, for every period of whole months', async () => {
    await same();
  });

  it('give the policy page’s years as the records do', async () => {
    await database.execute(`update entities set headcount = 300 where id = $1`, [department]);
    const years = await loadYearFigures(database.db, 2023, 2025);
    expect(years).toHaveLength(6);
    for (const year of [2023, 2024, 2025]) {
      const records = await loadStatistics(database.db, { from: `${year}-01-01`, to: `${year}-12-31` }, { source: 'records' });
      for (const domain of ['integrity', 'wellbeing']) {
        expect(years.find((y) => y.year === year && y.domain === domain)).toEqual({
          year,
          domain,
          contacts: find(records.counts, { dimension: 'theme', domain }),
          contactsWithHeadcount: find(records.counts, { dimension: 'entity', category: department, domain }),
          reports: find(records.counts, { dimension: 'theme', domain, kind: 'report' }),
          acknowledgedInTime: find(records.acknowledgement.filter((a) => a.days !== null && a.days <= 7), { domain }),
          feedbackInTime: find(records.feedback, { domain, within: true }),
        });
      }
    }
  });

  it('follow updates, deletions and a deleted entity, and stay the same when folded', async () => {
    await database.execute(`update case_statistics set closed_on = received_on + 40, outcome = 'founded', measures = array['disciplinary'] where closed_on is null and theme = 'fraud'`);
    await database.execute(`update case_statistics set theme = 'leak', received_on = received_on + 31 where channel = 'phone' and received_on < '2025-06-01'`);
    await database.execute(`update case_statistics set status = status`);
    await database.execute(`delete from case_statistics where channel = 'letter' and kind = 'question'`);
    // The records keep their counts; their entity becomes unknown (the foreign key sets it null).
    await database.execute(`delete from entities where id = $1`, [elsewhere]);
    await same();
    const before = await rowsOfChanges();
    const logged: Record<string, unknown>[] = [];
    // The nightly job folds them, as it runs in the product.
    const job = jobDefinitions(loadConfig({})).find((j) => j.name === compactStatisticsJobName);
    expect(job?.cron).toBe('25 3 * * *');
    await job!.run({ db: database.db, logger: { info: (details) => logged.push(details as Record<string, unknown>), error: () => undefined } });
    expect(logged[0]?.kept).toBe(await rowsOfChanges());
    expect(await rowsOfChanges()).toBeLessThan(before);
    await same();
  });

});

describe.each(databaseKinds)('the monthly sums of generated cases on %s', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await freshDatabase(kind);
    // Batches of cases: one statement writes each batch's records, and so their monthly sums.
    await generateDemoCases(database, 150, { today: isoDate('2026-03-06'), years: 3, batchSize: 64 });
  }, 120_000);
  afterAll(() => database?.close());

  it('follow the cases as they are inserted and worked', async () => {
    const periods = [2023, 2024, 2025, 2026].map((year) => ({ from: `${year}-01-01`, to: year === 2026 ? '2026-03-31' : `${year}-12-31` }));
    // The root's subtree is everything (nothing is left for the rest); a department is part of it.
    const root = String((await database.execute(`select id from entities where parent_id is null`))[0]!.id);
    const busiest = String((await database.execute(`select entity_id from cases where entity_id is not null group by 1 order by count(*) desc limit 1`))[0]!.entity_id);
    const entityIds = [root, busiest];
    await sameFromMonthsAndRecords(database, periods, entityIds);
    const whole = await loadStatistics(database.db, periods[2]!, { entityId: root });
    expect(whole.counts.filter((c) => !c.inScope)).toEqual([]);
    // Cases change one at a time too: a closing, a new theme.
    await database.execute(`update cases set status = 'closed', closed_on = received_on + 30, outcome = 'founded' where id in (select id from cases where closed_on is null order by id limit 5)`);
    await database.execute(`update cases set theme = 'fraud' where id = (select id from cases order by id desc limit 1)`);
    await sameFromMonthsAndRecords(database, periods, entityIds);
  }, 60_000);
});
