/**
 * Turns the statistics of a period into the indicators' tables and sends every one of them through
 * disclosure control: what leaves this module is a protected table (suppressed cells are null), or an
 * explanation why a table cannot be shown. Nothing else may carry numbers out of the back office.
 */
import { catalog, type MessageKey } from '../../platform/i18n/catalog.ts';
import { languages, type Language } from '../../platform/i18n/languages.ts';
import type { Taxonomy } from '../case-record/service.ts';
import { crossTable, hierarchicalTable } from './disclosure/builders.ts';
import { protectLinkedTables, type LinkedTable } from './disclosure/linked.ts';
import { defaultDisclosureRules, type DisclosureRules } from './disclosure/rules.ts';
import type { LinearTable } from './disclosure/table.ts';
import { indicatorById, medianOfHistogram, percentage, type Dimension, type IndicatorId } from './indicators.ts';
import type { CategoryCount, DayCount, EntityNode, Statistics } from './queries.ts';

export type Labels = Record<Language, string>;

export interface TableRow {
  key: string;
  label: Labels;
  /** 0 for a top level; a theme under its domain or an entity under its parent is one deeper. */
  depth: number;
}

/** Shares and medians derived from a timeliness table, per column ('*' for all). */
export interface DerivedFigure {
  column: string;
  /** Percentage within the legal period, null when a part of it is suppressed. */
  share: number | null;
  /** Median days, null when fewer cases than the threshold lie behind it. */
  medianDays: number | null;
}

export interface PublishedTable {
  id: IndicatorId;
  rows: TableRow[];
  columns: { key: string; label: Labels }[];
  /** Cell key (`row|col`, totals with `*`) → the count, or null when it is suppressed. */
  values: Record<string, number | null>;
  /** released: protected and shown; empty: no case at all; unprotectable: only the overall total, if that. */
  status: 'released' | 'empty' | 'unprotectable';
  suppressed: number;
  derived?: DerivedFigure[];
}

export const defaultRules: DisclosureRules = defaultDisclosureRules;

export function labelsOf(key: MessageKey): Labels {
  return Object.fromEntries(languages.map((language) => [language, catalog[language][key]])) as Labels;
}

const sameInEvery = (text: string): Labels => Object.fromEntries(languages.map((language) => [language, text])) as Labels;

const fixedCategories: Partial<Record<Dimension, readonly string[]>> = {
  kind: ['question', 'report'],
  domain: ['wellbeing', 'integrity'],
  channel: ['web', 'phone', 'email', 'letter', 'in_person'],
  requesterRole: ['staff', 'manager', 'confidential_person', 'integrity_contact', 'hr', 'other'],
  identityChoice: ['anonymous', 'confidential', 'named'],
  acknowledgement: ['within', 'later', 'none'],
  feedback: ['within', 'later', 'none'],
  scope: ['entity', 'rest'],
};

/** A category's label from the catalog (`figures.<dimension>.<code>`), or the code itself for codes no message names. */
function categoryLabels(dimension: Dimension, code: string): Labels {
  const key = `figures.${dimension}.${code}`;
  return key in catalog.nl ? labelsOf(key as MessageKey) : sameInEvery(code.replace(/_/g, ' '));
}

/** Keys become part of cell keys (`row|col`): a code carrying the separator or the total mark is refused. */
const usableCode = (code: string) => !code.includes('|') && code !== '*';

export interface TableContext {
  rules: DisclosureRules;
  taxonomy: Taxonomy;
  entities: EntityNode[];
  /** The subtree shown (the whole organisation when absent). */
  rootEntityId?: string | null;
  /** In an entity's feedback the columns are the entity and the rest of the organisation. */
  columnsByScope?: boolean;
}

interface TableSpec {
  rows: TableRow[];
  tree?: { id: string; parentId: string | null }[];
  parentsHaveOwnCases?: boolean;
  columns: { key: string; label: Labels }[];
  count: (row: string, column: string) => number;
}

function columnsOf(dimension: Dimension, keys?: readonly string[]) {
  return (keys ?? fixedCategories[dimension] ?? []).map((key) => ({ key, label: categoryLabels(dimension, key) }));
}

/** Sums the counts matching a row and a column, by the fields each dimension reads. */
function summer<T extends { n: number; inScope: boolean }>(items: T[], rowOf: (item: T) => string, columnOf: (item: T) => string) {
  const sums = new Map<string, number>();
  for (const item of items) {
    const key = `${rowOf(item)}|${columnOf(item)}`;
    sums.set(key, (sums.get(key) ?? 0) + item.n);
  }
  return (row: string, column: string) => sums.get(`${row}|${column}`) ?? 0;
}

