/**
 * The figures' reads of the statistical record (`case_statistics`, which outlives each case), of its
 * monthly sums and of the entity tree, never the cases themselves: a few GROUP BY queries per period.
 * An optional entity marks each count as inside its subtree or not (a recursive CTE), for the feedback.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
// The lead will expose the statistical record through cases/service.ts; until then its schema file is the contract.
import { caseStatistics } from '../cases/service.ts';

export interface Period {
  from: string;
  to: string;
}

export type GroupedDimension = 'theme' | 'channel' | 'requesterRole' | 'identityChoice' | 'outcome' | 'entity' | 'measure';

export interface CategoryCount {
  dimension: GroupedDimension;
  category: string;
  kind: string;
  domain: string;
  inScope: boolean;
  n: number;
}

export interface DayCount {
  domain: string;
  inScope: boolean;
  /** Days from receipt to the milestone, null when it has not happened. */
  days: number | null;
  /** For feedback: whether it came within the legal period (null when there was none). */
  within: boolean | null;
  n: number;
}

export interface Statistics {
  period: Period;
  counts: CategoryCount[];
  acknowledgement: DayCount[];
  feedback: DayCount[];
  open: { kind: string; domain: string; inScope: boolean; n: number }[];
  trend: { year: number; domain: string; inScope: boolean; n: number }[];
}

type Row = Record<string, unknown>;

async function rows(db: Db, query: SQL): Promise<Row[]> {
  return ((await db.execute(query)) as unknown as { rows: Row[] }).rows;
}

/** `in_scope`: whether a row's entity lies in the subtree of the given entity (always true without one). */
function scopeParts(entityId: string | null | undefined): { cte: SQL; inScope: SQL } {
  if (!entityId) return { cte: sql``, inScope: sql`true` };
  return {
    cte: sql`with recursive subtree(id) as (
      select id from entities where id = ${entityId}::uuid
      union all select e.id from entities e join subtree s on e.parent_id = s.id
    ) `,
    inScope: sql`coalesce(cs.entity_id in (select id from subtree), false)`,
  };
}

const cs = caseStatistics;

/** Adds up counts under a composite key, keeping one example of the key's fields. */
function tally<T extends { n: number }>(): { add(key: string, item: T): void; values(): T[] } {
  const sums = new Map<string, T>();
  return {
    add(key, item) {
      const known = sums.get(key);
      if (known) known.n += item.n;
      else sums.set(key, { ...item });
    },
    values: () => [...sums.values()],
  };
}

/** The rows the five breakdowns of one period give, before they are summed per breakdown. */
interface BreakdownRows {
  what: Row[];
  entity: Row[];
  who: Row[];
  milestones: Row[];
  years: Row[];
}

/** Whether the period is made of whole months, so the monthly sums answer it exactly. */
export function wholeMonths(period: Period): boolean {
  const to = new Date(`${period.to}T00:00:00Z`);
  to.setUTCDate(to.getUTCDate() + 1);
  return period.from.endsWith('-01') && to.getUTCDate() === 1 && period.from <= period.to;
}

/**
 * The five breakdowns from the records themselves: one scan of the statistical record each, run at once.
 * A GROUP BY may carry several breakdowns (theme and channel; requester role, identity, outcome and
 * measures; both milestones; open cases and the trend per year), summed per breakdown afterwards: grouping
 * costs more than reading, and five scans take half the time of eleven. The groups stay few (hundreds),
 * so PostgreSQL hashes them in memory; the entity has its own scan because with theme and channel it would
 * make tens of thousands of groups and a sort that spills to disk. Given `only` (the entities of a subtree),
 * just their records are read, all in scope: named one by one, so the planner reads a small unit's records
 * through the index on entity and date rather than the whole table.
 */
