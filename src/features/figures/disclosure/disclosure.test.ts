import { describe, expect, it } from 'vitest';
import { crossTable, hierarchicalTable } from './builders.ts';
import { auditTable, protectTable } from './protect-table.ts';
import { defaultDisclosureRules } from './rules.ts';
import type { LinearTable } from './table.ts';

const rules = defaultDisclosureRules; // threshold 5, protection level 3

/** A cross table from a literal grid: rows of counts, row keys r0…, column keys c0…. */
function grid(rows: number[][]): LinearTable {
  const rowKeys = rows.map((_, r) => `r${r}`);
  const colKeys = (rows[0] ?? []).map((_, c) => `c${c}`);
  return crossTable(rowKeys, colKeys, (row, col) => rows[Number(row.slice(1))]?.[Number(col.slice(1))] ?? 0);
}

/** What naive disclosure control publishes: every cell except the sensitive ones (primary suppression only). */
function primaryOnly(table: LinearTable): Map<string, number | null> {
  return new Map(table.cells.map(({ key, value }) => [key, value > 0 && value < rules.threshold ? null : value]));
}

const valueOf = (table: LinearTable, key: string) => table.cells.find((c) => c.key === key)?.value ?? NaN;

const leaks: [string, LinearTable, string[]][] = [
  [
    'a row with exactly one suppressed cell is recomputed from the row total',
    grid([
      [2, 10, 12],
      [8, 9, 7],
    ]),
    ['r0|c0'],
  ],
  [
    'a parent total gives away its one suppressed child',
    hierarchicalTable(
      [
        { id: 'dept', parentId: null },
        { id: 'small', parentId: 'dept' },
        { id: 'large', parentId: 'dept' },
      ],
      ['contacts'],
      (node) => (node === 'small' ? 3 : 7),
    ),
    ['small|contacts', 'small|*'],
  ],
  [
    'a suppressed pair in one row of a 2×2 table still leaks through the columns',
    grid([
      [2, 3],
      [10, 12],
    ]),
    ['r0|c0', 'r0|c1'],
  ],
];

describe('the audit catches what naive suppression leaks', () => {
  it.each(leaks)('%s', async (_name, table, leaked) => {
    const audit = await auditTable(table, primaryOnly(table), rules);
    expect(audit.ok).toBe(false);
    for (const key of leaked) {
      const value = valueOf(table, key);
      expect(audit.intervals.find((i) => i.key === key)).toEqual({ key, lower: value, upper: value, safe: false, sensitive: true });
    }
  });
});

describe('protectTable fixes each leak', () => {
  it.each(leaks)('%s', async (_name, table, leaked) => {
    const protection = await protectTable(table, rules);
    if (protection.status !== 'released') throw new Error(`not released: ${protection.reason}`);
    expect(protection.primary).toEqual(expect.arrayContaining(leaked));
    expect(protection.secondary.length).toBeGreaterThan(0);
    expect((await auditTable(table, protection.values, rules)).ok).toBe(true);
    for (const key of protection.primary) {
      const value = valueOf(table, key);
      const interval = protection.audit.find((i) => i.key === key);
      expect(protection.values.get(key)).toBeNull();
      expect(interval?.upper).toBeGreaterThanOrEqual(value + rules.protectionLevel);
      expect(interval?.lower).toBeLessThanOrEqual(Math.max(0, value - rules.protectionLevel));
    }
  });
});

describe('protectTable', () => {
  it('suppresses one cell of a 3×3 table with the three cells of one rectangle, never a margin', async () => {
    const table = grid([
      [2, 40, 50],
      [30, 35, 45],
      [60, 25, 55],
    ]);
    const protection = await protectTable(table, rules);
    if (protection.status !== 'released') throw new Error('not released');
    expect(protection.primary).toEqual(['r0|c0']);
    expect(protection.secondary).toHaveLength(3);
    expect(protection.secondary.every((key) => !key.includes('*'))).toBe(true);
    expect([...protection.values.values()].filter((v) => v === null)).toHaveLength(4);
  });

  it('publishes a table without small counts untouched', async () => {
    const table = grid([
      [5, 17],
      [0, 9],
    ]);
    const protection = await protectTable(table, rules);
    expect(protection).toEqual({ status: 'released', values: new Map(table.cells.map((c) => [c.key, c.value])), primary: [], secondary: [], audit: [] });
  });

  it('publishes an all-zero table as it is', async () => {
    const table = grid([
      [0, 0],
      [0, 0],
    ]);
    const protection = await protectTable(table, rules);
    expect(protection.status).toBe('released');
    expect([...protection.values.values()]).toEqual(new Array(9).fill(0));
  });

  it('refuses a table whose every count is small, showing nothing', async () => {
    const protection = await protectTable(
      grid([
        [1, 1],
        [1, 0],
      ]),
      rules,
    );
    expect(protection.status).toBe('unprotectable');
    if (protection.status === 'unprotectable') expect(protection.reason).toBe('too_small');
    expect([...protection.values.values()].every((v) => v === null)).toBe(true);
  });

  it('shows only the grand total when every other count is small', async () => {
    const table = grid([
      [1, 2],
      [2, 2],
    ]);
    const protection = await protectTable(table, rules);
    expect(protection.status).toBe('released');
    expect([...protection.values].filter(([, v]) => v !== null)).toEqual([['*|*', 7]]);
  });

  it.each<[string, number, 'released' | 'unprotectable', number | null]>([
    ['a 1×1 table of zero', 0, 'released', 0],
    ['a 1×1 table of a small count', 3, 'unprotectable', null],
    ['a 1×1 table of a large count', 12, 'released', 12],
  ])('%s', async (_name, count, status, shown) => {
    const protection = await protectTable(grid([[count]]), rules);
    expect(protection.status).toBe(status);
    expect([...protection.values.values()]).toEqual([shown, shown, shown, shown]);
  });

  it('honours a stricter threshold and protection level', async () => {
    const table = grid([
      [6, 40, 50],
      [30, 35, 45],
      [60, 25, 55],
    ]);
    const strict = { threshold: 10, protectionLevel: 5 };
    expect((await protectTable(table, rules)).status === 'released' && (await protectTable(table, rules)).values.get('r0|c0')).toBe(6);
    const protection = await protectTable(table, strict);
    if (protection.status !== 'released') throw new Error('not released');
    expect(protection.primary).toEqual(['r0|c0']);
    const interval = protection.audit.find((i) => i.key === 'r0|c0');
    expect(interval?.upper).toBeGreaterThanOrEqual(11);
    expect(interval?.lower).toBeLessThanOrEqual(1);
  });
});

