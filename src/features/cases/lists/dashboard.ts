/**
 * The dashboard of a handler or the coordinator (issue 4 items 3, 6, 8): open cases by state, what is
 * due in the coming week, what is overdue, their own tasks due soon, and the cases only one person can
 * open. Everything within the same need-to-know scope as the list, metadata only.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { addDays, type IsoDate } from '../../../platform/time/calendar.ts';
import { caseStatuses, isTerminal, type CaseStatus } from '../lifecycle.ts';
import { caseColumns, rowsOf, toRow, withHandlers, type CaseListRow } from './query.ts';
import { scopeCondition, type ListScope } from './scope.ts';

export const dashboardListSize = 20;
export const singleHolderWindow = 2000;

export const openStatuses = caseStatuses.filter((s) => !isTerminal(s));
const terminalStatuses = caseStatuses.filter((s) => isTerminal(s));

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
  /**
   * Open cases whose key only one person holds, with nobody waiting for a seal: one absence locks them.
   * Checked over the most recent `singleHolderWindow` open cases, so the dashboard stays one index scan.
   */
  singleHolder: CaseListRow[];
}

const inList = (values: readonly string[]) =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );

export async function loadDashboard(db: Db, scope: ListScope, today: IsoDate): Promise<Dashboard> {
  const visible = scopeCondition(scope);
  const weekEnd = addDays(today, 7);
  const monthAgo = addDays(today, -30);
  const [open, closed, dueCount, dueRows, overdueCount, overdueRows, tasks, single] = await Promise.all([
    rowsOf(db, sql`select c.status, count(*)::int as n from cases c where c.status in (${inList(openStatuses)}) and ${visible} group by c.status`),
    rowsOf(
      db,
      sql`select c.status, count(*)::int as n from cases c
        where c.status in (${inList(terminalStatuses)}) and c.closed_on >= ${monthAgo} and ${visible} group by c.status`,
    ),
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
    rowsOf(
      db,
      // The recent open cases come from one index alone (status, closed_on, procedure, received_on, id); only those are checked.
      sql`select ${caseColumns} from cases c where c.id in (
          select c.id from cases c where c.status in (${inList(openStatuses)}) and c.closed_on is null and ${visible}
          order by c.received_on desc, c.id desc limit ${singleHolderWindow})
        and (select count(*) from case_key_seals k where k.case_id = c.id and k.user_id is not null) = 1
        and not exists (select 1 from case_pending_seals w where w.case_id = c.id)
        order by c.received_on desc, c.id desc limit ${dashboardListSize}`,
    ),
  ]);
  const counts = (rows: Record<string, unknown>[], statuses: readonly CaseStatus[]) =>
    statuses.map((status) => ({ status, count: Number(rows.find((r) => r.status === status)?.n ?? 0) }));
  return {
    open: counts(open, openStatuses),
    closedRecently: counts(closed, terminalStatuses),
    dueThisWeek: { count: Number(dueCount[0]?.n ?? 0), rows: await withHandlers(db, dueRows.map(toRow)) },
    overdue: { count: Number(overdueCount[0]?.n ?? 0), rows: await withHandlers(db, overdueRows.map(toRow)) },
    tasks: tasks.map((t) => ({ taskId: String(t.id), caseId: String(t.case_id), reference: String(t.reference), dueOn: String(t.due_on) as IsoDate })),
    singleHolder: await withHandlers(db, single.map(toRow)),
  };
}