async function breakdownsFromRecords(db: Db, period: Period, entityId: string | null | undefined, trendFrom: string, only?: readonly string[]): Promise<BreakdownRows> {
  const { cte, inScope } = only ? { cte: sql``, inScope: sql`true` } : scopeParts(entityId);
  const from = sql`${period.from}::date`;
  const to = sql`${period.to}::date`;
  const named = (ids: readonly string[]) => (ids.length === 0 ? sql` and false` : sql` and cs.entity_id in (${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)})`);
  const inSubtree = only ? named(only) : sql``;
  const inPeriod = sql`cs.received_on between ${from} and ${to}${inSubtree}`;
  const [what, entity, who, milestones, years] = await Promise.all([
    rows(
      db,
      sql`${cte}select cs.kind, cs.domain, ${inScope} as in_scope, cs.theme, cs.channel, count(*)::int as n
        from ${cs} cs where ${inPeriod} group by 1, 2, 3, 4, 5`,
    ),
    rows(db, sql`${cte}select cs.kind, cs.domain, ${inScope} as in_scope, cs.entity_id, count(*)::int as n from ${cs} cs where ${inPeriod} group by 1, 2, 3, 4`),
    rows(
      db,
      sql`${cte}select cs.kind, cs.domain, ${inScope} as in_scope, cs.requester_role, cs.identity_choice, coalesce(cs.outcome, 'none') as outcome, cs.measures, count(*)::int as n
        from ${cs} cs where ${inPeriod} group by 1, 2, 3, 4, 5, 6, 7`,
    ),
    // Whole days to each milestone, as histograms: the medians come from them without sorting every row.
    rows(
      db,
      sql`${cte}select cs.domain, ${inScope} as in_scope, cs.acknowledged_on - cs.received_on as ack_days, cs.feedback_on - cs.received_on as fb_days,
          cs.feedback_on <= (least(coalesce(cs.acknowledged_on, cs.received_on + 7), cs.received_on + 7) + interval '3 months')::date as fb_within, count(*)::int as n
        from ${cs} cs where ${inPeriod} and cs.kind = 'report' group by 1, 2, 3, 4, 5`,
    ),
    // Every case received by the period's end, per year: those still open at its end, and those of the trend's years.
    rows(
      db,
      sql`${cte}select extract(year from cs.received_on)::int as year, cs.kind, cs.domain, ${inScope} as in_scope,
          count(*) filter (where cs.closed_on is null or cs.closed_on > ${to})::int as open,
          count(*) filter (where cs.received_on >= ${trendFrom}::date)::int as received
        from ${cs} cs where cs.received_on <= ${to}${inSubtree} group by 1, 2, 3, 4`,
    ),
  ]);
  return { what, entity, who, milestones, years };
}

/**
 * The same five breakdowns from the monthly sums (migration 0013), for a period of whole months over the
 * whole organisation: thousands of rows instead of every record. A case is open at the end of month M
 * when it closes in a later month, and it is received by then when its month is M or earlier.
 */
async function breakdownsFromMonths(db: Db, period: Period, trendFrom: string): Promise<BreakdownRows> {
  const from = sql`${period.from}::date`;
  const to = sql`${period.to}::date`;
  const inPeriod = sql`month between ${from} and ${to}`;
  const [what, entity, who, milestones, years] = await Promise.all([
    rows(db, sql`select kind, domain, true as in_scope, theme, channel, sum(n)::int as n from statistics_month_what where ${inPeriod} group by 1, 2, 3, 4, 5 having sum(n) <> 0`),
    rows(db, sql`select kind, domain, true as in_scope, entity_id, sum(n)::int as n from statistics_month_entity where ${inPeriod} group by 1, 2, 3, 4 having sum(n) <> 0`),
    rows(
      db,
      sql`select kind, domain, true as in_scope, requester_role, identity_choice, outcome, measures, sum(n)::int as n
        from statistics_month_who where ${inPeriod} group by 1, 2, 3, 4, 5, 6, 7 having sum(n) <> 0`,
    ),
    rows(db, sql`select domain, true as in_scope, ack_days, fb_days, fb_within, sum(n)::int as n from statistics_month_milestones where ${inPeriod} group by 1, 2, 3, 4, 5 having sum(n) <> 0`),
    rows(
      db,
      sql`select extract(year from month)::int as year, kind, domain, true as in_scope,
          coalesce(sum(n) filter (where closed_month is null or closed_month > date_trunc('month', ${to})::date), 0)::int as open,
          coalesce(sum(n) filter (where month >= ${trendFrom}::date), 0)::int as received
        from statistics_month_open where month <= ${to} group by 1, 2, 3, 4`,
    ),
  ]);
  return { what, entity, who, milestones, years };
}

