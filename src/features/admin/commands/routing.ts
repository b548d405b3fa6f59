/** Commands on the routing table: which handlers receive a report of a theme about an entity (create, change handlers, delete). */
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { entities, userRoles, users } from '../../../platform/db/schema.ts';
import { recordAudit } from '../../../platform/audit/audit.ts';
import { loadTaxonomy, routingRuleHandlers, routingRules } from '../../case-record/service.ts';
import { isUniqueViolation, type Outcome } from './outcome.ts';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** Only these roles handle reports; anyone else holding a case key would be a leak. */
export const handlerRoles = ['case_handler', 'integrity_coordinator'] as const;

export interface NewRoutingRule {
  /** Null: any theme. */
  theme: string | null;
  /** Null: any entity. */
  entityId: string | null;
  handlerIds: string[];
}

type HandlerProblem = 'no_handlers' | 'not_a_handler';

/** The reason when one of `handlerIds` is not an active case handler or integrity coordinator, or none were given. */
async function checkHandlers(tx: Tx, handlerIds: string[]): Promise<HandlerProblem | undefined> {
  if (handlerIds.length === 0) return 'no_handlers';
  const rows = await tx
    .selectDistinct({ userId: userRoles.userId })
    .from(userRoles)
    .innerJoin(users, eq(users.id, userRoles.userId))
    .where(and(inArray(userRoles.userId, handlerIds), inArray(userRoles.role, [...handlerRoles]), isNull(users.disabledAt)));
  return rows.length === new Set(handlerIds).size ? undefined : 'not_a_handler';
}

export type CreateRoutingRuleResult = Outcome<{ ruleId: string }, 'duplicate' | 'unknown_theme' | 'unknown_entity' | HandlerProblem>;

export async function createRoutingRule(db: Db, actorId: string | null, input: NewRoutingRule): Promise<CreateRoutingRuleResult> {
  const handlerIds = [...new Set(input.handlerIds)];
  if (input.theme !== null) {
    const taxonomy = await loadTaxonomy(db);
    if (!taxonomy.themes.some((theme) => theme.code === input.theme)) return { ok: false, reason: 'unknown_theme' };
  }
  try {
    return await db.transaction(async (tx): Promise<CreateRoutingRuleResult> => {
      if (input.entityId !== null) {
        const [entity] = await tx.select({ id: entities.id }).from(entities).where(eq(entities.id, input.entityId));
        if (!entity) return { ok: false, reason: 'unknown_entity' };
      }
      const problem = await checkHandlers(tx, handlerIds);
      if (problem) return { ok: false, reason: problem };
      const [existing] = await tx
        .select({ id: routingRules.id })
        .from(routingRules)
        .where(and(sql`coalesce(${routingRules.theme}, '') = ${input.theme ?? ''}`, sql`coalesce(${routingRules.entityId}::text, '') = ${input.entityId ?? ''}`));
      if (existing) return { ok: false, reason: 'duplicate' };
      const [rule] = await tx.insert(routingRules).values({ theme: input.theme, entityId: input.entityId }).returning({ id: routingRules.id });
      if (!rule) throw new Error('routing rule insert returned nothing');
      await tx.insert(routingRuleHandlers).values(handlerIds.map((userId) => ({ ruleId: rule.id, userId })));
      await recordAudit(tx, {
        actorId,
        action: 'routing.rule_created',
        subjectType: 'routing_rule',
        subjectId: rule.id,
        details: { theme: input.theme, entityId: input.entityId, handlerIds },
      });
      return { ok: true, ruleId: rule.id };
    });
  } catch (error) {
    // Two administrators adding the same rule at once: the unique index decides.
    if (isUniqueViolation(error)) return { ok: false, reason: 'duplicate' };
    throw error;
  }
}

export type UpdateRuleHandlersResult = Outcome<object, 'not_found' | HandlerProblem>;

/** Replaces a rule's handlers; the trail records who was added and who removed. */
export async function updateRuleHandlers(db: Db, actorId: string | null, ruleId: string, handlerIds: string[]): Promise<UpdateRuleHandlersResult> {
  const wanted = [...new Set(handlerIds)];
  return db.transaction(async (tx): Promise<UpdateRuleHandlersResult> => {
    const [rule] = await tx.select({ id: routingRules.id }).from(routingRules).where(eq(routingRules.id, ruleId)).for('update');
    if (!rule) return { ok: false, reason: 'not_found' };
    const current = (await tx.select({ userId: routingRuleHandlers.userId }).from(routingRuleHandlers).where(eq(routingRuleHandlers.ruleId, ruleId))).map((r) => r.userId);
    const added = wanted.filter((id) => !current.includes(id));
    const removed = current.filter((id) => !wanted.includes(id));
    if (wanted.length === 0) return { ok: false, reason: 'no_handlers' };
    // Handlers already on the rule may stay even if their role changed since; only newcomers must qualify.
    if (added.length > 0) {
      const problem = await checkHandlers(tx, added);
      if (problem) return { ok: false, reason: problem };
    }
    if (added.length === 0 && removed.length === 0) return { ok: true };
    if (removed.length > 0) await tx.delete(routingRuleHandlers).where(and(eq(routingRuleHandlers.ruleId, ruleId), inArray(routingRuleHandlers.userId, removed)));
    if (added.length > 0) await tx.insert(routingRuleHandlers).values(added.map((userId) => ({ ruleId, userId })));
    await recordAudit(tx, { actorId, action: 'routing.rule_updated', subjectType: 'routing_rule', subjectId: ruleId, details: { added, removed } });
    return { ok: true };
  });
}

export type DeleteRoutingRuleResult = Outcome<object, 'not_found'>;

export async function deleteRoutingRule(db: Db, actorId: string | null, ruleId: string): Promise<DeleteRoutingRuleResult> {
  return db.transaction(async (tx): Promise<DeleteRoutingRuleResult> => {
    const [rule] = await tx.select().from(routingRules).where(eq(routingRules.id, ruleId)).for('update');
    if (!rule) return { ok: false, reason: 'not_found' };
    const handlerIds = (await tx.select({ userId: routingRuleHandlers.userId }).from(routingRuleHandlers).where(eq(routingRuleHandlers.ruleId, ruleId))).map((r) => r.userId);
    // The handler rows go with the rule (on delete cascade).
    await tx.delete(routingRules).where(eq(routingRules.id, ruleId));
    await recordAudit(tx, {
      actorId,
      action: 'routing.rule_deleted',
      subjectType: 'routing_rule',
      subjectId: ruleId,
      details: { theme: rule.theme, entityId: rule.entityId, handlerIds },
    });
    return { ok: true };
  });
}
