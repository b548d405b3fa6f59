/**
 * The linear table that disclosure control works on: published cells with their true counts and the additive
 * relations that publishing them makes known, checked once and turned into index arrays for the solver.
 */

export interface LinearTable {
  /**
   * Every published cell, including totals and subtotals, by a stable key. Values are non-negative integer counts.
   * `grand` marks a table's overall total, the number readers look at first: hidden only as a last resort, even
   * when (in tables protected together) it is also a part of some other sum.
   */
  cells: { key: string; value: number; grand?: boolean }[];
  /** The additive relations publishing makes known: the value of `total` equals the sum of `parts`. */
  relations: { total: string; parts: string[] }[];
}

/** A relation as a row of the constraint matrix: `x[total] − Σ x[parts] = 0`. */
export interface IndexedRelation {
  total: number;
  parts: number[];
}

/** A checked table, its cells addressed by position. */
export interface IndexedTable {
  keys: string[];
  position: Map<string, number>;
  values: number[];
  relations: IndexedRelation[];
  /** Relations each cell takes part in (as total or as part). */
  relationsOf: number[][];
  /** The cell is the total of at least one relation (a margin or subtotal). */
  isTotal: boolean[];
  /** The cell is part of no relation: a grand total, or a cell that stands alone. */
  isRoot: boolean[];
  /** A grand total: a total that is part of no relation, or a cell marked `grand`. */
  isGrand: boolean[];
}

/** Checks a table and indexes it. A malformed table is a programming error, so this throws. */
export function indexTable(table: LinearTable): IndexedTable {
  const keys: string[] = [];
  const values: number[] = [];
  const position = new Map<string, number>();
  const marked: boolean[] = [];
  for (const { key, value, grand } of table.cells) {
    if (position.has(key)) throw new Error(`Disclosure control: cell "${key}" appears twice.`);
    if (!Number.isSafeInteger(value) || value < 0) throw new Error(`Disclosure control: cell "${key}" is not a non-negative integer count (${value}).`);
    position.set(key, keys.length);
    keys.push(key);
    values.push(value);
    marked.push(grand === true);
  }
  const at = (key: string): number => {
    const index = position.get(key);
    if (index === undefined) throw new Error(`Disclosure control: a relation names the unknown cell "${key}".`);
    return index;
  };
  const relations: IndexedRelation[] = [];
  const relationsOf: number[][] = keys.map(() => []);
  const isTotal = keys.map(() => false);
  const isPart = keys.map(() => false);
  for (const relation of table.relations) {
    const total = at(relation.total);
    const parts = relation.parts.map(at);
    if (parts.length === 0) throw new Error(`Disclosure control: the relation for "${relation.total}" has no parts.`);
    if (new Set([total, ...parts]).size !== parts.length + 1) {
      throw new Error(`Disclosure control: the relation for "${relation.total}" names a cell twice.`);
    }
    const sum = parts.reduce((s, p) => s + (values[p] ?? 0), 0);
    if (sum !== values[total]) {
      throw new Error(`Disclosure control: "${relation.total}" is ${values[total]} but its parts add up to ${sum}.`);
    }
    const index = relations.length;
    relations.push({ total, parts });
    isTotal[total] = true;
    relationsOf[total]?.push(index);
    for (const part of parts) {
      isPart[part] = true;
      relationsOf[part]?.push(index);
    }
  }
  const isRoot = isPart.map((part) => !part);
  return { keys, position, values, relations, relationsOf, isTotal, isRoot, isGrand: keys.map((_, cell) => marked[cell] === true || ((isTotal[cell] ?? false) && (isRoot[cell] ?? false))) };
}
