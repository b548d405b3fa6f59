/**
 * The case list query: need to know (scope.ts), filters, sort and keyset pagination in one SQL
 * statement, so a page of a million cases costs an index scan and never an OFFSET. Reads metadata only.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import type { IsoDate } from '../../../platform/time/calendar.ts';
import type { Taxonomy } from '../../case-record/service.ts';
import type { CaseStatus } from '../lifecycle.ts';
import type { ProcedureCode } from '../../case-record/service.ts';
import { encodeCursor, type CaseListFilters } from './filters.ts';
import { isOverview, scopeCondition, type ListScope } from './scope.ts';

export const pageSize = 50;

export interface CaseListRow {
  id: string;
  reference: string;
  status: CaseStatus;
  procedure: ProcedureCode;
  theme: string;
  entityName: string | null;
  channel: string;
  priority: string;
  receivedOn: IsoDate;
  nextDueOn: IsoDate | null;
  nextDuty: string | null;
  /** People holding the case's key (pending: routed, key not sealed yet). */
  handlers: { name: string; pending: boolean }[];
}

export interface CaseListPage {
  rows: CaseListRow[];
  /** The cursor of the next page, when there is one. */
  next: string | undefined;
}

type Row = Record<string, unknown>;

export async function rowsOf(db: Db, query: SQL): Promise<Row[]> {
  return ((await db.execute(query)) as unknown as { rows: Row[] }).rows;
}

function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

const referencePattern = /^IB-?([0-9A-Z]{4})-?([0-9A-Z]{4})$/i;
const referenceGroupPattern = /^(?:IB-)?-?([0-9A-Z]{4})-?$/i;

/** Theme codes whose code or label (in any language) contains the text: the labels live in the taxonomy setting, not in SQL. */
export function themesMatching(taxonomy: Taxonomy, text: string): string[] {
  const needle = text.toLocaleLowerCase();
  return taxonomy.themes
    .filter((theme) => theme.code.includes(needle) || Object.values(theme.labels).some((label) => label.toLocaleLowerCase().includes(needle)))
    .map((theme) => theme.code);
}

/**
 * The search box, on metadata only and always through an index: a whole reference, either group of four
 * of a reference (IB-XXXX-YYYY), an entity's name, or a theme's label. Text that matches none of these
 * finds nothing at once rather than scanning every case.
 */
async function searchCondition(db: Db, q: string, taxonomy: Taxonomy): Promise<SQL> {
  const reference = referencePattern.exec(q);
  if (reference) return sql`c.reference = ${`IB-${reference[1]!.toUpperCase()}-${reference[2]!.toUpperCase()}`}`;
  const parts: SQL[] = [];
  const group = referenceGroupPattern.exec(q)?.[1]?.toUpperCase();
  if (group) parts.push(sql`substr(c.reference, 4, 4) = ${group}`, sql`substr(c.reference, 9, 4) = ${group}`);
  // The matching entities first, so the planner sees the few ids (and uses the entity index) rather than a subquery.
  const entityIds = (await rowsOf(db, sql`select id from entities where name ilike ${likePattern(q)}`)).map((row) => String(row.id));
  if (entityIds.length > 0) parts.push(sql`c.entity_id in (${sql.join(entityIds.map((id) => sql`${id}::uuid`), sql`, `)})`);
  const themes = themesMatching(taxonomy, q);
  if (themes.length > 0) parts.push(sql`c.theme in (${sql.join(themes.map((t) => sql`${t}`), sql`, `)})`);
  return parts.length === 0 ? sql`false` : sql`(${sql.join(parts, sql` or `)})`;
}

/** The entity and everything below it (the tree is small: a recursive CTE over `entities`). */
function entitySubtree(entityId: string): SQL {
  return sql`c.entity_id in (with recursive sub(id) as (select id from entities where id = ${entityId}
    union all select e.id from entities e join sub on e.parent_id = sub.id) select id from sub)`;
}

