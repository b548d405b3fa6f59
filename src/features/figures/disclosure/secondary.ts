/**
 * Secondary suppression: which further cells to hide so that each sensitive cell's value could, for all an outsider
 * can tell, be a few higher and a few lower than it is.
 *
 * The method is the classic LP heuristic of cell suppression (Kelly, Golden & Assad 1992; Fischetti & Salazar
 * 2000): a sensitive cell s is protected upwards as soon as some *other* table — the true one plus a perturbation
 * y — agrees with everything published and has y[s] ≥ the protection level. Such a y may only move suppressed
 * cells, must keep every relation (A·y = 0) and every cell non-negative. So for each unprotected direction of each
 * sensitive cell, HiGHS finds the cheapest such perturbation with y[s] fixed, where moving a cell costs its
 * suppression cost per unit (almost nothing for cells already hidden); every cell the perturbation moves is then
 * suppressed, which makes that perturbation invisible.
 *
 * To stay fast on tables with a thousand sensitive cells, each target goes through cheaper steps first:
 * 1. skipped if a perturbation already found (or a multiple t·y of one, t of either sign, that keeps all cells
 *    non-negative) moves the cell far enough;
 * 2. a four-cell rectangle through hidden cells only (`rectangles.ts`), which costs nothing;
 * 3. the LP on a neighbourhood of the cell (cells within 2, then 3, then 4 relation steps; hidden cells join
 *    for free up to 300 cells, since a perturbation can run through them at no cost), cells outside staying put;
 * 4. the LP on the whole table.
 * Restricting the LP to a region only makes the perturbation it finds dearer, never invalid.
 *
 * Heuristic, not optimal: the cells are protected one after the other (the order matters), the LP minimises the
 * weighted size of the perturbation (a stand-in for the number and size of the cells it touches), and the regions
 * hide some cheaper, longer perturbations. With `integer` the perturbation is a whole-number one (a MIP), used for
 * cells that the exact integer audit still found unsafe after the LP round. The audit, not this module, decides
 * whether a table may be released.
 */
import { loadSolver, modelData, quietModel } from './solver.ts';
import { cheapestRectangle, relationCoefficients } from './rectangles.ts';
import type { IndexedRelation, IndexedTable } from './table.ts';

export interface ProtectionTarget {
  cell: number;
  /** 'up': some consistent table must have this cell at least `amount` higher; 'down': at least `amount` lower. */
  direction: 'up' | 'down';
  amount: number;
}

/** Cost of moving an already suppressed cell: tiny but positive, so that perturbations stay small. */
const hiddenCost = 1e-3;
const movedTolerance = 1e-7;

/** Relative price of suppressing a cell: prefer few cells, then small ones; margins cost more, grand totals most. */
export function suppressionCost(table: IndexedTable, cell: number): number {
  const base = 1 + Math.log10(1 + (table.values[cell] ?? 0));
  if (table.isGrand[cell]) return base * 1000;
  if (table.isTotal[cell]) return base * 3;
  return base;
}

/** Hidden cells join a region for free only up to this size, so that regions stay small enough to solve fast. */
const freeRegionLimit = 300;
/** Neighbourhood radii tried for a target before the whole table: most perturbations are short cycles. */
const radii = [2, 3, 4];

