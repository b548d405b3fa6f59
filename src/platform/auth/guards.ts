/** Route guards: who must be signed in, and what must be finished first; what they may do is each feature's policy.ts. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { HttpError } from '../http/errors.tsx';
import { needsKeyPair, requiresSecondFactor } from './roles.ts';

/** Paths a signed-in user may still visit while their account set-up is unfinished. */
const setUpPaths = ['/account/two-factor', '/account/password', '/account/unlock-passphrase', '/sign-out'];

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
  // Without a password (OIDC only) there is no secret to derive a key from: an unlock passphrase comes first.
  if (needsKeyPair(auth.roles) && !auth.user.hasKeyPair && !auth.user.hasPassword) {
    return reply.redirect('/account/unlock-passphrase', 303);
  }
  if (auth.user.mustChangePassword && auth.user.hasPassword) return reply.redirect('/account/password', 303);
  if (!auth.user.totpEnabled && requiresSecondFactor(auth.roles)) return reply.redirect('/account/two-factor', 303);
}