/** Open, one key holder, nobody waiting for a seal: the same condition as cases_single_holder_idx, so its rows come from that small index. */
export const singleHolderCondition = sql`c.closed_on is null and cardinality(c.key_holders) = 1 and cardinality(c.awaiting_seal) = 0`;

export async function filterConditions(db: Db, scope: ListScope, filters: CaseListFilters, today: IsoDate, taxonomy: Taxonomy): Promise<SQL[]> {
  const where: SQL[] = [scopeCondition(scope)];
  if (filters.status) where.push(sql`c.status = ${filters.status}`);
  if (filters.theme) where.push(sql`c.theme = ${filters.theme}`);
  if (filters.channel) where.push(sql`c.channel = ${filters.channel}`);
  if (filters.procedure) where.push(sql`c.procedure = ${filters.procedure}`);
  if (filters.entity) where.push(entitySubtree(filters.entity));
  if (filters.handler) {
    where.push(sql`(c.key_holders @> array[${filters.handler}]::uuid[] or c.awaiting_seal @> array[${filters.handler}]::uuid[])`);
  }
  if (filters.overdue) where.push(sql`c.next_due_on < ${today}`);
  if (filters.singleHolder) where.push(singleHolderCondition);
  if (filters.receivedFrom) where.push(sql`c.received_on >= ${filters.receivedFrom}`);
  if (filters.receivedTo) where.push(sql`c.received_on <= ${filters.receivedTo}`);
  if (filters.q) where.push(await searchCondition(db, filters.q, taxonomy));
  return where;
}

/** The keyset condition and order of the received-date sort (newest first, ties by id). */
function receivedKeyset(filters: CaseListFilters): { where: SQL | undefined; order: SQL } {
  const order = sql`c.received_on desc, c.id desc`;
  const after = filters.after;
  if (!after) return { where: undefined, order };
  return { where: sql`(c.received_on, c.id) < (${after.key}::date, ${after.id}::uuid)`, order };
}

export const caseColumns = sql`c.id, c.reference, c.status, c.procedure, c.theme, c.channel, c.priority,
  c.received_on::text as received_on, c.next_due_on::text as next_due_on, c.next_duty,
  (select e.name from entities e where e.id = c.entity_id) as entity_name`;

export function toRow(row: Row): Omit<CaseListRow, 'handlers'> {
  return {
    id: String(row.id),
    reference: String(row.reference),
    status: row.status as CaseStatus,
    procedure: row.procedure as ProcedureCode,
    theme: String(row.theme),
    entityName: row.entity_name === null ? null : String(row.entity_name),
    channel: String(row.channel),
    priority: String(row.priority),
    receivedOn: String(row.received_on) as IsoDate,
    nextDueOn: row.next_due_on === null ? null : (String(row.next_due_on) as IsoDate),
    nextDuty: row.next_duty === null ? null : String(row.next_duty),
  };
}

/** The names of the people holding (or waiting for) each listed case's key, in one query. */
export async function withHandlers(db: Db, rows: Omit<CaseListRow, 'handlers'>[]): Promise<CaseListRow[]> {
  if (rows.length === 0) return [];
  const ids = sql.join(
    rows.map((r) => sql`${r.id}::uuid`),
    sql`, `,
  );
  const holders = await rowsOf(
    db,
    sql`select s.case_id, u.display_name, false as pending from case_key_seals s join users u on u.id = s.user_id where s.case_id in (${ids})
      union all
      select p.case_id, u.display_name, true as pending from case_pending_seals p join users u on u.id = p.user_id where p.case_id in (${ids})
      order by 2`,
  );
  const byCase = new Map<string, { name: string; pending: boolean }[]>();
  for (const h of holders) {
    const list = byCase.get(String(h.case_id)) ?? [];
    list.push({ name: String(h.display_name), pending: h.pending === true });
    byCase.set(String(h.case_id), list);
  }
  return rows.map((r) => ({ ...r, handlers: byCase.get(r.id) ?? [] }));
}

