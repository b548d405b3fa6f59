/**
 * Who may do what in the administrators' back office (docs/architecture.md, admin/): administrators run
 * the system — users, roles, entities, handler functions, the reporting point's routing and settings, the
 * audit trail — and nobody else opens it. An administrator never locks themselves out: they do not
 * disable their own account, reset their own password or second factor here (the account pages do that,
 * with their current secret), nor revoke their own administrator role.
 */
import { allow, holds, refuse, type Actor, type Decision } from '../../platform/auth/policy.ts';
import type { Role } from '../../platform/auth/roles.ts';

export const adminActions = ['administer', 'disable_user', 'reset_password', 'reset_two_factor', 'revoke_role'] as const;
export type AdminAction = (typeof adminActions)[number];

/** The user an action on an account concerns, and for revoking, the role revoked. */
export interface AccountSubject {
  userId: string;
  role?: Role;
}

export type Why =
  // allowed
  | 'administrator'
  // refused
  | 'not_signed_in'
  | 'not_administrator'
  | 'own_account'
  | 'own_administrator_role';

/** May `actor` do `action`, on the account `subject` where it concerns one? */
export function can(actor: Actor | undefined, action: AdminAction, subject?: AccountSubject): Decision<Why> {
  if (!actor) return refuse('not_signed_in');
  if (!holds(actor, 'administrator')) return refuse('not_administrator');
  switch (action) {
    case 'administer':
      return allow('administrator');
    case 'disable_user':
    case 'reset_password':
    case 'reset_two_factor':
      return subject?.userId === actor.userId ? refuse('own_account') : allow('administrator');
    case 'revoke_role':
      // The last way back in would go with it; another administrator revokes it if it must go.
      return subject?.userId === actor.userId && subject.role === 'administrator' ? refuse('own_administrator_role') : allow('administrator');
    default:
      return assertNever(action);
  }
}

/** What a user's page may offer the administrator looking at it. */
export interface AccountActions {
  disable: boolean;
  resetPassword: boolean;
  resetTwoFactor: boolean;
  /** Whether the given role of this user may be revoked here. */
  revoke: (role: Role) => boolean;
}

export function accountActions(actor: Actor | undefined, userId: string): AccountActions {
  return {
    disable: can(actor, 'disable_user', { userId }).allowed,
    resetPassword: can(actor, 'reset_password', { userId }).allowed,
    resetTwoFactor: can(actor, 'reset_two_factor', { userId }).allowed,
    revoke: (role) => can(actor, 'revoke_role', { userId, role }).allowed,
  };
}

function assertNever(value: never): never {
  throw new Error(`Unexpected admin action: ${String(value)}`);
}
