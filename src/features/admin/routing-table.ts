/** What the routing page reads: the rules with their handlers (and whether those can receive reports), and who may be a handler. */
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { entities, userKeys, userRoles, users } from '../../platform/db/schema.ts';
import type { Role } from '../../platform/auth/roles.ts';
import { routingRuleHandlers, routingRules } from '../case-record/service.ts';
import { handlerRoles } from './commands/routing.ts';

export interface HandlerChoice {
  id: string;
  displayName: string;
  email: string;
  /** The grants that make them a handler: the role, and for a case handler their function's code. */
  grants: { role: Role; handlerFunction: string | null }[];
  /** A key pair is made at the first sign-in; until then no case key can be sealed to them. */
  hasKeyPair: boolean;
}

export interface RuleHandler extends HandlerChoice {
  /** False when they were disabled or lost their handler role after being put on the rule. */
  canHandle: boolean;
}

export interface RoutingRuleRow {
  id: string;
  theme: string | null;
  entityId: string | null;
  entityName: string | null;
  handlers: RuleHandler[];
}

export const isDefaultGroup = (rule: { theme: string | null; entityId: string | null }) => rule.theme === null && rule.entityId === null;

async function describeUsers(db: Db, userIds: string[]): Promise<Map<string, HandlerChoice & { disabled: boolean }>> {
  const described = new Map<string, HandlerChoice & { disabled: boolean }>();
  if (userIds.length === 0) return described;
  const rows = await db
    .select({ id: users.id, displayName: users.displayName, email: users.email, disabledAt: users.disabledAt, keyOwner: userKeys.userId })
    .from(users)
    .leftJoin(userKeys, eq(userKeys.userId, users.id))
    .where(inArray(users.id, userIds));
  for (const row of rows) {
    described.set(row.id, { id: row.id, displayName: row.displayName, email: row.email, grants: [], hasKeyPair: row.keyOwner !== null, disabled: row.disabledAt !== null });
  }
  const grants = await db
    .select({ userId: userRoles.userId, role: userRoles.role, handlerFunction: userRoles.handlerFunction })
    .from(userRoles)
    .where(and(inArray(userRoles.userId, userIds), inArray(userRoles.role, [...handlerRoles])))
    .orderBy(asc(userRoles.role), asc(userRoles.handlerFunction));
  for (const grant of grants) described.get(grant.userId)?.grants.push({ role: grant.role as Role, handlerFunction: grant.handlerFunction });
  return described;
}

/** Active users with the case-handler or integrity-coordinator role, by name: the handlers a rule may name. */
export async function listHandlerChoices(db: Db): Promise<HandlerChoice[]> {
  const holders = await db
    .selectDistinct({ id: userRoles.userId })
    .from(userRoles)
    .innerJoin(users, eq(users.id, userRoles.userId))
    .where(and(inArray(userRoles.role, [...handlerRoles]), isNull(users.disabledAt)));
  const described = await describeUsers(
    db,
    holders.map((h) => h.id),
  );
  return [...described.values()]
    .map(({ disabled: _disabled, ...choice }) => choice)
    .sort((a, b) => a.displayName.localeCompare(b.displayName, 'nl') || a.email.localeCompare(b.email));
}

/** Every rule with its handlers; the default group first, then by theme and entity. */
export async function listRoutingRules(db: Db): Promise<RoutingRuleRow[]> {
  const rules = await db
    .select({ id: routingRules.id, theme: routingRules.theme, entityId: routingRules.entityId, entityName: entities.name })
    .from(routingRules)
    .leftJoin(entities, eq(entities.id, routingRules.entityId));
  const links = rules.length === 0 ? [] : await db.select().from(routingRuleHandlers).where(inArray(routingRuleHandlers.ruleId, rules.map((r) => r.id)));
  const people = await describeUsers(db, [...new Set(links.map((l) => l.userId))]);
  const rows = rules.map((rule): RoutingRuleRow => {
    const handlers = links
      .filter((link) => link.ruleId === rule.id)
      .flatMap((link) => {
        const person = people.get(link.userId);
        if (!person) return [];
        const { disabled, ...choice } = person;
        return [{ ...choice, canHandle: !disabled && choice.grants.length > 0 }];
      })
      .sort((a, b) => a.displayName.localeCompare(b.displayName, 'nl'));
    return { ...rule, handlers };
  });
  return rows.sort(
    (a, b) =>
      Number(!isDefaultGroup(a)) - Number(!isDefaultGroup(b)) ||
      (a.theme ?? '').localeCompare(b.theme ?? '') ||
      (a.entityName ?? '').localeCompare(b.entityName ?? '', 'nl'),
  );
}

export async function getRoutingRule(db: Db, ruleId: string): Promise<RoutingRuleRow | undefined> {
  return (await listRoutingRules(db)).find((rule) => rule.id === ruleId);
}
