/** The roles of the product and the functions they carry. */
export const roles = ['administrator', 'integrity_coordinator', 'case_handler', 'bureau_member', 'entity_actor'] as const;
export type Role = (typeof roles)[number];

/** Functions of an entity's integrity actor (fixed by the product). */
export const actorFunctions = ['contact_person_integrity', 'hr', 'diversity_officer', 'manager'] as const;
export type ActorFunction = (typeof actorFunctions)[number];

export interface RoleGrant {
  role: Role;
  handlerFunction: string | null;
  actorFunction: string | null;
  entityId: string | null;
}

/** Roles that can read cases, and administrators, must use a second factor. */
export function requiresSecondFactor(grants: readonly RoleGrant[]): boolean {
  return grants.some((grant) => grant.role !== 'entity_actor' && grant.role !== 'bureau_member');
}

/** Roles that need a key pair so case data keys can be sealed to them. */
export function needsKeyPair(grants: readonly RoleGrant[]): boolean {
  return grants.some((grant) => grant.role === 'case_handler' || grant.role === 'integrity_coordinator');
}