function columnValue(context: TableContext, dimension: Dimension) {
  return (item: { kind?: string; domain: string; inScope: boolean; year?: number }): string => {
    if (context.columnsByScope) return item.inScope ? 'entity' : 'rest';
    if (dimension === 'kind') return item.kind ?? '';
    return item.domain;
  };
}

function subtreeOf(entities: EntityNode[], rootId: string | null | undefined): EntityNode[] {
  if (!rootId) return entities;
  const keep = new Set([rootId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const entity of entities) {
      if (entity.parentId && keep.has(entity.parentId) && !keep.has(entity.id)) {
        keep.add(entity.id);
        grew = true;
      }
    }
  }
  return entities.filter((entity) => keep.has(entity.id));
}

/** Depth-first order with depths, so a tree table reads top-down. */
function depthFirst(nodes: { id: string; parentId: string | null; label: Labels }[]): TableRow[] {
  const ids = new Set(nodes.map((n) => n.id));
  const children = new Map<string | null, typeof nodes>();
  for (const node of nodes) {
    const parent = node.parentId && ids.has(node.parentId) ? node.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), node]);
  }
  const ordered: TableRow[] = [];
  const visit = (parent: string | null, depth: number) => {
    for (const node of children.get(parent) ?? []) {
      ordered.push({ key: node.id, label: node.label, depth });
      visit(node.id, depth + 1);
    }
  };
  visit(null, 0);
  return ordered;
}

function daySpec(items: DayCount[], kind: 'acknowledgement' | 'feedback', context: TableContext): TableSpec {
  const statusOf = (item: DayCount): string => {
    if (item.days === null) return 'none';
    if (kind === 'acknowledgement') return item.days <= 7 ? 'within' : 'later';
    return item.within ? 'within' : 'later';
  };
  const columnDimension = context.columnsByScope ? 'scope' : 'domain';
  return { rows: columnsOf(kind).map((c) => ({ ...c, depth: 0 })), columns: columnsOf(columnDimension), count: summer(items, statusOf, columnValue(context, 'domain')) };
}

function countsOf(statistics: Statistics, dimension: CategoryCount['dimension']) {
  return statistics.counts.filter((c) => c.dimension === dimension && usableCode(c.category));
}

