/**
 * The attacker's view of a published table: for each suppressed cell, the smallest and largest whole number it can
 * take in any table of non-negative integers that agrees with every published cell and every relation.
 *
 * Published cells are constants, so only suppressed cells are variables; relations that link no suppressed cell
 * drop out, and the rest split into independent components (each solved on its own, smaller model). Per variable
 * we minimise and maximise it with HiGHS on one persistent model per component (changing only the objective, so
 * the simplex starts warm). Because an outsider knows the counts are whole numbers, the bound that counts is the
 * integer one: an LP optimum is accepted only when the whole optimal point is integral (then an integer table
 * attains it, so it is exact); otherwise the same model is solved as a MIP. Cheap shortcuts never change the
 * answer: bounds from constraint propagation are valid outer bounds, and when an integral feasible table already
 * seen (the true table, or an earlier optimum) reaches such an outer bound, that bound is exact.
 */
import { loadSolver, modelData, quietModel, type Highs, type HighsModel } from './solver.ts';
import type { IndexedTable } from './table.ts';

export interface Interval {
  lower: number;
  /** `Infinity` when nothing published bounds the cell from above (only when a grand total is suppressed). */
  upper: number;
}

interface Row {
  vars: number[];
  coefficients: number[];
  rhs: number;
}

const integralTolerance = 1e-6;

/** The exact integer interval of every suppressed cell (indexed by cell position; undefined for published cells). */
export async function feasibleIntervals(table: IndexedTable, suppressed: boolean[]): Promise<(Interval | undefined)[]> {
  const cellOfVar: number[] = [];
  const varOfCell = new Map<number, number>();
  suppressed.forEach((hidden, cell) => {
    if (hidden) {
      varOfCell.set(cell, cellOfVar.length);
      cellOfVar.push(cell);
    }
  });
  const rows: Row[] = [];
  for (const relation of table.relations) {
    const row: Row = { vars: [], coefficients: [], rhs: 0 };
    const term = (cell: number, coefficient: number) => {
      const v = varOfCell.get(cell);
      if (v === undefined) row.rhs -= coefficient * (table.values[cell] ?? 0);
      else {
        row.vars.push(v);
        row.coefficients.push(coefficient);
      }
    };
    term(relation.total, 1);
    for (const part of relation.parts) term(part, -1);
    if (row.vars.length > 0) rows.push(row);
  }

  const components = splitIntoComponents(cellOfVar.length, rows);
  const result: (Interval | undefined)[] = table.values.map(() => undefined);
  const highs = components.some((c) => c.rows.length > 0) ? await loadSolver() : undefined;
  for (const component of components) {
    const truth = component.vars.map((v) => table.values[cellOfVar[v] ?? -1] ?? 0);
    const intervals = highs === undefined || component.rows.length === 0 ? truth.map(() => ({ lower: 0, upper: Infinity })) : solveComponent(highs, truth, component.rows);
    component.vars.forEach((v, local) => {
      result[cellOfVar[v] ?? -1] = intervals[local];
    });
  }
  return result;
}

/** Groups variables linked by rows; rows are rewritten to local variable numbers. */
function splitIntoComponents(count: number, rows: Row[]): { vars: number[]; rows: Row[] }[] {
  const parent = Array.from({ length: count }, (_, i) => i);
  const find = (v: number): number => {
    let root = v;
    while (parent[root] !== root) root = parent[root] ?? root;
    while (parent[v] !== root) {
      const next = parent[v] ?? root;
      parent[v] = root;
      v = next;
    }
    return root;
  };
  for (const row of rows) {
    const first = find(row.vars[0] ?? 0);
    for (const v of row.vars) parent[find(v)] = first;
  }
  const byRoot = new Map<number, { vars: number[]; local: Map<number, number>; rows: Row[] }>();
  for (let v = 0; v < count; v++) {
    const root = find(v);
    let component = byRoot.get(root);
    if (component === undefined) {
      component = { vars: [], local: new Map(), rows: [] };
      byRoot.set(root, component);
    }
    component.local.set(v, component.vars.length);
    component.vars.push(v);
  }
  for (const row of rows) {
    const component = byRoot.get(find(row.vars[0] ?? 0));
    component?.rows.push({ ...row, vars: row.vars.map((v) => component.local.get(v) ?? 0) });
  }
  return [...byRoot.values()];
}