/** The counted columns of a breakdown's rows, which the rest of the organisation gets as whole less subtree. */
const countedColumns = ['n', 'open', 'received'] as const;

/**
 * The breakdowns for part of the entity tree over whole months: the subtree from its own records, the rest of
 * the organisation as the monthly sums less the subtree (rows out of scope with negative counts, which
 * loadStatistics adds up per key). A department's feedback reads its own records, not every record.
 */
async function breakdownsOfSubtree(db: Db, period: Period, entityId: string, trendFrom: string): Promise<BreakdownRows> {
  const subtreeIds = (await rows(db, sql`${scopeParts(entityId).cte}select id from subtree`)).map((r) => String(r.id));
  const [whole, subtree] = await Promise.all([breakdownsFromMonths(db, period, trendFrom), breakdownsFromRecords(db, period, entityId, trendFrom, subtreeIds)]);
  const outOfScope = (row: Row, sign: 1 | -1): Row => {
    const rest: Row = { ...row, in_scope: false };
    for (const column of countedColumns) if (column in row) rest[column] = sign * Number(row[column]);
    return rest;
  };
  const rest = (key: keyof BreakdownRows) => [...subtree[key], ...whole[key].map((r) => outOfScope(r, 1)), ...subtree[key].map((r) => outOfScope(r, -1))];
  return { what: rest('what'), entity: rest('entity'), who: rest('who'), milestones: rest('milestones'), years: rest('years') };
}

/**
 * Everything the indicators of one period need. For a period of whole months (a yearly publication) it reads
 * the monthly sums, and for part of the entity tree (which marks each count as inside the subtree or not)
 * the subtree's own records beside them; for a period cut inside a month, every record. All give the same
 * numbers; `source: 'records'` scans every record anyway (the tests compare them).
 */
export async function loadStatistics(
  db: Db,
  period: Period,
  options: { entityId?: string | null; trendYears?: number; source?: 'months' | 'records' } = {},
): Promise<Statistics> {
  const trendYears = options.trendYears ?? 5;
  const trendFrom = `${Number(period.to.slice(0, 4)) - trendYears + 1}-01-01`;
  const monthly = (options.source ?? 'months') === 'months' && wholeMonths(period);
  const found = !monthly
    ? await breakdownsFromRecords(db, period, options.entityId, trendFrom)
    : options.entityId
      ? await breakdownsOfSubtree(db, period, options.entityId, trendFrom)
      : await breakdownsFromMonths(db, period, trendFrom);
  const { what: whatRows, entity: entityRows, who: whoRows, milestones: milestoneRows, years: yearRows } = found;

  const counts = tally<CategoryCount>();
  const count = (dimension: GroupedDimension, category: string, r: Row) => {
    const item = { dimension, category, kind: String(r.kind), domain: String(r.domain), inScope: r.in_scope === true, n: Number(r.n) };
    counts.add(`${dimension}|${category}|${item.kind}|${item.domain}|${item.inScope}`, item);
  };
  for (const r of whatRows) {
    count('theme', String(r.theme), r);
    count('channel', String(r.channel), r);
  }
  for (const r of entityRows) count('entity', r.entity_id === null ? 'unknown' : String(r.entity_id), r);
  for (const r of whoRows) {
    count('requesterRole', String(r.requester_role), r);
    count('identityChoice', String(r.identity_choice), r);
    count('outcome', String(r.outcome), r);
    for (const measure of r.measures as string[]) count('measure', measure, r);
  }

  const acknowledgement = tally<DayCount>();
  const feedback = tally<DayCount>();
  for (const r of milestoneRows) {
    const base = { domain: String(r.domain), inScope: r.in_scope === true, n: Number(r.n) };
    const ackDays = r.ack_days === null ? null : Number(r.ack_days);
    const fbDays = r.fb_days === null ? null : Number(r.fb_days);
    const within = r.fb_within === null ? null : r.fb_within === true;
    acknowledgement.add(`${base.domain}|${base.inScope}|${ackDays}`, { ...base, days: ackDays, within: null });
    feedback.add(`${base.domain}|${base.inScope}|${fbDays}|${within}`, { ...base, days: fbDays, within });
  }

  const open = tally<Statistics['open'][number]>();
  const trend = tally<Statistics['trend'][number]>();
  for (const r of yearRows) {
    const kind = String(r.kind);
    const domain = String(r.domain);
    const inScopeHere = r.in_scope === true;
    open.add(`${kind}|${domain}|${inScopeHere}`, { kind, domain, inScope: inScopeHere, n: Number(r.open) });
    trend.add(`${String(r.year)}|${domain}|${inScopeHere}`, { year: Number(r.year), domain, inScope: inScopeHere, n: Number(r.received) });
  }

  // Only what was counted: groups that sum to nothing (no open case of a year; the rest of a subtree that is all) are left out.
  const counted = <T extends { n: number }>(items: T[]) => items.filter((item) => item.n !== 0);
  return {
    period,
    counts: counted(counts.values()),
    acknowledgement: counted(acknowledgement.values()),
    feedback: counted(feedback.values()),
    open: counted(open.values()),
    trend: counted(trend.values()),
  };
}