/** The rows, columns and counts of one indicator's table. */
export function tableSpec(id: IndicatorId, statistics: Statistics, context: TableContext): TableSpec {
  const definition = indicatorById(id);
  const columnDimension: Dimension = context.columnsByScope ? 'scope' : definition.columns;
  const columns = columnsOf(columnDimension);
  const column = columnValue(context, definition.columns);
  const flatRows = (dimension: Dimension, observed: string[]) => {
    const fixed = fixedCategories[dimension] ?? [];
    const extra = [...new Set(observed)].filter((code) => !fixed.includes(code)).sort();
    return [...fixed, ...extra].map((key) => ({ key, label: categoryLabels(dimension, key), depth: 0 }));
  };
  switch (id) {
    case 'contacts_by_type': {
      const themes = countsOf(statistics, 'theme');
      return { rows: flatRows('kind', []), columns, count: summer(themes, (c) => c.kind, column) };
    }
    case 'contacts_by_theme': {
      const themes = countsOf(statistics, 'theme');
      const known = new Set(context.taxonomy.themes.map((t) => t.code));
      const domains = new Set<string>(context.taxonomy.domains.map((d) => d.code));
      const nodes = [
        ...context.taxonomy.domains.map((d) => ({ id: d.code, parentId: null, label: d.labels })),
        ...context.taxonomy.themes.map((t) => ({ id: t.code, parentId: t.domain as string | null, label: t.labels })),
        // A theme removed from the taxonomy still counts, under its domain, by its code.
        ...[...new Map(themes.filter((c) => !known.has(c.category) && !domains.has(c.category)).map((c) => [c.category, c.domain])).entries()].map(([code, domain]) => ({
          id: code,
          parentId: domains.has(domain) ? domain : null,
          label: sameInEvery(code),
        })),
      ];
      return { rows: depthFirst(nodes), tree: nodes.map(({ id: node, parentId }) => ({ id: node, parentId })), columns, count: summer(themes, (c) => c.category, column) };
    }
    case 'contacts_by_channel':
      return { rows: flatRows('channel', countsOf(statistics, 'channel').map((c) => c.category)), columns, count: summer(countsOf(statistics, 'channel'), (c) => c.category, column) };
    case 'contacts_by_requester_role':
      return { rows: flatRows('requesterRole', countsOf(statistics, 'requesterRole').map((c) => c.category)), columns, count: summer(countsOf(statistics, 'requesterRole'), (c) => c.category, column) };
    case 'contacts_by_identity_choice':
      return { rows: flatRows('identityChoice', countsOf(statistics, 'identityChoice').map((c) => c.category)), columns, count: summer(countsOf(statistics, 'identityChoice'), (c) => c.category, column) };
    case 'outcomes':
      return { rows: flatRows('outcome', countsOf(statistics, 'outcome').map((c) => c.category)), columns, count: summer(countsOf(statistics, 'outcome'), (c) => c.category, column) };
    case 'measures':
      return { rows: flatRows('measure', countsOf(statistics, 'measure').map((c) => c.category)), columns, count: summer(countsOf(statistics, 'measure'), (c) => c.category, column) };
    case 'contacts_by_entity': {
      const entities = subtreeOf(context.entities, context.rootEntityId);
      const byEntity = countsOf(statistics, 'entity');
      const nodes = entities.map((e) => ({ id: e.id, parentId: e.parentId, label: sameInEvery(e.name) }));
      const known = new Set(nodes.map((n) => n.id));
      // Cases whose entity is not in the tree (none given, or deleted since) count apart, when there are any.
      const orphans = byEntity.filter((c) => !known.has(c.category) && (!context.rootEntityId || c.inScope)).reduce((sum, c) => sum + c.n, 0);
      if (orphans > 0 && !context.rootEntityId) nodes.push({ id: 'unknown', parentId: null, label: labelsOf('figures.entity.unknown') });
      const rowOf = (c: CategoryCount) => (known.has(c.category) ? c.category : 'unknown');
      const roots = new Set(nodes.filter((n) => !n.parentId || !known.has(n.parentId)).map((n) => n.id));
      return {
        rows: depthFirst(nodes),
        tree: nodes.map((n) => ({ id: n.id, parentId: roots.has(n.id) ? null : n.parentId })),
        parentsHaveOwnCases: true,
        columns,
        count: summer(byEntity, rowOf, column),
      };
    }
    case 'acknowledgement':
      return daySpec(statistics.acknowledgement, 'acknowledgement', context);
    case 'feedback':
      return daySpec(statistics.feedback, 'feedback', context);
    case 'open_at_period_end':
      return { rows: flatRows('kind', []), columns, count: summer(statistics.open, (c) => c.kind, column) };
    case 'trend': {
      const last = Number(statistics.period.to.slice(0, 4));
      const years = [4, 3, 2, 1, 0].map((back) => String(last - back));
      return { rows: years.map((year) => ({ key: year, label: sameInEvery(year), depth: 0 })), columns, count: summer(statistics.trend, (c) => String(c.year), column) };
    }
  }
}

function linearTable(spec: TableSpec): LinearTable {
  const columnKeys = spec.columns.map((c) => c.key);
  if (spec.tree) return hierarchicalTable(spec.tree, columnKeys, spec.count, { parentsHaveOwnCases: spec.parentsHaveOwnCases ?? false });
  return crossTable(
    spec.rows.map((r) => r.key),
    columnKeys,
    spec.count,
  );
}

/**
 * What a cell of an indicator's table counts: the population and the constraints on it, in a fixed order
 * (`received|domain=integrity|kind=report`), so that the same count in two tables is seen as one cell when they
 * are protected together (see disclosure/linked.ts). A year of the trend that is the period itself counts the
 * period's cases; the measures count mentions (a case can have several), so their totals are a population of
 * their own.
 */
export function cellMeaning(id: IndicatorId, statistics: Statistics, context: TableContext): (key: string) => string {
  const definition = indicatorById(id);
  const columnDimension: Dimension = context.columnsByScope ? 'scope' : definition.columns;
  const domains = new Set<string>(context.taxonomy.domains.map((d) => d.code));
  const last = Number(statistics.period.to.slice(0, 4));
  const periodIsLastYear = statistics.period.from === `${last}-01-01`;
  return (key) => {
    const [row = '*', column = '*'] = key.split('|');
    const constraints = new Map<string, string>();
    let population = id === 'measures' ? 'mentions' : id === 'open_at_period_end' ? 'open' : 'received';
    if (column !== '*') constraints.set(columnDimension, column);
    if (definition.population === 'reports') constraints.set('kind', 'report');
    if (id === 'trend') {
      if (row === '*') population = `years ${last - 4}–${last}`;
      else if (row !== String(last) || !periodIsLastYear) population = `year ${row}`;
    } else if (row !== '*') {
      if (id === 'contacts_by_theme') constraints.set(domains.has(row) ? 'domain' : 'theme', row);
      else if (id === 'contacts_by_entity' && row.endsWith('#own')) constraints.set('entityOwn', row.slice(0, -'#own'.length));
      else constraints.set(definition.rows, row);
    }
    return [population, ...[...constraints].sort(([a], [b]) => a.localeCompare(b)).map(([dimension, code]) => `${dimension}=${code}`)].join('|');
  };
}

