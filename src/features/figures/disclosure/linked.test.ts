import { describe, expect, it } from 'vitest';
import { crossTable } from './builders.ts';
import { auditLinkedTables, linkTables, protectLinkedTables, type LinkedTable } from './linked.ts';
import { auditTable, protectTable } from './protect-table.ts';
import { defaultDisclosureRules } from './rules.ts';

const rules = defaultDisclosureRules; // threshold 5, protection level 3

/**
 * Two tables of one publication: contacts by type and domain (2 questions on wellbeing), and the reports by
 * whether they were acknowledged in time, per domain. The second's column totals are the first's report row.
 */
const counts = (cells: Record<string, number>) => (row: string, column: string) => cells[`${row}|${column}`] ?? 0;
const byType = crossTable(['question', 'report'], ['wellbeing', 'integrity'], counts({ 'question|wellbeing': 2, 'question|integrity': 20, 'report|wellbeing': 30, 'report|integrity': 40 }));
const acknowledgement = crossTable(['within', 'later'], ['wellbeing', 'integrity'], counts({ 'within|wellbeing': 24, 'later|wellbeing': 6, 'within|integrity': 33, 'later|integrity': 7 }));

/** A cell's meaning: the constraints it puts on the cases received, in a fixed order ('*' constrains nothing). */
const described = (constraints: Record<string, string>) =>
  ['received', ...Object.entries(constraints).filter(([, code]) => code !== '*').sort(([a], [b]) => a.localeCompare(b)).map(([dimension, code]) => `${dimension}=${code}`)].join('|');
const split = (key: string) => key.split('|') as [string, string];

const tables: LinkedTable[] = [
  {
    name: 'type',
    table: byType,
    meaningOf: (key) => {
      const [kind, domain] = split(key);
      return described({ kind, domain });
    },
  },
  // Reports only: every cell of it says kind=report, so its column totals are the first table's report row.
  {
    name: 'acknowledgement',
    table: acknowledgement,
    meaningOf: (key) => {
      const [status, domain] = split(key);
      return described({ ack: status, domain, kind: 'report' });
    },
  },
];

describe('tables published together', () => {
  it('merge the cells that count the same cases, and keep each relation once', () => {
    const { table, keyOf } = linkTables(tables);
    expect(keyOf('acknowledgement', '*|wellbeing')).toBe(keyOf('type', 'report|wellbeing'));
    expect(keyOf('acknowledgement', '*|*')).toBe(keyOf('type', 'report|*'));
    expect(keyOf('acknowledgement', 'within|wellbeing')).not.toBe(keyOf('type', 'report|wellbeing'));
    expect(table.cells).toHaveLength(byType.cells.length + acknowledgement.cells.length - 3);
    // The report row's relation (report|* = report|wellbeing + report|integrity) is said by both tables.
    expect(table.relations).toHaveLength(byType.relations.length + acknowledgement.relations.length - 1);
  });

  it('are not protected by protecting each on its own: the second gives away what the first hides', async () => {
    const alone = await protectTable(byType, rules);
    const second = await protectTable(acknowledgement, rules);
    expect(alone.status).toBe('released');
    expect(second.status).toBe('released');
    expect(alone.values.get('question|wellbeing')).toBeNull();
    // Each passes its own audit …
    expect((await auditTable(byType, alone.values, rules)).ok).toBe(true);
    expect((await auditTable(acknowledgement, second.values, rules)).ok).toBe(true);
    // … but the reports per domain, shown by the second, with the domain totals of the first pin the 2 down.
    const together = await auditLinkedTables(tables, (name) => (name === 'type' ? alone.values : second.values), rules);
    expect(together.ok).toBe(false);
    const cell = together.intervals.find((i) => i.key === linkTables(tables).keyOf('type', 'question|wellbeing'));
    expect(cell).toMatchObject({ lower: 2, upper: 2, safe: false });
  });

  it('are protected as one table: what is released passes the joint audit', async () => {
    const { protection, valuesOf } = await protectLinkedTables(tables, rules);
    expect(protection.status).toBe('released');
    expect(valuesOf('type').get('question|wellbeing')).toBeNull();
    // A count shown in one table is shown in the other too, or hidden in both.
    expect(valuesOf('acknowledgement').get('*|wellbeing')).toBe(valuesOf('type').get('report|wellbeing'));
    const audit = await auditLinkedTables(tables, valuesOf, rules);
    expect(audit.ok).toBe(true);
    const cell = audit.intervals.find((i) => i.key === linkTables(tables).keyOf('type', 'question|wellbeing'));
    expect(cell?.lower).toBe(0);
    expect(cell?.upper).toBeGreaterThanOrEqual(2 + rules.protectionLevel);
  });

  it('keep apart two cells of the same meaning whose counts differ, and refuse a name given twice', () => {
    const other = crossTable(['report'], ['wellbeing'], () => 31);
    const { keyOf } = linkTables([tables[0] as LinkedTable, { name: 'other', table: other, meaningOf: (key) => (key === 'report|wellbeing' ? 'received|domain=wellbeing|kind=report' : undefined) }]);
    expect(keyOf('other', 'report|wellbeing')).not.toBe(keyOf('type', 'report|wellbeing'));
    expect(() => linkTables([tables[0] as LinkedTable, tables[0] as LinkedTable])).toThrow(/same name/);
  });
});