export interface EntityNode {
  id: string;
  parentId: string | null;
  name: string;
  headcount: number | null;
}

export async function loadEntityTree(db: Db): Promise<EntityNode[]> {
  const found = await rows(db, sql`select id, parent_id, name, headcount from entities order by name`);
  return found.map((r) => ({ id: String(r.id), parentId: r.parent_id === null ? null : String(r.parent_id), name: String(r.name), headcount: r.headcount === null ? null : Number(r.headcount) }));
}

/** Per year: contacts by domain, contacts in entities with a known headcount, and reports on time, for the policy page. */
export interface YearFigures {
  year: number;
  domain: string;
  contacts: number;
  contactsWithHeadcount: number;
  reports: number;
  acknowledgedInTime: number;
  feedbackInTime: number;
}

/** From the monthly sums: whole years, over the whole organisation. */
export async function loadYearFigures(db: Db, fromYear: number, toYear: number): Promise<YearFigures[]> {
  const inYears = sql`month between ${`${fromYear}-01-01`}::date and ${`${toYear}-12-31`}::date`;
  const found = await rows(
    db,
    sql`with contacts as (
        select extract(year from month)::int as year, domain, sum(n) as contacts, sum(n) filter (where kind = 'report') as reports
        from statistics_month_what where ${inYears} group by 1, 2),
      with_headcount as (
        select extract(year from s.month)::int as year, s.domain, sum(s.n) as n
        from statistics_month_entity s join entities e on e.id = s.entity_id where ${inYears} and e.headcount is not null group by 1, 2),
      on_time as (
        select extract(year from month)::int as year, domain, sum(n) filter (where ack_days <= 7) as ack, sum(n) filter (where fb_within) as fb
        from statistics_month_milestones where ${inYears} group by 1, 2)
      select c.year, c.domain, c.contacts::int as contacts, coalesce(h.n, 0)::int as with_headcount, coalesce(c.reports, 0)::int as reports,
        coalesce(t.ack, 0)::int as ack_in_time, coalesce(t.fb, 0)::int as fb_in_time
      from contacts c left join with_headcount h using (year, domain) left join on_time t using (year, domain)
      where c.contacts <> 0`,
  );
  return found.map((r) => ({
    year: Number(r.year),
    domain: String(r.domain),
    contacts: Number(r.contacts),
    contactsWithHeadcount: Number(r.with_headcount),
    reports: Number(r.reports),
    acknowledgedInTime: Number(r.ack_in_time),
    feedbackInTime: Number(r.fb_in_time),
  }));
}