describe('auditTable', () => {
  it('rejects a published sensitive count and a published value that differs from the table', async () => {
    const table = grid([
      [2, 10],
      [8, 9],
    ]);
    const published = new Map(table.cells.map((c) => [c.key, c.value]));
    published.set('r1|c1', 10);
    const audit = await auditTable(table, published, rules);
    expect(audit.ok).toBe(false);
    expect(audit.problems).toEqual([
      { key: 'r0|c0', problem: 'sensitive_published' },
      { key: 'r1|c1', problem: 'value_differs' },
    ]);
  });

  it('reports an unbounded interval when nothing published bounds a cell', async () => {
    const table = grid([[2, 10]]);
    const audit = await auditTable(table, new Map(table.cells.map((c) => [c.key, null])), rules);
    expect(audit.ok).toBe(true);
    expect(audit.intervals.find((i) => i.key === 'r0|c0')).toMatchObject({ lower: 0, upper: Infinity, safe: true });
  });

  it('counts in whole numbers: the bound is the integer one, not the LP relaxation', async () => {
    // x + y ≤ 1, y + z ≤ 1, x + z ≤ 1 (with slack cells), published; over the reals T = x + y + z reaches 1.5 at
    // x = y = z = ½, which a rounding audit would report as 2. Over the integers T is at most 1.
    const cells = { x: 1, y: 0, z: 0, sxy: 0, syz: 1, sxz: 0, xy: 1, yz: 1, xz: 1, T: 1 };
    const table: LinearTable = {
      cells: Object.entries(cells).map(([key, value]) => ({ key, value })),
      relations: [
        { total: 'xy', parts: ['x', 'y', 'sxy'] },
        { total: 'yz', parts: ['y', 'z', 'syz'] },
        { total: 'xz', parts: ['x', 'z', 'sxz'] },
        { total: 'T', parts: ['x', 'y', 'z'] },
      ],
    };
    const published = new Map(Object.entries(cells).map(([key, value]): [string, number | null] => [key, ['xy', 'yz', 'xz'].includes(key) ? value : null]));
    const audit = await auditTable(table, published, { threshold: 1, protectionLevel: 1 });
    expect(audit.intervals.find((i) => i.key === 'T')).toMatchObject({ lower: 0, upper: 1 });
  });
});

describe('table builders', () => {
  it('builds a cross table with row, column and grand totals', () => {
    const table = crossTable(['a', 'b'], ['x', 'y'], (row, col) => (row === 'a' ? 1 : 2) * (col === 'x' ? 1 : 10));
    expect(Object.fromEntries(table.cells.map((c) => [c.key, c.value]))).toEqual({
      'a|x': 1, 'a|y': 10, 'a|*': 11, 'b|x': 2, 'b|y': 20, 'b|*': 22, '*|x': 3, '*|y': 30, '*|*': 33,
    });
    expect(table.relations).toContainEqual({ total: '*|x', parts: ['a|x', 'b|x'] });
    expect(table.relations).toContainEqual({ total: 'a|*', parts: ['a|x', 'a|y'] });
  });

  it('builds a tree table where a parent is its own cases plus its children', () => {
    const tree = [
      { id: 'org', parentId: null },
      { id: 'dept', parentId: 'org' },
      { id: 'unit', parentId: 'dept' },
    ];
    const table = hierarchicalTable(tree, ['q', 'r'], (node, col) => (node === 'unit' ? 5 : 1) + (col === 'r' ? 1 : 0), { parentsHaveOwnCases: true });
    const values = Object.fromEntries(table.cells.map((c) => [c.key, c.value]));
    expect(values).toMatchObject({ 'unit|q': 5, 'dept#own|q': 1, 'dept|q': 6, 'org#own|r': 2, 'org|r': 2 + 2 + 6, '*|*': 7 + 10 });
    expect(table.relations).toContainEqual({ total: 'dept|q', parts: ['dept#own|q', 'unit|q'] });
    const pure = hierarchicalTable(tree, ['q'], () => 4);
    expect(pure.cells.map((c) => [c.key, c.value])).toContainEqual(['org|q', 4]);
  });

  it('refuses a tree with a cycle or an unknown parent', () => {
    expect(() => hierarchicalTable([{ id: 'a', parentId: 'b' }], ['x'], () => 1)).toThrow(/not in the tree/);
    expect(() =>
      hierarchicalTable(
        [
          { id: 'a', parentId: 'b' },
          { id: 'b', parentId: 'a' },
        ],
        ['x'],
        () => 1,
      ),
    ).toThrow(/cycle/);
  });
});
