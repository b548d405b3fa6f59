import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, freshDatabase, type TestDatabase } from '../../../test/databases.ts';
import { loadStatistics, type Statistics } from './queries.ts';

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

describe.each(databaseKinds)('the statistics of a period on %s', (kind) => {
  let database: TestDatabase;
  let year: Statistics;
  let inUnit: Statistics;

  beforeAll(async () => {
    database = await freshDatabase(kind);
    await database.execute(`insert into entities (id, parent_id, name, kind) values ($1, null, 'Department', 'department'), ($2, $1, 'Unit', 'unit'), ($3, null, 'Elsewhere', 'department')`, [
      department,
      unit,
      elsewhere,
    ]);
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
