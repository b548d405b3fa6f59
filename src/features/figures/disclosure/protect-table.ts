/**
 * Statistical disclosure control for every table that leaves the back office, with a proof: a table is released
 * only after an exact audit shows that no suppressed sensitive count can be pinned down from what is published.
 *
 * - Primary suppression: counts from 1 to threshold − 1 (default 5) are hidden. Zeros are published (nobody is
 *   behind a zero); they may still be hidden as complements.
 * - Secondary suppression (`secondary.ts`, heuristic): further cells are hidden, chosen with HiGHS as the cheapest
 *   perturbations that keep all relations, cell by cell; grand totals only when nothing else works.
 * - Audit (`intervals.ts`, exact): for every suppressed cell, the smallest and largest whole number consistent with
 *   all published cells, all relations and non-negativity. A sensitive cell with true value a is protected when
 *   the interval reaches a + protectionLevel and max(0, a − protectionLevel). Hidden non-sensitive cells need no
 *   protection of their own; a secondary cell that the audit shows to be exactly implied is published again (it
 *   reveals nothing new).
 *
 * `protectTable` always ends with `auditTable` and releases nothing that fails it. See docs/disclosure-control.md.
 */
import { addSecondarySuppressions, type ProtectionTarget } from './secondary.ts';
import { feasibleIntervals } from './intervals.ts';
import { checkRules, isProtected, isSensitive, protectionRange, type DisclosureRules } from './rules.ts';
import { indexTable, type IndexedTable, type LinearTable } from './table.ts';

export interface AuditInterval {
  key: string;
  /** Smallest value consistent with everything published. */
  lower: number;
  /** Largest value consistent with everything published; `Infinity` if nothing bounds it. */
  upper: number;
}

export type Protection =
  | {
      status: 'released';
      /** Every cell: its value, or null when suppressed. */
      values: Map<string, number | null>;
      /** Cells suppressed because they are sensitive. */
      primary: string[];
      /** Cells suppressed so that the primary ones cannot be recomputed. */
      secondary: string[];
      /** The audited interval of every suppressed cell. */
      audit: AuditInterval[];
    }
  | {
      status: 'unprotectable';
      /** too_small: no count reaches the threshold; no_solution: no suppression pattern passed the audit. */
      reason: 'too_small' | 'no_solution';
      /** What can safely be shown: the grand total(s) if that passes the audit, otherwise nothing. */
      values: Map<string, number | null>;
    };

export interface AuditResult {
  ok: boolean;
  /** Every suppressed cell; `safe` is false for a sensitive cell whose interval is too narrow. */
  intervals: (AuditInterval & { safe: boolean; sensitive: boolean })[];
  /** Published cells that must not be: sensitive counts, or values that differ from the table's. */
  problems: { key: string; problem: 'sensitive_published' | 'value_differs' }[];
}

/** Rounds of secondary suppression: one with LPs, then whole-number perturbations for cells the audit still flags. */
const maximumRounds = 3;

