/**
 * The figures' reads of the statistical record (`case_statistics`, which outlives each case) and the
 * entity tree: a few GROUP BY queries per period, each one scan, never the cases themselves.
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

/**
 * Everything the indicators of one period need, in five scans of the statistical record, run at once.
 * A GROUP BY may carry several breakdowns (theme and channel; requester role, identity, outcome and
 * measures; both milestones; open cases and the trend per year), summed per breakdown here: measured on
 * 1,000,000 records, grouping costs more than reading, and five scans take half the time of eleven. The
 * groups stay few (hundreds), so PostgreSQL hashes them in memory; the entity has its own scan because
 * with theme and channel it would make tens of thousands of groups and a sort that spills to disk.
 */
export async function loadStatistics(db: Db, period: Period, options: { entityId?: string | null; trendYears?: number } = {}): Promise<Statistics> {
  const { cte, inScope } = scopeParts(options.entityId);
  const from = sql`${period.from}::date`;
  const to = sql`${period.to}::date`;
  const inPeriod = sql`cs.received_on between ${from} and ${to}`;
  const trendYears = options.trendYears ?? 5;
  const trendFrom = `${Number(period.to.slice(0, 4)) - trendYears + 1}-01-01`;

  const [whatRows, entityRows, whoRows, milestoneRows, yearRows] = await Promise.all([
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
        from ${cs} cs where cs.received_on <= ${to} group by 1, 2, 3, 4`,
    ),
  ]);

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
    if (Number(r.open) > 0) open.add(`${kind}|${domain}|${inScopeHere}`, { kind, domain, inScope: inScopeHere, n: Number(r.open) });
    if (Number(r.received) > 0) trend.add(`${String(r.year)}|${domain}|${inScopeHere}`, { year: Number(r.year), domain, inScope: inScopeHere, n: Number(r.received) });
  }

  return {
    period,
    counts: counts.values(),
    acknowledgement: acknowledgement.values(),
    feedback: feedback.values(),
    open: open.values(),
    trend: trend.values(),
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

export async function loadYearFigures(db: Db, fromYear: number, toYear: number): Promise<YearFigures[]> {
  const found = await rows(
    db,
    sql`select extract(year from cs.received_on)::int as year, cs.domain, count(*)::int as contacts,
        count(*) filter (where e.headcount is not null)::int as with_headcount,
        count(*) filter (where cs.kind = 'report')::int as reports,
        count(*) filter (where cs.kind = 'report' and cs.acknowledged_on <= cs.received_on + 7)::int as ack_in_time,
        count(*) filter (where cs.kind = 'report' and cs.feedback_on <= (least(coalesce(cs.acknowledged_on, cs.received_on + 7), cs.received_on + 7) + interval '3 months')::date)::int as fb_in_time
      from ${cs} cs left join entities e on e.id = cs.entity_id
      where cs.received_on between ${`${fromYear}-01-01`}::date and ${`${toYear}-12-31`}::date group by 1, 2`,
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

/** The first and last year with any case, or undefined when there is none. */
export async function yearsWithData(db: Db): Promise<{ first: number; last: number } | undefined> {
  const [row] = await rows(db, sql`select extract(year from min(received_on))::int as first, extract(year from max(received_on))::int as last from ${cs}`);
  if (!row || row.first === null) return undefined;
  return { first: Number(row.first), last: Number(row.last) };
}
