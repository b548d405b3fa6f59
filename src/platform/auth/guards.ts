/** Route guards: who must be signed in, with which role, and what must be finished first. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { HttpError } from '../http/errors.tsx';
import { requiresSecondFactor, type Role } from './roles.ts';

/** Paths a signed-in user may still visit while their account set-up is unfinished. */
const setUpPaths = ['/account/two-factor', '/account/password', '/sign-out'];

export async function requireSignedIn(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const auth = request.auth;
  if (!auth || auth.stage !== 'complete') {
    if (request.method === 'GET') {
      const next = encodeURIComponent(request.url);
      return reply.redirect(`/sign-in?next=${next}`, 303);
    }
    throw new HttpError(403);
  }
  const path = request.url.split('?')[0] ?? '';
  if (setUpPaths.some((p) => path.startsWith(p))) return;
  if (auth.user.mustChangePassword) return reply.redirect('/account/password', 303);
  if (!auth.user.totpEnabled && requiresSecondFactor(auth.roles)) return reply.redirect('/account/two-factor', 303);
}

export function requireRole(...allowed: Role[]) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    await requireSignedIn(request, reply);
    if (reply.sent) return;
    if (!request.auth?.roles.some((grant) => allowed.includes(grant.role))) throw new HttpError(403);
  };
}
