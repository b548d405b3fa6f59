/** Who may work on which entity's risk analysis: the entity's own integrity actors, and the integrity coordinator for every entity. */
import type { RoleGrant } from '../../../platform/auth/roles.ts';

export type EntityScope = { kind: 'all' } | { kind: 'entities'; entityIds: string[] };

export function entityScope(grants: readonly RoleGrant[]): EntityScope {
  if (grants.some((grant) => grant.role === 'integrity_coordinator')) return { kind: 'all' };
  const entityIds = grants.filter((grant) => grant.role === 'entity_actor' && grant.entityId).map((grant) => grant.entityId!);
  return { kind: 'entities', entityIds: [...new Set(entityIds)] };
}

export function mayWorkOn(grants: readonly RoleGrant[], entityId: string): boolean {
  const scope = entityScope(grants);
  return scope.kind === 'all' || scope.entityIds.includes(entityId);
}

/** Only the coordinator changes the model that every entity's analyses start from. */
export function mayManageModel(grants: readonly RoleGrant[]): boolean {
  return grants.some((grant) => grant.role === 'integrity_coordinator');
}