/** Outer bounds implied row by row (interval propagation); valid, not necessarily tight. */
function propagateBounds(count: number, rows: Row[]): { lower: number[]; upper: number[] } {
  const lower = new Array<number>(count).fill(0);
  const upper = new Array<number>(count).fill(Infinity);
  for (let pass = 0, changed = true; changed && pass < 50; pass++) {
    changed = false;
    for (const row of rows) {
      // Σ c·x = rhs; each term c·x lies in [lo, hi].
      const lo = row.vars.map((v, k) => ((row.coefficients[k] ?? 0) > 0 ? (lower[v] ?? 0) : -(upper[v] ?? Infinity)));
      const hi = row.vars.map((v, k) => ((row.coefficients[k] ?? 0) > 0 ? (upper[v] ?? Infinity) : -(lower[v] ?? 0)));
      // Sum of all terms but k, keeping infinite terms apart so that one of them can be left out exactly.
      const total = (bounds: number[]) => bounds.reduce((acc, b) => (Number.isFinite(b) ? { ...acc, finite: acc.finite + b } : { ...acc, infinite: acc.infinite + 1 }), { finite: 0, infinite: 0 });
      const lowTotal = total(lo);
      const highTotal = total(hi);
      const sumOthers = (bounds: number[], sum: { finite: number; infinite: number }, k: number, sign: number) => {
        const own = bounds[k] ?? 0;
        const infinite = sum.infinite - (Number.isFinite(own) ? 0 : 1);
        return infinite > 0 ? sign * Infinity : sum.finite - (Number.isFinite(own) ? own : 0);
      };
      row.vars.forEach((v, k) => {
        // c·x = rhs − Σ others, so c·x ∈ [rhs − Σ hi_others, rhs − Σ lo_others].
        const termLow = row.rhs - sumOthers(hi, highTotal, k, 1);
        const termHigh = row.rhs - sumOthers(lo, lowTotal, k, -1);
        const positive = (row.coefficients[k] ?? 0) > 0;
        const newLower = Math.ceil((positive ? termLow : -termHigh) - integralTolerance);
        const newUpper = Math.floor((positive ? termHigh : -termLow) + integralTolerance);
        if (Number.isFinite(newLower) && newLower > (lower[v] ?? 0)) {
          lower[v] = newLower;
          changed = true;
        }
        if (Number.isFinite(newUpper) && newUpper < (upper[v] ?? Infinity)) {
          upper[v] = newUpper;
          changed = true;
        }
      });
    }
  }
  return { lower, upper };
}

function solveComponent(highs: Highs, truth: number[], rows: Row[]): Interval[] {
  const count = truth.length;
  const outer = propagateBounds(count, rows);
  // Integral tables known to be feasible: the true one to begin with, then every integral optimum.
  const seenLow = [...truth];
  const seenHigh = [...truth];
  const intervals: Interval[] = truth.map(() => ({ lower: NaN, upper: NaN }));
  const model = quietModel(
    highs,
    modelData(
      highs,
      count,
      { columns: rows.map((r) => r.vars), coefficients: rows.map((r) => r.coefficients), rhs: rows.map((r) => r.rhs) },
      { lower: outer.lower, upper: outer.upper, cost: new Array<number>(count).fill(0) },
    ),
  );
  try {
    let objectiveVar = -1;
    /** Optimises cell v (or, for v = −1, the objective already set) and remembers the optimum as a witness. */
    const optimise = (v: number, sense: 'min' | 'max'): number => {
      if (v >= 0) {
        if (objectiveVar >= 0) model.changeColCost(objectiveVar, 0);
        model.changeColCost(v, 1);
        objectiveVar = v;
      }
      model.changeObjectiveSense(sense === 'min' ? highs.constants.objectiveSense.minimize : highs.constants.objectiveSense.maximize);
      const status = model.run().modelStatus;
      if (status === highs.constants.modelStatus.unbounded || status === highs.constants.modelStatus.unboundedOrInfeasible) {
        // The true table is feasible, so this is unboundedness; for rational data the integers are unbounded too.
        return sense === 'max' ? Infinity : 0;
      }
      if (status !== highs.constants.modelStatus.optimal) throw new Error(`Disclosure audit: HiGHS ended with status ${status}.`);
      let point = model.getSolution().colValue;
      if (!point.every((x) => Math.abs(x - Math.round(x)) <= integralTolerance)) {
        if (v < 0) return NaN; // a fractional witness proves nothing about whole numbers
        point = integerOptimum(highs, model, count);
      }
      point.forEach((x, i) => {
        const value = Math.round(x);
        if (value < (seenLow[i] ?? 0)) seenLow[i] = value;
        if (value > (seenHigh[i] ?? 0)) seenHigh[i] = value;
      });
      return Math.round(point[v] ?? NaN) + 0; // + 0 turns -0 into 0
    };
    // One solve that pushes every cell down at once usually finds an integral table with most of them at their
    // lowest, so most minimisations are settled by it.
    if (truth.some((value, v) => value > (outer.lower[v] ?? 0))) {
      for (let v = 0; v < count; v++) model.changeColCost(v, 1);
      optimise(-1, 'min');
      for (let v = 0; v < count; v++) model.changeColCost(v, 0);
    }
    for (let v = 0; v < count; v++) {
      const lowerBound = outer.lower[v] ?? 0;
      const upperBound = outer.upper[v] ?? Infinity;
      const interval = intervals[v] as Interval;
      interval.lower = (seenLow[v] ?? 0) <= lowerBound ? lowerBound : optimise(v, 'min');
      interval.upper = (seenHigh[v] ?? 0) >= upperBound ? upperBound : optimise(v, 'max');
    }
  } finally {
    model.dispose();
  }
  return intervals;
}

/** Re-solves the current objective over the integers (the LP optimum was fractional), then drops integrality again. */
function integerOptimum(highs: Highs, model: HighsModel, count: number): Float64Array {
  model.changeColsIntegrality({ kind: 'range', from: 0, to: count - 1 }, new Int32Array(count).fill(highs.constants.variableType.integer));
  // The objective is one integer variable: any gap below 1 proves the incumbent optimal.
  model.options.set({ presolve: 'on', mip_rel_gap: 0, mip_abs_gap: 0.5 });
  try {
    const status = model.run().modelStatus;
    if (status !== highs.constants.modelStatus.optimal) throw new Error(`Disclosure audit: HiGHS (integer) ended with status ${status}.`);
    return model.getSolution().colValue;
  } finally {
    model.clearIntegrality();
  }
}
