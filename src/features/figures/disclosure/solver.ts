/**
 * The HiGHS linear and mixed-integer solver (compiled to WebAssembly), loaded once per process and shared, and a
 * small helper that loads a sparse equality system into a persistent HiGHS model.
 */
import type highsImport from 'highs';

// The package ships ESM (whose default export is the loader) with CommonJS-style typings, which TypeScript reads
// as a namespace whose `default` is the loader; accept either shape. It is imported on first use, so a process
// that never solves a disclosure problem never holds it.
type HighsLoader = typeof highsImport.default;
async function highsLoader(): Promise<Awaited<ReturnType<HighsLoader>>> {
  const imported: unknown = (await import('highs')).default;
  return ((typeof imported === 'function' ? imported : (imported as { default: unknown }).default) as HighsLoader)();
}

export type Highs = Awaited<ReturnType<HighsLoader>>;
export type HighsModel = ReturnType<Highs['createModel']>;

let loading: Promise<Highs> | undefined;

/** The shared solver; loading the WebAssembly module takes tens of milliseconds, so it is done once. */
export function loadSolver(): Promise<Highs> {
  const pending =
    loading ??
    highsLoader().catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
  loading = pending;
  return pending;
}

/** Sparse rows with coefficients ±1 and an equality right-hand side each: `Σ coefficients·x[columns] = rhs`. */
export interface EqualityRows {
  columns: number[][];
  coefficients: number[][];
  rhs: number[];
}

/** The model data of `min cost·x` subject to equality rows and column bounds, for `highs.createModel`. */
export function modelData(highs: Highs, numCols: number, rows: EqualityRows, bounds: { lower: number[]; upper: number[]; cost: number[] }) {
  const starts = [0];
  const indices: number[] = [];
  const values: number[] = [];
  rows.columns.forEach((columns, row) => {
    const coefficients = rows.coefficients[row] ?? [];
    // HiGHS wants each row's column indices unique; callers build rows from distinct cells.
    columns.forEach((column, k) => {
      indices.push(column);
      values.push(coefficients[k] ?? 0);
    });
    starts.push(indices.length);
  });
  return {
    numCols,
    numRows: rows.rhs.length,
    sense: highs.constants.objectiveSense.minimize,
    colCost: bounds.cost,
    colLower: bounds.lower,
    colUpper: bounds.upper.map((u) => (Number.isFinite(u) ? u : highs.infinity)),
    rowLower: rows.rhs,
    rowUpper: rows.rhs,
    matrix: { format: 'csr' as const, numRows: rows.rhs.length, numCols, starts, indices, values },
  };
}

/** A quiet persistent model; the caller must dispose it. */
export function quietModel(highs: Highs, data?: ReturnType<typeof modelData>): HighsModel {
  const model = highs.createModel(data);
  // Presolve costs more than it saves on these small, already sparse models (and breaks the warm start).
  model.options.set({ output_flag: false, presolve: 'off' });
  return model;
}
