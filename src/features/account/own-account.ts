/** The signed-in user's own account as the account policy sees it, and the question put to the policy. */
import type { FastifyRequest } from 'fastify';
import { actorOf } from '../../platform/auth/policy.ts';
import type { AuthState } from '../../platform/auth/sessions.ts';
import type { Db } from '../../platform/db/client.ts';
import { needsUnlockPassphrase } from './oidc-service.ts';
import { can, type AccountAction, type AccountFacts } from './policy.ts';

export async function ownAccount(db: Db, auth: AuthState): Promise<AccountFacts> {
  return {
    userId: auth.user.id,
    hasPassword: auth.user.hasPassword,
    totpEnabled: auth.user.totpEnabled,
    needsUnlockPassphrase: !auth.user.hasPassword && (await needsUnlockPassphrase(db, auth.user.id)),
  };
}

/** May the signed-in user do `action` on their own account? False when nobody is signed in. */
export async function mayOnOwnAccount(db: Db, request: FastifyRequest, action: AccountAction): Promise<boolean> {
  if (!request.auth) return false;
  return can(actorOf(request), action, await ownAccount(db, request.auth)).allowed;
}
