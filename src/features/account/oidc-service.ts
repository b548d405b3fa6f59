/** Single sign-on accounts: the sign-ins under way, finding or linking the account of a provider's subject, and the unlock passphrase. */
import crypto from 'node:crypto';
import { and, eq, isNull, lt } from 'drizzle-orm';
import { randomNonce, randomPKCECodeVerifier, randomState } from 'openid-client';
import type { Db } from '../../platform/db/client.ts';
import { oidcLogins, userKeys, userRoles, users } from '../../platform/db/schema.ts';
import { unsealPrivateKey } from '../../platform/auth/keys.ts';
import { needsKeyPair, type Role, type RoleGrant } from '../../platform/auth/roles.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { completeSignIn } from './service.ts';

/** How long a sign-in at the provider may take before it has to start again. */
export const oidcLoginMinutes = 10;

export const minimumPassphraseLength = 12;

/** What the callback must find again: the values only this server and the starting browser know. */
export interface OidcLoginChecks {
  state: string;
  nonce: string;
  codeVerifier: string;
  next: string;
}

function sha256(value: string): string {
  return crypto.createHash('sha256').update(value).digest('hex');
}

/**
 * Starts a sign-in: fresh state, nonce and PKCE verifier, kept in the database under the hash of a random
 * browser token. The token goes into a cookie, so the callback only completes in the browser that started.
 */
export async function beginOidcLogin(db: Db, next: string): Promise<{ browserToken: string; checks: OidcLoginChecks }> {
  const checks: OidcLoginChecks = { state: randomState(), nonce: randomNonce(), codeVerifier: randomPKCECodeVerifier(), next };
  const browserToken = crypto.randomBytes(32).toString('base64url');
  const now = Date.now();
  // Abandoned attempts are few and small; each new attempt sweeps the expired ones away.
  await db.delete(oidcLogins).where(lt(oidcLogins.expiresAt, new Date(now)));
  await db.insert(oidcLogins).values({ browserTokenHash: sha256(browserToken), ...checks, expiresAt: new Date(now + oidcLoginMinutes * 60_000) });
  return { browserToken, checks };
}

/** The checks of the browser's sign-in under way, usable once; undefined when unknown or expired. */
export async function takeOidcLogin(db: Db, browserToken: string): Promise<OidcLoginChecks | undefined> {
  const [row] = await db.delete(oidcLogins).where(eq(oidcLogins.browserTokenHash, sha256(browserToken))).returning();
  if (!row || row.expiresAt.getTime() <= Date.now()) return undefined;
  return { state: row.state, nonce: row.nonce, codeVerifier: row.codeVerifier, next: row.next };
}

/** Who the provider says signed in. */
export interface OidcIdentity {
  subject: string;
  email: string | undefined;
  emailVerified: boolean;
}

export type OidcSignInResult = { ok: true; userId: string; needsSecondFactor: boolean } | { ok: false; reason: 'unknown' | 'disabled' };

/**
 * Finds the account of the provider's subject. On first use, links the provisioned account with the same
 * address, but only when the provider vouches for the address: administrators provision people, the
 * provider never creates them.
 */
export async function signInWithOidc(db: Db, identity: OidcIdentity): Promise<OidcSignInResult> {
  let [user] = await db.select().from(users).where(eq(users.oidcSubject, identity.subject));
  if (!user) {
    if (!identity.email || !identity.emailVerified) return { ok: false, reason: 'unknown' };
    const [provisioned] = await db
      .select()
      .from(users)
      .where(and(eq(users.email, identity.email.trim().toLowerCase()), isNull(users.oidcSubject)));
    if (!provisioned) return { ok: false, reason: 'unknown' };
    if (provisioned.disabledAt) return { ok: false, reason: 'disabled' };
    const linked = await db.transaction(async (tx) => {
      const rows = await tx
        .update(users)
        .set({ oidcSubject: identity.subject })
        .where(and(eq(users.id, provisioned.id), isNull(users.oidcSubject)))
        .returning({ id: users.id });
      if (rows.length === 0) return false;
      await recordAudit(tx, { actorId: provisioned.id, action: 'user.updated', subjectType: 'user', subjectId: provisioned.id, details: { oidcLinked: true } });
      return true;
    });
    if (!linked) return { ok: false, reason: 'unknown' };
    user = provisioned;
  }
  if (user.disabledAt) return { ok: false, reason: 'disabled' };
  // As with a password, a user with a second factor is only signed in once the code is given.
  const needsSecondFactor = user.totpEnabledAt !== null;
  if (!needsSecondFactor) await completeSignIn(db, user.id, 'oidc');
  return { ok: true, userId: user.id, needsSecondFactor };
}

export async function roleGrants(db: Db, userId: string): Promise<RoleGrant[]> {
  const rows = await db.select().from(userRoles).where(eq(userRoles.userId, userId));
  return rows.map((r) => ({ role: r.role as Role, handlerFunction: r.handlerFunction, actorFunction: r.actorFunction, entityId: r.entityId }));
}

/** Whether the user needs a key pair but has no password to seal it under, so must choose an unlock passphrase. */
export async function needsUnlockPassphrase(db: Db, userId: string): Promise<boolean> {
  const [user] = await db
    .select({ passwordHash: users.passwordHash, keyOwner: userKeys.userId })
    .from(users)
    .leftJoin(userKeys, eq(userKeys.userId, users.id))
    .where(eq(users.id, userId));
  if (!user || user.passwordHash !== null || user.keyOwner !== null) return false;
  return needsKeyPair(await roleGrants(db, userId));
}

/** The user's private key, unsealed with their password or unlock passphrase; undefined when the secret is wrong or there is no key. */
export async function unlockPrivateKey(db: Db, userId: string, secret: string): Promise<Uint8Array | undefined> {
  const [keys] = await db.select().from(userKeys).where(eq(userKeys.userId, userId));
  if (!keys) return undefined;
  return unsealPrivateKey(userId, keys, secret);
}