/** Chooses primary and secondary suppressions for a table and releases it only if the audit passes. */
export async function protectTable(table: LinearTable, rules: DisclosureRules): Promise<Protection> {
  checkRules(rules);
  const indexed = indexTable(table);
  const primary = indexed.values.map((value) => isSensitive(value, rules));
  if (primary.some(Boolean) && indexed.values.every((value) => value < rules.threshold)) {
    return { status: 'unprotectable', reason: 'too_small', values: publishedValues(indexed, indexed.values.map(() => true)) };
  }
  const suppressed = [...primary];
  let targets = primary.flatMap((sensitive, cell) => (sensitive ? targetsOf(indexed, cell, rules) : []));
  for (let round = 0; round < maximumRounds; round++) {
    await addSecondarySuppressions(indexed, suppressed, targets, { integer: round > 0 });
    // The release gate itself; what it finds unsafe is protected again, more carefully, in the next round.
    let audit = await auditTable(table, publishedValues(indexed, suppressed), rules);
    if (audit.ok) {
      // A hidden secondary cell that the published cells determine exactly reveals nothing new when shown.
      const implied = audit.intervals.filter((i) => i.lower === i.upper && !primary[indexed.position.get(i.key) ?? -1]);
      if (implied.length > 0) {
        for (const { key } of implied) suppressed[indexed.position.get(key) ?? -1] = false;
        audit = await auditTable(table, publishedValues(indexed, suppressed), rules);
      }
    }
    if (audit.ok) {
      return {
        status: 'released',
        values: publishedValues(indexed, suppressed),
        primary: indexed.keys.filter((_, cell) => primary[cell]),
        secondary: indexed.keys.filter((_, cell) => suppressed[cell] && !primary[cell]),
        audit: audit.intervals.map(({ key, lower, upper }) => ({ key, lower, upper })),
      };
    }
    targets = audit.intervals.flatMap((interval) => {
      const cell = indexed.position.get(interval.key) ?? -1;
      return interval.safe ? [] : targetsOf(indexed, cell, rules, interval);
    });
  }
  return { status: 'unprotectable', reason: 'no_solution', values: await fallbackValues(table, indexed, rules) };
}

/** The release gate: recomputes, for every suppressed cell, the interval an outsider can deduce, and judges it. */
export async function auditTable(table: LinearTable, published: Map<string, number | null>, rules: DisclosureRules): Promise<AuditResult> {
  checkRules(rules);
  const indexed = indexTable(table);
  const problems: AuditResult['problems'] = [];
  const suppressed = indexed.keys.map((key, cell) => {
    const shown = published.get(key);
    if (shown === null || shown === undefined) return true;
    const value = indexed.values[cell] ?? 0;
    if (shown !== value) problems.push({ key, problem: 'value_differs' });
    else if (isSensitive(value, rules)) problems.push({ key, problem: 'sensitive_published' });
    return false;
  });
  const found = await feasibleIntervals(indexed, suppressed);
  const intervals: AuditResult['intervals'] = [];
  found.forEach((interval, cell) => {
    if (interval === undefined) return;
    const value = indexed.values[cell] ?? 0;
    const sensitive = isSensitive(value, rules);
    const safe = !sensitive || isProtected(value, interval.lower, interval.upper, rules);
    intervals.push({ key: indexed.keys[cell] ?? '', lower: interval.lower, upper: interval.upper, safe, sensitive });
  });
  return { ok: problems.length === 0 && intervals.every((i) => i.safe), intervals, problems };
}

function targetsOf(table: IndexedTable, cell: number, rules: DisclosureRules, interval?: { lower: number; upper: number }): ProtectionTarget[] {
  const value = table.values[cell] ?? 0;
  const range = protectionRange(value, rules);
  const targets: ProtectionTarget[] = [];
  if (interval === undefined || interval.upper < range.atLeast) targets.push({ cell, direction: 'up', amount: range.atLeast - value });
  if (interval === undefined || interval.lower > range.atMost) targets.push({ cell, direction: 'down', amount: value - range.atMost });
  return targets;
}

function publishedValues(table: IndexedTable, suppressed: boolean[]): Map<string, number | null> {
  return new Map(table.keys.map((key, cell) => [key, suppressed[cell] ? null : (table.values[cell] ?? 0)]));
}

/** Only the grand totals (cells that are part of nothing, or marked `grand`) that reach the threshold, if the audit accepts that. */
async function fallbackValues(table: LinearTable, indexed: IndexedTable, rules: DisclosureRules): Promise<Map<string, number | null>> {
  const onlyTotals = publishedValues(
    indexed,
    indexed.values.map((value, cell) => !((indexed.isRoot[cell] || indexed.isGrand[cell]) && value >= rules.threshold)),
  );
  if ((await auditTable(table, onlyTotals, rules)).ok) return onlyTotals;
  return publishedValues(indexed, indexed.values.map(() => true));
}
