/** A role grant in words: "Case handler — Confidential counsellor", "Entity's integrity actor — HR — Omgeving". */
import { actorFunctions, type ActorFunction } from '../../../platform/auth/roles.ts';
import type { ViewContext } from '../../../ui/context.ts';
import { handlerFunctionLabel, type HandlerFunctionSummary, type RoleSummary } from '../queries.ts';

export function actorFunctionLabel(ctx: ViewContext, actorFunction: string): string {
  // A function the product no longer knows is shown by its code rather than failing the page.
  return (actorFunctions as readonly string[]).includes(actorFunction) ? ctx.t(`actor.${actorFunction as ActorFunction}`) : actorFunction;
}

export function roleLabel(ctx: ViewContext, grant: Omit<RoleSummary, 'grantId'>, functions: readonly HandlerFunctionSummary[]): string {
  const parts = [ctx.t(`role.${grant.role}`)];
  if (grant.handlerFunction) {
    const labels = functions.find((f) => f.code === grant.handlerFunction)?.labels;
    parts.push(handlerFunctionLabel(labels, ctx.lang, grant.handlerFunction));
  }
  if (grant.actorFunction) parts.push(actorFunctionLabel(ctx, grant.actorFunction));
  if (grant.entityName) parts.push(grant.entityName);
  return parts.join(' — ');
}