/** Adds suppressions (in place) until every target has a perturbation through suppressed cells only. */
export async function addSecondarySuppressions(table: IndexedTable, suppressed: boolean[], targets: ProtectionTarget[], options: { integer: boolean }): Promise<void> {
  if (targets.length === 0) return;
  const highs = await loadSolver();
  const cells = table.values.length;
  // The largest move up and down of each cell among the perturbations found so far.
  const movedUp = new Array<number>(cells).fill(0);
  const movedDown = new Array<number>(cells).fill(0);
  const reached = (t: ProtectionTarget) => ((t.direction === 'up' ? movedUp[t.cell] : movedDown[t.cell]) ?? 0) >= t.amount - movedTolerance;

  // One HiGHS instance takes every region's model in turn (creating one per solve costs more than solving).
  const model = quietModel(highs);
  if (options.integer) model.options.set({ presolve: 'on', mip_rel_gap: 1e-3, time_limit: 10 });
  // Scratch space reused by every solve: region cell → its local number (−1 outside), relations already taken.
  const local = new Int32Array(cells).fill(-1);
  const relationTaken = new Uint8Array(table.relations.length);

  /** The cheapest perturbation moving the target that only moves cells of `region`, or undefined if there is none. */
  const perturbation = (target: ProtectionTarget, region: number[]): [cell: number, change: number][] | undefined => {
    region.forEach((cell, k) => (local[cell] = k));
    const relations: number[] = [];
    for (const cell of region) {
      for (const r of table.relationsOf[cell] ?? []) {
        if (relationTaken[r] === 0) {
          relationTaken[r] = 1;
          relations.push(r);
        }
      }
    }
    // Column 2k raises region cell k (u ≥ 0), column 2k+1 lowers it (0 ≤ d ≤ value: cells stay non-negative).
    // Cells outside the region do not move, so they simply drop out of each relation.
    const rows = { columns: [] as number[][], coefficients: [] as number[][], rhs: [] as number[] };
    for (const r of relations) {
      relationTaken[r] = 0;
      const relation = table.relations[r] as IndexedRelation;
      const columns: number[] = [];
      const coefficients: number[] = [];
      const total = local[relation.total] ?? -1;
      if (total >= 0) {
        columns.push(2 * total, 2 * total + 1);
        coefficients.push(1, -1);
      }
      for (const part of relation.parts) {
        const k = local[part] ?? -1;
        if (k < 0) continue;
        columns.push(2 * k, 2 * k + 1);
        coefficients.push(-1, 1);
      }
      rows.columns.push(columns);
      rows.coefficients.push(coefficients);
      rows.rhs.push(0);
    }
    for (const cell of region) local[cell] = -1;
    const lower = region.flatMap(() => [0, 0]);
    const upper = region.flatMap((cell) => [Infinity, table.values[cell] ?? 0]);
    const cost = region.flatMap((cell) => {
      const price = suppressed[cell] ? hiddenCost : suppressionCost(table, cell);
      return [price, price];
    });
    const k = region.indexOf(target.cell);
    const [moved, still] = target.direction === 'up' ? [2 * k, 2 * k + 1] : [2 * k + 1, 2 * k];
    lower[moved] = target.amount;
    upper[moved] = target.amount;
    upper[still] = 0;
    const data = modelData(highs, 2 * region.length, rows, { lower, upper, cost });
    model.passModel(options.integer ? { ...data, integrality: new Int32Array(2 * region.length).fill(highs.constants.variableType.integer) } : data);
    const status = model.run().modelStatus;
    const solved = status === highs.constants.modelStatus.optimal || (options.integer && status === highs.constants.modelStatus.timeLimit && model.info.get('primal_solution_status') === 2);
    if (!solved) return undefined;
    const point = model.getSolution().colValue;
    return region.map((cell, j): [number, number] => [cell, (point[2 * j] ?? 0) - (point[2 * j + 1] ?? 0)]).filter(([, change]) => Math.abs(change) > movedTolerance);
  };

  /** Hides every cell the perturbation moves and records how far it (scaled) moves each of them. */
  const apply = (changes: [cell: number, change: number][]): void => {
    // t·y is a valid perturbation too, for any t (negative ones included) that keeps every cell non-negative:
    // one solve thus shows how far each moved cell can go both ways.
    let stretch = Infinity;
    let reverse = Infinity;
    for (const [j, change] of changes) {
      const room = (table.values[j] ?? 0) / Math.abs(change);
      if (change < 0) stretch = Math.min(stretch, room);
      else reverse = Math.min(reverse, room);
    }
    for (const [j, change] of changes) {
      const up = Math.max(change * stretch, -change * reverse);
      const down = Math.max(-change * stretch, change * reverse);
      if (up > (movedUp[j] ?? 0)) movedUp[j] = up;
      if (down > (movedDown[j] ?? 0)) movedDown[j] = down;
      suppressed[j] = true;
    }
  };

  const everything = table.values.map((_, cell) => cell);
  const seen = new Uint8Array(cells);
  const coefficients = relationCoefficients(table);
  const price = (cell: number) => (suppressed[cell] ? 0 : suppressionCost(table, cell));
  try {
    for (const target of targets) if (!reached(target)) protect(target);
  } finally {
    model.dispose();
  }

  function protect(target: ProtectionTarget): void {
    const rectangle = options.integer ? undefined : cheapestRectangle(table, coefficients, target.cell, target.direction === 'up' ? target.amount : -target.amount, price, 0);
    // A rectangle through hidden cells only costs nothing, and no LP can beat that; otherwise the LP looks wider.
    if (rectangle !== undefined) {
      apply(rectangle.changes);
      return;
    }
    let changes: [number, number][] | undefined;
    for (const radius of radii) {
      const region = neighbourhood(table, target.cell, radius, seen, suppressed);
      if (region.length >= cells) break;
      changes = perturbation(target, region);
      if (changes !== undefined) break;
    }
    // Infeasible on the whole table only if the cell cannot move at all; the audit then reports it.
    changes ??= perturbation(target, everything);
    if (changes !== undefined) apply(changes);
  }
}

/**
 * The cells within `radius` steps of a cell, a step joining two cells of the same relation; stepping onto a cell
 * that is already hidden is free, because a perturbation can run through hidden cells at no cost.
 */
function neighbourhood(table: IndexedTable, cell: number, radius: number, seen: Uint8Array, suppressed: boolean[]): number[] {
  const region = [cell];
  seen[cell] = 1;
  // Breadth-first by cost: `levels[d]` holds the cells reached at cost d, and hidden cells join the level they
  // were reached from.
  let level = [cell];
  for (let step = 0; step <= radius && level.length > 0; step++) {
    const next: number[] = [];
    for (let i = 0; i < level.length; i++) {
      for (const r of table.relationsOf[level[i] ?? 0] ?? []) {
        const relation = table.relations[r] as IndexedRelation;
        for (let m = -1; m < relation.parts.length; m++) {
          const to = m < 0 ? relation.total : (relation.parts[m] ?? 0);
          if (seen[to] !== 0) continue;
          if (suppressed[to] && region.length < freeRegionLimit) {
            seen[to] = 1;
            region.push(to);
            level.push(to);
          } else if (step < radius) {
            seen[to] = 1;
            region.push(to);
            next.push(to);
          }
        }
      }
    }
    level = next;
  }
  for (const c of region) seen[c] = 0;
  return region;
}
