/**
 * Routing: which handlers a report goes to, from the administrator's table of (theme, entity) rules.
 * The most specific rule wins: theme and entity, then theme alone, then entity alone, then the default
 * group. An entity rule also covers the entities below it; the nearest one counts.
 */
// The table lives here, not in admin (which edits it through service.ts): the reporting point resolves recipients and may not import the back office.
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { entities, userKeys, userRoles, users } from '../../platform/db/schema.ts';
import { routingRuleHandlers, routingRules } from './schema.ts';

export interface RoutingRule {
  theme: string | null;
  entityId: string | null;
  handlerIds: string[];
}

/**
 * @param entityPath the reported entity first, then its parent, up to the root (empty when none was chosen)
 */
export function routeReport(rules: RoutingRule[], theme: string, entityPath: string[]): RoutingRule | undefined {
  const depth = (rule: RoutingRule) => (rule.entityId === null ? Infinity : entityPath.indexOf(rule.entityId));
  const candidates = rules.filter((rule) => (rule.theme === null || rule.theme === theme) && (rule.entityId === null || depth(rule) >= 0));
  const rank = (rule: RoutingRule) => [rule.theme !== null && rule.entityId !== null ? 0 : rule.theme !== null ? 1 : rule.entityId !== null ? 2 : 3, depth(rule)] as const;
  return candidates.sort((a, b) => {
    const [ra, da] = rank(a);
    const [rb, db] = rank(b);
    return ra - rb || da - db;
  })[0];
}

function entityPath(all: { id: string; parentId: string | null }[], entityId: string | null): string[] {
  const byId = new Map(all.map((e) => [e.id, e]));
  const path: string[] = [];
  for (let id = entityId; id && !path.includes(id); id = byId.get(id)?.parentId ?? null) path.push(id);
  return path;
}

/** The routed handlers who can receive a sealed key; without any, the integrity coordinators, so nothing is lost. */
export async function recipients(db: Db, theme: string, entityId: string | null): Promise<{ userId: string; publicKey: Uint8Array }[]> {
  const [rules, links, tree] = await Promise.all([
    db.select().from(routingRules),
    db.select().from(routingRuleHandlers),
    db.select({ id: entities.id, parentId: entities.parentId }).from(entities),
  ]);
  const rule = routeReport(
    rules.map((r) => ({ theme: r.theme, entityId: r.entityId, handlerIds: links.filter((l) => l.ruleId === r.id).map((l) => l.userId) })),
    theme,
    entityPath(tree, entityId),
  );
  const withKeys = (ids: string[]) =>
    ids.length === 0
      ? Promise.resolve([])
      : db
          .select({ userId: userKeys.userId, publicKey: userKeys.publicKey })
          .from(userKeys)
          .innerJoin(users, eq(users.id, userKeys.userId))
          .where(and(inArray(userKeys.userId, ids), isNull(users.disabledAt)));
  const routed = await withKeys(rule?.handlerIds ?? []);
  if (routed.length > 0) return routed;
  const coordinators = await db.select({ userId: userRoles.userId }).from(userRoles).where(eq(userRoles.role, 'integrity_coordinator'));
  return withKeys(coordinators.map((c) => c.userId));
}
