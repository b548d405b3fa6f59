/**
 * Builders of the two table shapes the figures publish, with the relations a reader can use to recompute cells:
 * a two-way table with row, column and grand totals, and a table whose rows follow the entity tree.
 *
 * Cell keys are `${row}|${col}`; a row total is `${row}|*`, a column total `*|${col}`, the grand total `*|*`.
 * In a tree table a parent that has cases of its own also gets the row `${id}#own` (see `ownRowKey`).
 */
import type { LinearTable } from './table.ts';

export const totalKey = '*';

export function cellKey(row: string, col: string): string {
  return `${row}|${col}`;
}

/** The row holding the cases registered at a parent entity itself (not at one of its children). */
export function ownRowKey(id: string): string {
  return `${id}#own`;
}

function checkKeys(kind: string, keys: string[]): void {
  if (new Set(keys).size !== keys.length) throw new Error(`Disclosure control: a ${kind} key appears twice.`);
  for (const key of keys) {
    if (key === totalKey || key.includes('|') || key.endsWith('#own')) throw new Error(`Disclosure control: "${key}" cannot be a ${kind} key.`);
  }
}

/** Collects cells and relations; rows get their row total (`row|*`) as they are added. */
class TableBuilder {
  readonly cells: LinearTable['cells'] = [];
  readonly relations: LinearTable['relations'] = [];
  private readonly values = new Map<string, number>();

  constructor(private readonly colKeys: string[]) {}

  cell(row: string, col: string, value: number): void {
    const key = cellKey(row, col);
    this.values.set(key, value);
    this.cells.push({ key, value });
  }

  value(row: string, col: string): number {
    return this.values.get(cellKey(row, col)) ?? 0;
  }

  /** `total` = Σ parts, both given as row keys, for every column and for the row totals. */
  sumOfRows(totalRow: string, partRows: string[]): void {
    for (const col of [...this.colKeys, totalKey]) this.relate(cellKey(totalRow, col), partRows.map((row) => cellKey(row, col)));
  }

  /** A row whose cells are known: adds its row total and relation. */
  row(row: string, valueOf: (col: string) => number): void {
    let sum = 0;
    for (const col of this.colKeys) {
      const value = valueOf(col);
      sum += value;
      this.cell(row, col, value);
    }
    this.cell(row, totalKey, sum);
    this.relate(cellKey(row, totalKey), this.colKeys.map((col) => cellKey(row, col)));
  }

  relate(total: string, parts: string[]): void {
    if (parts.length > 0) this.relations.push({ total, parts });
  }

  table(): LinearTable {
    const grand = cellKey(totalKey, totalKey);
    return { cells: this.cells.map((cell) => (cell.key === grand ? { ...cell, grand: true } : cell)), relations: this.relations };
  }
}

/** A two-way table: `count(row, col)` for the body, with row, column and grand totals. */
export function crossTable(rowKeys: string[], colKeys: string[], count: (row: string, col: string) => number): LinearTable {
  checkKeys('row', rowKeys);
  checkKeys('column', colKeys);
  const builder = new TableBuilder(colKeys);
  for (const row of rowKeys) builder.row(row, (col) => count(row, col));
  builder.row(totalKey, (col) => rowKeys.reduce((sum, row) => sum + builder.value(row, col), 0));
  builder.sumOfRows(totalKey, rowKeys);
  return builder.table();
}

/**
 * A table whose rows are the nodes of a tree (the entity hierarchy), with row totals, column totals (over the
 * roots) and the grand total. `count(node, col)` is the node's own count: for a leaf everything, for a parent only
 * the cases registered at the parent itself. Without `parentsHaveOwnCases` a parent row is the pure sum of its
 * children (count is not asked for parents); with it, a parent gets an extra row `${id}#own` and
 * parent = own + Σ children, column by column.
 */
export function hierarchicalTable(
  tree: { id: string; parentId: string | null }[],
  colKeys: string[],
  count: (node: string, col: string) => number,
  options: { parentsHaveOwnCases?: boolean } = {},
): LinearTable {
  checkKeys('row', tree.map((n) => n.id));
  checkKeys('column', colKeys);
  const children = new Map<string, string[]>(tree.map((n) => [n.id, []]));
  const roots: string[] = [];
  for (const node of tree) {
    if (node.parentId === null) roots.push(node.id);
    else {
      const siblings = children.get(node.parentId);
      if (siblings === undefined) throw new Error(`Disclosure control: the parent "${node.parentId}" of "${node.id}" is not in the tree.`);
      siblings.push(node.id);
    }
  }
  const builder = new TableBuilder(colKeys);
  const visited = new Set<string>();
  // Children before parents, so a parent's cells can be summed; a node reached twice means a cycle.
  const addSubtree = (id: string): void => {
    if (visited.has(id)) throw new Error(`Disclosure control: the tree has a cycle through "${id}".`);
    visited.add(id);
    const kids = children.get(id) ?? [];
    kids.forEach(addSubtree);
    if (kids.length === 0) {
      builder.row(id, (col) => count(id, col));
      return;
    }
    const parts = [...kids];
    if (options.parentsHaveOwnCases) {
      builder.row(ownRowKey(id), (col) => count(id, col));
      parts.unshift(ownRowKey(id));
    }
    builder.row(id, (col) => parts.reduce((sum, row) => sum + builder.value(row, col), 0));
    builder.sumOfRows(id, parts);
  };
  roots.forEach(addSubtree);
  if (visited.size !== tree.length) throw new Error('Disclosure control: the tree has a cycle not reachable from a root.');
  builder.row(totalKey, (col) => roots.reduce((sum, root) => sum + builder.value(root, col), 0));
  builder.sumOfRows(totalKey, roots);
  return builder.table();
}