/**
 * Up to this many cases held or awaited, a handler's list starts from their own seals (an index by user)
 * instead of walking every case in the list's order and keeping theirs: for someone who holds a few cases
 * among a million, that walk would pass over nearly all of them. The planner cannot tell the two apart,
 * since it estimates every holder alike, so the count (capped, from the same index) decides.
 */
export const fewCases = 5000;

async function ownCasesFirst(db: Db, scope: ListScope): Promise<SQL | undefined> {
  if (isOverview(scope)) return undefined;
  const me = scope.userId;
  const [row] = await rowsOf(
    db,
    sql`select (select count(*) from (select 1 from case_key_seals s where s.user_id = ${me} limit ${fewCases + 1}) sealed)
      + (select count(*) from (select 1 from case_pending_seals p where p.user_id = ${me} limit ${fewCases + 1}) pending) as n`,
  );
  if (Number(row?.n ?? 0) > fewCases) return undefined;
  return sql`c.id in (select s.case_id from case_key_seals s where s.user_id = ${me} union all select p.case_id from case_pending_seals p where p.user_id = ${me})`;
}

export interface ListInput {
  scope: ListScope;
  filters: CaseListFilters;
  today: IsoDate;
  taxonomy: Taxonomy;
  limit?: number;
}

/** One page of the case list the user may see, filtered and sorted, after the cursor. */
export async function listCases(db: Db, input: ListInput): Promise<CaseListPage> {
  const limit = input.limit ?? pageSize;
  const [where, own] = await Promise.all([filterConditions(db, input.scope, input.filters, input.today, input.taxonomy), ownCasesFirst(db, input.scope)]);
  if (own) where.push(own);
  // The page's ids first, then their columns: where an index carries every column the conditions read
  // (cases_theme_holders_idx), the search for the page never visits the rows it passes over.
  const select = (conditions: SQL[], order: SQL, count: number) =>
    rowsOf(
      db,
      sql`select ${caseColumns} from cases c where c.id in (
          select c.id from cases c where ${sql.join(conditions, sql` and `)} order by ${order} limit ${count})
        order by ${order}`,
    );
  let found: Record<string, unknown>[];
  if (input.filters.sort === 'due') {
    // Cases with an open deadline first (through the next_due_on index), then those without one by id:
    // two index-friendly queries rather than one sort over every case with "nulls last".
    const after = input.filters.after;
    found = [];
    if (!after || after.key !== null) {
      const keyset = after ? sql`(c.next_due_on, c.id) > (${after.key}::date, ${after.id}::uuid)` : sql`c.next_due_on is not null`;
      found = await select([...where, sql`c.next_due_on is not null`, keyset], sql`c.next_due_on asc, c.id asc`, limit + 1);
    }
    if (found.length <= limit) {
      const keyset = after?.key === null ? [sql`c.id > ${after.id}::uuid`] : [];
      found.push(...(await select([...where, sql`c.next_due_on is null`, ...keyset], sql`c.id asc`, limit + 1 - found.length)));
    }
  } else {
    const keyset = receivedKeyset(input.filters);
    found = await select(keyset.where ? [...where, keyset.where] : where, keyset.order, limit + 1);
  }
  const rows = found.slice(0, limit).map(toRow);
  const last = rows.at(-1);
  const next =
    found.length > limit && last ? encodeCursor({ key: input.filters.sort === 'due' ? last.nextDueOn : last.receivedOn, id: last.id }) : undefined;
  return { rows: await withHandlers(db, rows), next };
}

/** The people a list may be filtered by: everyone with a case handler's or the coordinator's role. */
export async function listHandlerOptions(db: Db): Promise<{ id: string; name: string }[]> {
  const rows = await rowsOf(
    db,
    sql`select distinct u.id, u.display_name from users u join user_roles r on r.user_id = u.id
      where r.role in ('case_handler', 'integrity_coordinator') and u.disabled_at is null order by u.display_name`,
  );
  return rows.map((r) => ({ id: String(r.id), name: String(r.display_name) }));
}
