/** Who may do what with an entity's self-assessment: the entity's integrity actors and the integrity coordinator facilitate; administrators manage models. */
import type { RoleGrant } from '../../platform/auth/roles.ts';

/** May lead (start, invite, consensus, report, action plan) an assessment of this entity. */
export function canFacilitate(grants: readonly RoleGrant[], entityId: string): boolean {
  return grants.some((g) => g.role === 'integrity_coordinator' || (g.role === 'entity_actor' && g.entityId === entityId));
}

/** The entities this user may start an assessment for; 'all' for the integrity coordinator. */
export function facilitatedEntities(grants: readonly RoleGrant[]): 'all' | string[] {
  if (grants.some((g) => g.role === 'integrity_coordinator')) return 'all';
  return [...new Set(grants.filter((g) => g.role === 'entity_actor' && g.entityId).map((g) => g.entityId!))];
}

export function canManageModels(grants: readonly RoleGrant[]): boolean {
  return grants.some((g) => g.role === 'administrator');
}
