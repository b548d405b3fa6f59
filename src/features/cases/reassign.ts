/**
 * Hand-over, so no case waits on someone who left: when a handler leaves or is absent, an administrator or the
 * integrity coordinator moves their cases to another handler of the same function without seeing any content.
 * The new handler waits in case_pending_seals (metadata only) until a key holder opens the case and
 * `resealPending` (commands/reseal-pending.ts) seals the key to them. The old handler's seal goes only when
 * someone else still holds the key, so no case is ever left that nobody can open.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { RoleGrant } from '../../platform/auth/roles.ts';
import type { Db } from '../../platform/db/client.ts';
import { userRoles, users } from '../../platform/db/schema.ts';
import { caseKeySeals } from '../case-record/service.ts';
import { casePendingSeals } from './schema.ts';

export async function grantsOf(db: Db, userId: string): Promise<RoleGrant[]> {
  const rows = await db
    .select({ role: userRoles.role, handlerFunction: userRoles.handlerFunction, actorFunction: userRoles.actorFunction, entityId: userRoles.entityId })
    .from(userRoles)
    .where(eq(userRoles.userId, userId));
  return rows as RoleGrant[];
}

export interface HandlerOption {
  id: string;
  displayName: string;
  functions: string[];
  disabled: boolean;
}

/** Every case handler with their functions, for the reassignment form (no case data). */
export async function listHandlers(db: Db): Promise<HandlerOption[]> {
  const rows = await db
    .select({ id: users.id, displayName: users.displayName, disabledAt: users.disabledAt, handlerFunction: userRoles.handlerFunction })
    .from(userRoles)
    .innerJoin(users, eq(users.id, userRoles.userId))
    .where(eq(userRoles.role, 'case_handler'))
    .orderBy(asc(users.displayName));
  const byId = new Map<string, HandlerOption>();
  for (const row of rows) {
    const option = byId.get(row.id) ?? { id: row.id, displayName: row.displayName, functions: [], disabled: row.disabledAt !== null };
    if (row.handlerFunction) option.functions.push(row.handlerFunction);
    byId.set(row.id, option);
  }
  return [...byId.values()];
}

/** Cases the handler holds a key to, or waits for one: what a reassignment moves. */
export async function casesOf(db: Db, userId: string): Promise<string[]> {
  const [sealed, pending] = await Promise.all([
    db.select({ caseId: caseKeySeals.caseId }).from(caseKeySeals).where(eq(caseKeySeals.userId, userId)),
    db.select({ caseId: casePendingSeals.caseId }).from(casePendingSeals).where(eq(casePendingSeals.userId, userId)),
  ]);
  return [...new Set([...sealed, ...pending].map((r) => r.caseId))];
}

/**
 * Cases of this handler that nobody else can open (no second handler, no escrow seal): the dashboard's
 * warning that a hand-over would have to wait for them (escrow.ts is the way out).
 */
export async function casesOnlyHeldBy(db: Db, userId: string): Promise<string[]> {
  const rows = await db
    .select({ caseId: caseKeySeals.caseId })
    .from(caseKeySeals)
    .where(
      and(
        eq(caseKeySeals.userId, userId),
        sql`not exists (select 1 from case_key_seals other where other.case_id = ${caseKeySeals.caseId} and other.user_id is not null and other.user_id <> ${userId})`,
      ),
    );
  return rows.map((r) => r.caseId);
}
