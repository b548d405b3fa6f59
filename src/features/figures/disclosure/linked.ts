/**
 * Tables published together are one table to an outsider. The same count shown in two of them (the reports about
 * integrity, as a cell of the table by type and as a margin of the table by theme) is one unknown, and a cell
 * hidden in one table protects nothing if another table shows it, or shows enough to work it out. So tables that
 * leave together are protected together: their cells are merged into one linear table — cells that count the same
 * cases become one cell under one key — with all their relations, and that table goes through `protectTable` once,
 * so that secondary suppression and the audit see everything an outsider sees.
 *
 * Which cells count the same cases is the caller's knowledge, given per table as `meaningOf`: a text naming the
 * population and the constraints on it, equal for equal counts (`received|domain=integrity|kind=report`). Cells
 * are merged only when their meaning and their value agree: two cells with one meaning and different values
 * would mean the description is wrong, and keeping them apart is then the truth (an outsider cannot equate
 * them either). Merging two cells that only happen to agree is harmless: it can only make the audit stricter.
 */
import { auditTable, protectTable, type AuditResult, type Protection } from './protect-table.ts';
import type { DisclosureRules } from './rules.ts';
import type { LinearTable } from './table.ts';

export interface LinkedTable {
  name: string;
  table: LinearTable;
  /** What a cell counts, the same text for the same cases in any of the tables; undefined for a count of its own. */
  meaningOf: (key: string) => string | undefined;
}

export interface LinkedProtection {
  protection: Protection;
  /** A table's cells as released: its value, or null when suppressed. */
  valuesOf: (name: string) => Map<string, number | null>;
}

interface Linked {
  table: LinearTable;
  /** The merged table's key of a table's cell. */
  keyOf: (name: string, key: string) => string;
}

/** Merges the tables into one, cells of the same meaning and value under one key, relations said once. */
export function linkTables(tables: readonly LinkedTable[]): Linked {
  if (new Set(tables.map((t) => t.name)).size !== tables.length) throw new Error('Disclosure control: two linked tables have the same name.');
  const keys = new Map<string, Map<string, string>>();
  const cells = new Map<string, LinearTable['cells'][number]>();
  for (const { name, table, meaningOf } of tables) {
    const own = new Map<string, string>();
    keys.set(name, own);
    for (const cell of table.cells) {
      const meaning = meaningOf(cell.key);
      // The value is part of a shared key (see above); a count of its own is kept apart by its table's name.
      const key = meaning === undefined ? `#${name}#${cell.key}` : `${meaning}=${cell.value}`;
      if (own.has(cell.key)) throw new Error(`Disclosure control: cell "${cell.key}" appears twice in ${name}.`);
      own.set(cell.key, key);
      const known = cells.get(key);
      if (known === undefined) cells.set(key, { key, value: cell.value, grand: cell.grand });
      else if (cell.grand) known.grand = true;
    }
  }
  const keyOf = (name: string, key: string): string => {
    const merged = keys.get(name)?.get(key);
    if (merged === undefined) throw new Error(`Disclosure control: ${name} has no cell "${key}".`);
    return merged;
  };
  const relations: LinearTable['relations'] = [];
  const said = new Set<string>();
  for (const { name, table } of tables) {
    for (const relation of table.relations) {
      const total = keyOf(name, relation.total);
      const parts = relation.parts.map((part) => keyOf(name, part));
      const signature = `${total}\n${[...parts].sort().join('\n')}`;
      if (said.has(signature)) continue;
      said.add(signature);
      relations.push({ total, parts });
    }
  }
  return { table: { cells: [...cells.values()], relations }, keyOf };
}

function splitValues(tables: readonly LinkedTable[], linked: Linked, values: Map<string, number | null>) {
  return (name: string): Map<string, number | null> => {
    const table = tables.find((t) => t.name === name);
    if (table === undefined) throw new Error(`Disclosure control: no linked table is called ${name}.`);
    return new Map(table.table.cells.map((cell) => [cell.key, values.get(linked.keyOf(name, cell.key)) ?? null]));
  };
}

/** Protects tables that are published together as the one table an outsider sees. */
export async function protectLinkedTables(tables: readonly LinkedTable[], rules: DisclosureRules): Promise<LinkedProtection> {
  const linked = linkTables(tables);
  const protection = await protectTable(linked.table, rules);
  return { protection, valuesOf: splitValues(tables, linked, protection.values) };
}

/**
 * Audits tables as published together: `published` gives each table's cells (null = hidden). A count shown in
 * any of the tables is known, however many others hide it.
 */
export async function auditLinkedTables(tables: readonly LinkedTable[], published: (name: string) => Map<string, number | null>, rules: DisclosureRules): Promise<AuditResult> {
  const linked = linkTables(tables);
  const known = new Map<string, number | null>(linked.table.cells.map((cell) => [cell.key, null]));
  for (const { name, table } of tables) {
    const shown = published(name);
    for (const cell of table.cells) {
      const value = shown.get(cell.key);
      if (value !== null && value !== undefined) known.set(linked.keyOf(name, cell.key), value);
    }
  }
  return auditTable(linked.table, known, rules);
}
