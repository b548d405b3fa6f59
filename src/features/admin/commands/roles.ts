/** Granting and revoking a user's roles; a case handler carries a handler function, an entity actor a function and an entity. */
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { entities, handlerFunctions, userRoles, users } from '../../../platform/db/schema.ts';
import { actorFunctions, type ActorFunction } from '../../../platform/auth/roles.ts';
import { recordAudit } from '../../../platform/audit/audit.ts';
import type { Outcome } from './outcome.ts';

/** A role as an administrator grants it: the role, and the function and entity it needs. */
export type RoleGrantInput =
  | { role: 'administrator' | 'integrity_coordinator' | 'bureau_member' }
  | { role: 'case_handler'; handlerFunction: string }
  | { role: 'entity_actor'; actorFunction: ActorFunction; entityId: string };

export const plainRoles = ['administrator', 'integrity_coordinator', 'bureau_member'] as const;

export function isActorFunction(value: unknown): value is ActorFunction {
  return typeof value === 'string' && (actorFunctions as readonly string[]).includes(value);
}

/** The row a grant becomes; the database checks that exactly the right columns are filled. */
export function grantRow(grant: RoleGrantInput) {
  return {
    role: grant.role,
    handlerFunction: grant.role === 'case_handler' ? grant.handlerFunction : null,
    actorFunction: grant.role === 'entity_actor' ? grant.actorFunction : null,
    entityId: grant.role === 'entity_actor' ? grant.entityId : null,
  };
}

/** What the audit trail keeps of a grant: ids and codes only, never names. */
export function grantDetails(grant: RoleGrantInput): Record<string, string> {
  const row = grantRow(grant);
  return Object.fromEntries(Object.entries(row).filter((entry): entry is [string, string] => entry[1] !== null));
}

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type GrantProblem = 'unknown_handler_function' | 'unknown_entity' | 'unknown_actor_function';

/** Checks that the function and entity a grant names exist; run inside the transaction that stores it. */
export async function checkGrant(tx: Tx | Db, grant: RoleGrantInput): Promise<GrantProblem | undefined> {
  if (grant.role === 'case_handler') {
    const [found] = await tx.select({ code: handlerFunctions.code }).from(handlerFunctions).where(eq(handlerFunctions.code, grant.handlerFunction));
    if (!found) return 'unknown_handler_function';
  }
  if (grant.role === 'entity_actor') {
    if (!isActorFunction(grant.actorFunction)) return 'unknown_actor_function';
    const [found] = await tx.select({ id: entities.id }).from(entities).where(eq(entities.id, grant.entityId));
    if (!found) return 'unknown_entity';
  }
  return undefined;
}

interface GrantColumns {
  role: string;
  handlerFunction: string | null;
  actorFunction: string | null;
  entityId: string | null;
}

export function sameGrant(a: GrantColumns, b: GrantColumns): boolean {
  return a.role === b.role && a.handlerFunction === b.handlerFunction && a.actorFunction === b.actorFunction && a.entityId === b.entityId;
}

export type GrantRoleResult = Outcome<{ grantId: string }, GrantProblem | 'user_not_found' | 'already_granted'>;

export async function grantRole(db: Db, actorId: string | null, userId: string, grant: RoleGrantInput): Promise<GrantRoleResult> {
  return db.transaction(async (tx): Promise<GrantRoleResult> => {
    const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.id, userId));
    if (!user) return { ok: false, reason: 'user_not_found' };
    const problem = await checkGrant(tx, grant);
    if (problem) return { ok: false, reason: problem };
    const row = grantRow(grant);
    const existing = await tx.select().from(userRoles).where(eq(userRoles.userId, userId));
    if (existing.some((held) => sameGrant(held, row))) return { ok: false, reason: 'already_granted' };
    const [inserted] = await tx.insert(userRoles).values({ userId, ...row }).returning({ id: userRoles.id });
    if (!inserted) throw new Error('role insert returned nothing');
    await recordAudit(tx, { actorId, action: 'user.role_granted', subjectType: 'user', subjectId: userId, details: grantDetails(grant) });
    return { ok: true, grantId: inserted.id };
  });
}

export type RevokeRoleResult = Outcome<object, 'not_found' | 'self_demotion'>;

/** Removes one grant. An administrator cannot take their own administrator role away: someone else must. */
export async function revokeRole(db: Db, actorId: string | null, userId: string, grantId: string): Promise<RevokeRoleResult> {
  return db.transaction(async (tx): Promise<RevokeRoleResult> => {
    const [held] = await tx.select().from(userRoles).where(and(eq(userRoles.id, grantId), eq(userRoles.userId, userId)));
    if (!held) return { ok: false, reason: 'not_found' };
    if (held.role === 'administrator' && actorId === userId) return { ok: false, reason: 'self_demotion' };
    await tx.delete(userRoles).where(eq(userRoles.id, grantId));
    const details = Object.fromEntries(
      Object.entries({ role: held.role, handlerFunction: held.handlerFunction, actorFunction: held.actorFunction, entityId: held.entityId }).filter(
        (entry) => entry[1] !== null,
      ),
    );
    await recordAudit(tx, { actorId, action: 'user.role_revoked', subjectType: 'user', subjectId: userId, details });
    return { ok: true };
  });
}
