/**
 * The dashboard of a handler or the coordinator, so legal deadlines and stranded cases are seen in time: open cases by state, what is
 * due in the coming week, what is overdue, their own tasks due soon, and the cases only one person can
 * open. Everything within the same need-to-know scope as the list, metadata only.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { addDays, type IsoDate } from '../../../platform/time/calendar.ts';
import { caseStatuses, isTerminal, type CaseStatus } from '../lifecycle.ts';
import { caseColumns, rowsOf, singleHolderCondition, toRow, withHandlers, type CaseListRow } from './query.ts';
import { procedures, type ProcedureCode } from '../../case-record/service.ts';
import { procedureIn, scopeCondition, type ListScope } from './scope.ts';

export const dashboardListSize = 20;

export const openStatuses = caseStatuses.filter((s) => !isTerminal(s));
const terminalStatuses = caseStatuses.filter((s) => isTerminal(s));
const everyProcedure = Object.keys(procedures) as ProcedureCode[];

export interface TaskDue {
  taskId: string;
  caseId: string;
  reference: string;
  dueOn: IsoDate;
}

export interface Dashboard {
  /** Open cases by state, and cases that reached a terminal state in the last 30 days. */
  open: { status: CaseStatus; count: number }[];
  closedRecently: { status: CaseStatus; count: number }[];
  dueThisWeek: { count: number; rows: CaseListRow[] };
  overdue: { count: number; rows: CaseListRow[] };
  tasks: TaskDue[];
  /** Open cases whose key only one person holds, with nobody waiting for a seal: one absence locks them. */
  singleHolder: { count: number; rows: CaseListRow[] };
}

const inList = (values: readonly string[]) =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );

type StatusCounts = Map<string, number>;

function addCounts(into: StatusCounts, rows: Record<string, unknown>[], sign: 1 | -1): void {
  for (const row of rows) into.set(String(row.status), (into.get(String(row.status)) ?? 0) + sign * Number(row.n));
}

/**
 * Cases in scope by state, open (`closedSince` undefined) or closed since a day. The procedures whose
 * every case the user oversees come from the tallies the database keeps (migration 0010), less the cases
 * the user is excluded from; the cases of other procedures that are sealed to them are counted one by one.
 */
async function countByStatus(db: Db, scope: ListScope, statuses: readonly CaseStatus[], closedSince?: IsoDate): Promise<StatusCounts> {
  const counts: StatusCounts = new Map();
  const closed = (column: SQL) => (closedSince ? sql`${column} >= ${closedSince}` : sql`${column} is null`);
  const queries: Promise<void>[] = [];
  if (scope.all.length > 0) {
    const overseen = procedureIn(scope.all) ?? sql`true`;
    queries.push(
      // Aliased `c` like the cases, as procedureIn speaks of c.procedure.
      rowsOf(db, sql`select c.status, sum(c.n)::int as n from case_tallies c where ${overseen} and c.status in (${inList(statuses)}) and ${closed(sql`c.closed_on`)} group by c.status`).then(
        (rows) => addCounts(counts, rows, 1),
      ),
      rowsOf(
        db,
        sql`select c.status, count(*)::int as n from case_exclusions x join cases c on c.id = x.case_id
          where x.user_id = ${scope.userId} and ${overseen} and c.status in (${inList(statuses)}) and ${closed(sql`c.closed_on`)} group by c.status`,
      ).then((rows) => addCounts(counts, rows, -1)),
    );
  }
  const others = everyProcedure.filter((p) => !scope.all.includes(p));
  if (others.length > 0 && others.some((p) => scope.sealed.includes(p) || scope.pending.includes(p))) {
    queries.push(
      rowsOf(
        db,
        sql`select c.status, count(*)::int as n from cases c
          where ${procedureIn(others) ?? sql`true`} and c.status in (${inList(statuses)}) and ${closed(sql`c.closed_on`)} and ${scopeCondition(scope)} group by c.status`,
      ).then((rows) => addCounts(counts, rows, 1)),
    );
  }
  await Promise.all(queries);
  return counts;
}

export async function loadDashboard(db: Db, scope: ListScope, today: IsoDate): Promise<Dashboard> {
  const visible = scopeCondition(scope);
  const weekEnd = addDays(today, 7);
  const monthAgo = addDays(today, -30);
  const [open, closed, dueCount, dueRows, overdueCount, overdueRows, tasks, singleCount, singleRows] = await Promise.all([
    countByStatus(db, scope, openStatuses),
    countByStatus(db, scope, terminalStatuses, monthAgo),
    rowsOf(db, sql`select count(*)::int as n from cases c where c.next_due_on between ${today} and ${weekEnd} and ${visible}`),
    rowsOf(
      db,
      sql`select ${caseColumns} from cases c where c.next_due_on between ${today} and ${weekEnd} and ${visible}
        order by c.next_due_on, c.id limit ${dashboardListSize}`,
    ),
    rowsOf(db, sql`select count(*)::int as n from cases c where c.next_due_on < ${today} and ${visible}`),
    rowsOf(db, sql`select ${caseColumns} from cases c where c.next_due_on < ${today} and ${visible} order by c.next_due_on, c.id limit ${dashboardListSize}`),
    rowsOf(
      db,
      sql`select t.id, t.case_id, c.reference, t.due_on::text as due_on from case_tasks t join cases c on c.id = t.case_id
        where t.assignee_id = ${scope.userId} and t.done_on is null and t.due_on <= ${weekEnd} and ${visible}
        order by t.due_on, t.id limit ${dashboardListSize}`,
    ),
    rowsOf(db, sql`select count(*)::int as n from cases c where ${singleHolderCondition} and ${visible}`),
    rowsOf(db, sql`select ${caseColumns} from cases c where ${singleHolderCondition} and ${visible} order by c.received_on desc, c.id desc limit ${dashboardListSize}`),
  ]);
  const counts = (found: StatusCounts, statuses: readonly CaseStatus[]) => statuses.map((status) => ({ status, count: found.get(status) ?? 0 }));
  const [dueList, overdueList, singleList] = await Promise.all([withHandlers(db, dueRows.map(toRow)), withHandlers(db, overdueRows.map(toRow)), withHandlers(db, singleRows.map(toRow))]);
  return {
    open: counts(open, openStatuses),
    closedRecently: counts(closed, terminalStatuses),
    dueThisWeek: { count: Number(dueCount[0]?.n ?? 0), rows: dueList },
    overdue: { count: Number(overdueCount[0]?.n ?? 0), rows: overdueList },
    tasks: tasks.map((t) => ({ taskId: String(t.id), caseId: String(t.case_id), reference: String(t.reference), dueOn: String(t.due_on) as IsoDate })),
    singleHolder: { count: Number(singleCount[0]?.n ?? 0), rows: singleList },
  };
}
