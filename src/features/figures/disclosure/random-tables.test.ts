import { describe, expect, it } from 'vitest';
import { crossTable, hierarchicalTable } from './builders.ts';
import { protectTable } from './protect-table.ts';
import { defaultDisclosureRules } from './rules.ts';
import type { LinearTable } from './table.ts';
import { loadSolver } from './solver.ts';

const rules = defaultDisclosureRules;

/** Seeded generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Mostly small counts, some zeros, now and then a large one. */
const smallCount = (next: () => number) => Math.floor(next() * next() * 16);

function randomTable(seed: number): LinearTable {
  const next = random(seed);
  const cols = Array.from({ length: 1 + Math.floor(next() * 4) }, (_, i) => `c${i}`);
  if (seed % 2 === 0) {
    const rows = Array.from({ length: 1 + Math.floor(next() * 4) }, (_, i) => `r${i}`);
    const counts = new Map(rows.flatMap((r) => cols.map((c): [string, number] => [`${r}|${c}`, smallCount(next)])));
    return crossTable(rows, cols, (r, c) => counts.get(`${r}|${c}`) ?? 0);
  }
  const tree = [{ id: 'n0', parentId: null as string | null }];
  const size = 2 + Math.floor(next() * 6);
  for (let i = 1; i < size; i++) tree.push({ id: `n${i}`, parentId: `n${Math.floor(next() * i)}` });
  const counts = new Map(tree.flatMap((n) => cols.map((c): [string, number] => [`${n.id}|${c}`, smallCount(next)])));
  return hierarchicalTable(tree, cols, (n, c) => counts.get(`${n}|${c}`) ?? 0, { parentsHaveOwnCases: next() < 0.5 });
}

/**
 * An audit written independently of the module's: for each suppressed cell, a fresh MIP in CPLEX LP text
 * (whole numbers, non-negative, every relation with the published cells as constants), minimised and maximised.
 */
async function independentIntervals(table: LinearTable, published: Map<string, number | null>): Promise<Map<string, [number, number]>> {
  const highs = await loadSolver();
  const name = new Map(table.cells.map((c, i) => [c.key, `x${i}`]));
  const hidden = table.cells.filter((c) => published.get(c.key) === null);
  const constraints = table.relations.flatMap((relation, i) => {
    let rhs = 0;
    const terms: string[] = [];
    for (const [key, sign] of [[relation.total, 1], ...relation.parts.map((p) => [p, -1] as const)] as const) {
      const shown = published.get(key);
      if (shown === null || shown === undefined) terms.push(`${sign > 0 ? '+' : '-'} ${name.get(key)}`);
      else rhs -= sign * shown;
    }
    return terms.length === 0 ? [] : [` r${i}: ${terms.join(' ')} = ${rhs}`];
  });
  const variables = hidden.map((c) => name.get(c.key)).join(' ');
  const intervals = new Map<string, [number, number]>();
  for (const cell of hidden) {
    const bound = (sense: 'Minimize' | 'Maximize') => {
      const lp = [sense, ` obj: ${name.get(cell.key)}`, 'Subject To', ...constraints, ` keep: ${name.get(cell.key)} >= 0`, 'General', ` ${variables}`, 'End'].join('\n');
      const solution = highs.solve(lp, { output_flag: false });
      // The true table is feasible, so "infeasible or unbounded" means unbounded.
      if ((solution.Status === 'Unbounded' || solution.Status === 'Primal infeasible or unbounded') && sense === 'Maximize') return Infinity;
      if (solution.Status !== 'Optimal') throw new Error(`independent audit: ${solution.Status}`);
      return Math.round(solution.ObjectiveValue);
    };
    intervals.set(cell.key, [bound('Minimize'), bound('Maximize')]);
  }
  return intervals;
}

describe('protectTable on random small tables', () => {
  it('never releases anything an independent integer audit finds unprotected', async () => {
    let released = 0;
    for (let seed = 1; seed <= 50; seed++) {
      const table = randomTable(seed);
      const protection = await protectTable(table, rules);
      const context = `table ${seed}`;
      const oracle = await independentIntervals(table, protection.values);
      for (const { key, value } of table.cells) {
        const shown = protection.values.get(key);
        if (shown !== null) {
          expect(shown, `${context}: ${key} is published as it is`).toBe(value);
          expect(value > 0 && value < rules.threshold, `${context}: ${key} (${value}) is sensitive but published`).toBe(false);
        } else if (value > 0 && value < rules.threshold) {
          const [lower, upper] = oracle.get(key) ?? [NaN, NaN];
          expect(upper, `${context}: upper bound of ${key} (${value})`).toBeGreaterThanOrEqual(value + rules.protectionLevel);
          expect(lower, `${context}: lower bound of ${key} (${value})`).toBeLessThanOrEqual(Math.max(0, value - rules.protectionLevel));
        }
      }
      if (protection.status === 'released') {
        released++;
        // The module's own audit, with its shortcuts, finds exactly the independent intervals.
        expect(new Map(protection.audit.map((i) => [i.key, [i.lower, i.upper]])), context).toEqual(oracle);
      }
    }
    // Most random tables can be protected; a run where none is would test nothing.
    expect(released).toBeGreaterThan(25);
  });
});
