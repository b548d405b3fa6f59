/**
 * The fast path of secondary suppression: the cheapest "rectangle" — four cells s, a, b, d where a shares a
 * relation with s, b shares another with s, and d closes the loop — whose alternating move keeps every relation.
 * In a two-way table these are the classic 2×2 complements (row r and r', columns c and c'); in a tree table they
 * also pair a cell with a sibling entity's cell, or with row totals. Unlike the LP, it counts the exact price of
 * the cells it adds, but it only sees loops of four cells; targets it cannot serve go to the LP.
 */
import type { IndexedTable } from './table.ts';

export type Perturbation = [cell: number, change: number][];

/** Each relation as cell → coefficient (+1 for the total, −1 for a part). */
export function relationCoefficients(table: IndexedTable): Map<number, number>[] {
  return table.relations.map((relation) => new Map([[relation.total, 1], ...relation.parts.map((part): [number, number] => [part, -1])]));
}

/**
 * The cheapest rectangle moving `cell` by `change` (±) that costs at most `maxCost`, where a cell already hidden
 * costs nothing and no cell may go below zero; undefined if there is none.
 */
export function cheapestRectangle(
  table: IndexedTable,
  coefficients: Map<number, number>[],
  cell: number,
  change: number,
  price: (cell: number) => number,
  maxCost = Infinity,
): { cost: number; changes: Perturbation } | undefined {
  const value = (c: number) => table.values[c] ?? 0;
  const relationsOf = (c: number) => table.relationsOf[c] ?? [];
  const coefficient = (relation: number, c: number) => coefficients[relation]?.get(c);
  const balanced = (moves: Perturbation): boolean => {
    const touched = new Set(moves.flatMap(([c]) => relationsOf(c)));
    for (const relation of touched) {
      let sum = 0;
      for (const [c, y] of moves) sum += (coefficient(relation, c) ?? 0) * y;
      if (Math.abs(sum) > 1e-9) return false;
    }
    return true;
  };
  let best: { cost: number; changes: Perturbation } | undefined;
  const own = relationsOf(cell);
  for (const r1 of own) {
    for (const r2 of own) {
      if (r2 <= r1) continue;
      const s1 = coefficient(r1, cell) ?? 0;
      const s2 = coefficient(r2, cell) ?? 0;
      for (const [a, c1a] of coefficients[r1] ?? []) {
        // a balances s in r1; it must stay non-negative.
        const ya = (-s1 * change) / c1a;
        if (a === cell || value(a) + ya < 0) continue;
        const priceA = price(a);
        if (priceA > maxCost || (best !== undefined && priceA >= best.cost)) continue;
        for (const [b, c2b] of coefficients[r2] ?? []) {
          const yb = (-s2 * change) / c2b;
          if (b === cell || b === a || value(b) + yb < 0) continue;
          const priceAB = priceA + price(b);
          if (priceAB > maxCost || (best !== undefined && priceAB >= best.cost)) continue;
          for (const r3 of relationsOf(a)) {
            if (r3 === r1) continue;
            const c3a = coefficient(r3, a) ?? 0;
            for (const r4 of relationsOf(b)) {
              if (r4 === r2) continue;
              for (const [d, c3d] of coefficients[r3] ?? []) {
                const c4d = coefficient(r4, d);
                if (c4d === undefined || d === cell || d === a || d === b) continue;
                // d balances a in r3, and must then also balance b in r4.
                const yd = (-c3a * ya) / c3d;
                if (value(d) + yd < 0) continue;
                const cost = priceAB + price(d);
                if (cost > maxCost || (best !== undefined && cost >= best.cost)) continue;
                const moves: Perturbation = [
                  [cell, change],
                  [a, ya],
                  [b, yb],
                  [d, yd],
                ];
                if (!balanced(moves)) continue;
                best = { cost, changes: moves };
                if (cost === 0) return best;
              }
            }
          }
        }
      }
    }
  }
  return best;
}