/** The chosen indicators' tables as disclosure control sees them: cells, relations and what each cell means. */
export function linkedTables(ids: readonly IndicatorId[], statistics: Statistics, context: TableContext): LinkedTable[] {
  return linkedOf(indicatorTables(ids, statistics, context), statistics, context);
}

function linkedOf(built: ReturnType<typeof indicatorTables>, statistics: Statistics, context: TableContext): LinkedTable[] {
  return built.map(({ id, table }) => ({ name: id, table, meaningOf: cellMeaning(id, statistics, context) }));
}

function indicatorTables(ids: readonly IndicatorId[], statistics: Statistics, context: TableContext) {
  return ids.map((id) => {
    const spec = tableSpec(id, statistics, context);
    return { id, spec, table: linearTable(spec) };
  });
}

/** The guard of the last line: whatever the protection answered, no count below the threshold (other than zero) leaves. */
export const guarded = (threshold: number) => (value: number | null | undefined): number | null => (value === null || value === undefined || (value > 0 && value < threshold) ? null : value);

/**
 * The one door out: builds the tables of the chosen indicators and protects them **together**, as the one table
 * an outsider reading all of them sees (a count shown in several tables is one cell; see disclosure/linked.ts).
 * A table with cases but none as many as the threshold is unprotectable on its own and shows nothing.
 */
export async function protectedTables(ids: readonly IndicatorId[], statistics: Statistics, context: TableContext): Promise<PublishedTable[]> {
  const built = indicatorTables(ids, statistics, context);
  const linked = linkedOf(built, statistics, context);
  const anything = built.some(({ table }) => table.cells.some((cell) => cell.value > 0));
  const { protection, valuesOf } = anything ? await protectLinkedTables(linked, context.rules) : { protection: undefined, valuesOf: undefined };
  const { threshold } = context.rules;
  const guard = guarded(threshold);
  return built.map(({ id, spec, table }) => {
    const base = { id, rows: spec.rows, columns: spec.columns };
    if (protection === undefined || valuesOf === undefined || table.cells.every((cell) => cell.value === 0)) {
      return { ...base, status: 'empty', suppressed: 0, values: Object.fromEntries(table.cells.map((cell) => [cell.key, 0])) };
    }
    const tooSmall = table.cells.every((cell) => cell.value < threshold);
    const released = valuesOf(id);
    // Hiding more than the protection asked can only widen what an outsider can deduce, never narrow it.
    const values = Object.fromEntries(table.cells.map((cell) => [cell.key, tooSmall ? null : guard(released.get(cell.key))]));
    const status: PublishedTable['status'] = protection.status === 'released' && !tooSmall ? 'released' : 'unprotectable';
    const published: PublishedTable = { ...base, values, status, suppressed: Object.values(values).filter((value) => value === null).length };
    if (id === 'acknowledgement' || id === 'feedback') published.derived = derivedFigures(id, statistics, context, values, spec.columns.map((c) => c.key));
    return published;
  });
}

/** One indicator's table, protected as if published alone. */
export async function protectedTable(id: IndicatorId, statistics: Statistics, context: TableContext): Promise<PublishedTable> {
  const [table] = await protectedTables([id], statistics, context);
  if (table === undefined) throw new Error(`No table for ${id}.`);
  return table;
}

/** Shares from released counts only; a median only when at least `threshold` cases lie behind it. */
function derivedFigures(id: 'acknowledgement' | 'feedback', statistics: Statistics, context: TableContext, values: Record<string, number | null>, columnKeys: string[]): DerivedFigure[] {
  const items = id === 'acknowledgement' ? statistics.acknowledgement : statistics.feedback;
  const column = columnValue(context, 'domain');
  return [...columnKeys, '*'].map((key) => {
    const histogram = new Map<number, number>();
    for (const item of items) {
      if (item.days === null || (key !== '*' && column(item) !== key)) continue;
      histogram.set(item.days, (histogram.get(item.days) ?? 0) + item.n);
    }
    const behind = [...histogram.values()].reduce((sum, n) => sum + n, 0);
    const median = behind >= context.rules.threshold ? medianOfHistogram(histogram) : undefined;
    return { column: key, share: percentage(values[`within|${key}`], values[`*|${key}`]) ?? null, medianDays: median ?? null };
  });
}
