/**
 * The shape every feature's policy.ts shares: who is asking (an actor, or nobody at a public page), and a
 * decision with a short machine reason the audit trail, the tests and the error pages can use.
 */
import type { FastifyRequest } from 'fastify';
import { HttpError } from '../http/errors.tsx';
import type { Role, RoleGrant } from './roles.ts';

export interface Actor {
  userId: string;
  grants: readonly RoleGrant[];
}

export interface Decision<Why extends string = string> {
  allowed: boolean;
  why: Why;
}

export const allow = <Why extends string>(why: Why): Decision<Why> => ({ allowed: true, why });
export const refuse = <Why extends string>(why: Why): Decision<Why> => ({ allowed: false, why });

export const holds = (actor: Actor | undefined, role: Role): boolean => actor?.grants.some((g) => g.role === role) ?? false;

/** The entities an actor is an integrity actor of (role entity_actor), each once. */
export const actorEntities = (actor: Actor | undefined): string[] => [
  ...new Set((actor?.grants ?? []).filter((g) => g.role === 'entity_actor' && g.entityId).map((g) => g.entityId!)),
];

/** The signed-in user as a policy sees them; undefined before sign-in is complete. */
export function actorOf(request: FastifyRequest): Actor | undefined {
  const auth = request.auth;
  return auth?.stage === 'complete' ? { userId: auth.user.id, grants: auth.roles } : undefined;
}

/** Ends the request with 403 (or the given status, say 404 where existence must not leak) unless allowed. */
export function enforce<Why extends string>(decision: Decision<Why>, status: 403 | 404 = 403): void {
  if (!decision.allowed) throw new HttpError(status);
}
