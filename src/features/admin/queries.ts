/** What the back office and the CLI read: users with their roles, the entity tree, handler functions and counts, shaped for display. */
import { asc, count, eq, ilike, inArray, isNotNull, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { auditLog, entities, handlerFunctions, userRoles, users } from '../../platform/db/schema.ts';
import { roles as roleOrder, type Role } from '../../platform/auth/roles.ts';
import type { Language } from '../../platform/i18n/languages.ts';
import { buildEntityTree, flattenTree, type EntityKind } from './entity-tree.ts';
import { normaliseEmail } from './commands/users.ts';
import type { Outcome } from './commands/outcome.ts';
import { isRecordId } from '../../platform/http/route-schemas.ts';

export interface RoleSummary {
  grantId: string;
  role: Role;
  handlerFunction: string | null;
  actorFunction: string | null;
  entityId: string | null;
  entityName: string | null;
}

export interface UserSummary {
  id: string;
  email: string;
  displayName: string;
  language: string;
  disabled: boolean;
  twoFactorEnabled: boolean;
  mustChangePassword: boolean;
  roles: RoleSummary[];
}

/** The most users one list shows; a search narrows it down. */
export const userListLimit = 200;

/** `%` and `_` typed in a search are meant literally, not as wildcards. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

async function rolesOf(db: Db, userIds: string[]): Promise<Map<string, RoleSummary[]>> {
  const byUser = new Map<string, RoleSummary[]>();
  if (userIds.length === 0) return byUser;
  const rows = await db
    .select({ grant: userRoles, entityName: entities.name })
    .from(userRoles)
    .leftJoin(entities, eq(entities.id, userRoles.entityId))
    .where(inArray(userRoles.userId, userIds))
    .orderBy(asc(userRoles.createdAt));
  for (const { grant, entityName } of rows) {
    const list = byUser.get(grant.userId) ?? [];
    list.push({
      grantId: grant.id,
      role: grant.role as Role,
      handlerFunction: grant.handlerFunction,
      actorFunction: grant.actorFunction,
      entityId: grant.entityId,
      entityName,
    });
    byUser.set(grant.userId, list);
  }
  // In the product's order of roles (administrator first), so every list reads the same way; sort is stable.
  for (const list of byUser.values()) list.sort((a, b) => roleOrder.indexOf(a.role) - roleOrder.indexOf(b.role));
  return byUser;
}

function summarise(user: typeof users.$inferSelect, roles: RoleSummary[]): UserSummary {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    language: user.language,
    disabled: user.disabledAt !== null,
    twoFactorEnabled: user.totpEnabledAt !== null,
    mustChangePassword: user.mustChangePassword,
    roles,
  };
}

/** Users by name, optionally those whose name or e-mail contains `search`. */
export async function listUsers(db: Db, options: { search?: string | undefined } = {}): Promise<UserSummary[]> {
  const search = options.search?.trim();
  const rows = await db
    .select()
    .from(users)
    .where(search ? or(ilike(users.displayName, likePattern(search)), ilike(users.email, likePattern(search))) : undefined)
    .orderBy(asc(users.displayName), asc(users.email))
    .limit(userListLimit);
  const roles = await rolesOf(
    db,
    rows.map((u) => u.id),
  );
  return rows.map((user) => summarise(user, roles.get(user.id) ?? []));
}

export async function getUser(db: Db, userId: string): Promise<UserSummary | undefined> {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user) return undefined;
  const roles = await rolesOf(db, [user.id]);
  return summarise(user, roles.get(user.id) ?? []);
}

export async function findUserByEmail(db: Db, email: string): Promise<UserSummary | undefined> {
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.email, normaliseEmail(email)));
  return user ? getUser(db, user.id) : undefined;
}

export interface EntitySummary {
  id: string;
  parentId: string | null;
  name: string;
  kind: EntityKind;
  headcount: number | null;
}

export async function listEntities(db: Db): Promise<EntitySummary[]> {
  const rows = await db
    .select({ id: entities.id, parentId: entities.parentId, name: entities.name, kind: entities.kind, headcount: entities.headcount })
    .from(entities);
  return rows.map((row) => ({ ...row, kind: row.kind as EntityKind }));
}

/** The tree in reading order with depths, for indented lists and select options. */
export async function entityOutline(db: Db): Promise<{ entity: EntitySummary; depth: number }[]> {
  return flattenTree(buildEntityTree(await listEntities(db)));
}

export async function getEntity(db: Db, entityId: string): Promise<(EntitySummary & { children: number; roleHolders: number }) | undefined> {
  const [entity] = await db.select().from(entities).where(eq(entities.id, entityId));
  if (!entity) return undefined;
  const [children] = await db.select({ n: count() }).from(entities).where(eq(entities.parentId, entityId));
  const [holders] = await db.select({ n: count() }).from(userRoles).where(eq(userRoles.entityId, entityId));
  return {
    id: entity.id,
    parentId: entity.parentId,
    name: entity.name,
    kind: entity.kind as EntityKind,
    headcount: entity.headcount,
    children: Number(children?.n ?? 0),
    roleHolders: Number(holders?.n ?? 0),
  };
}

/** Finds an entity by its id or by its exact name (ignoring case), as an operator types it on the command line. */
export async function resolveEntity(db: Db, reference: string): Promise<Outcome<{ entity: EntitySummary }, 'not_found' | 'ambiguous'>> {
  const all = await listEntities(db);
  const wanted = reference.trim();
  const byId = isRecordId(wanted) ? all.find((e) => e.id === wanted.toLowerCase()) : undefined;
  if (byId) return { ok: true, entity: byId };
  const byName = all.filter((e) => e.name.localeCompare(wanted, 'nl', { sensitivity: 'accent' }) === 0);
  if (byName.length === 1) return { ok: true, entity: byName[0]! };
  return { ok: false, reason: byName.length > 1 ? 'ambiguous' : 'not_found' };
}

export interface HandlerFunctionSummary {
  code: string;
  labels: Record<string, string>;
}

export async function listHandlerFunctions(db: Db): Promise<HandlerFunctionSummary[]> {
  return db.select({ code: handlerFunctions.code, labels: handlerFunctions.labels }).from(handlerFunctions).orderBy(asc(handlerFunctions.sortOrder), asc(handlerFunctions.code));
}

/** A handler function's name in the reader's language, falling back to Dutch and then to its code. */
export function handlerFunctionLabel(labels: Record<string, string> | undefined, lang: Language, code: string): string {
  return labels?.[lang] || labels?.nl || code;
}

export interface AdminCounts {
  activeUsers: number;
  disabledUsers: number;
  entities: number;
  handlerFunctions: number;
  auditEvents: number;
}

export async function adminCounts(db: Db): Promise<AdminCounts> {
  const [active] = await db.select({ n: count() }).from(users).where(isNull(users.disabledAt));
  const [disabled] = await db.select({ n: count() }).from(users).where(isNotNull(users.disabledAt));
  const [entityCount] = await db.select({ n: count() }).from(entities);
  const [functionCount] = await db.select({ n: count() }).from(handlerFunctions);
  // The chain's last sequence number is the number of events, without counting a table that only grows.
  const [audit] = await db.select({ n: sql<number | null>`max(${auditLog.seq})` }).from(auditLog);
  return {
    activeUsers: Number(active?.n ?? 0),
    disabledUsers: Number(disabled?.n ?? 0),
    entities: Number(entityCount?.n ?? 0),
    handlerFunctions: Number(functionCount?.n ?? 0),
    auditEvents: Number(audit?.n ?? 0),
  };
}
