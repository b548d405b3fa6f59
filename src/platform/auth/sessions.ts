/**
 * Server-side sessions. The cookie carries a random token; the database keeps only its SHA-256, so a
 * leaked table cannot be replayed. Sessions end after an idle period and at an absolute limit.
 */
import crypto from 'node:crypto';
import { and, eq, lt, or } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Db } from '../db/client.ts';
import { sessions, userKeys, userRoles, users } from '../db/schema.ts';
import type { Role, RoleGrant } from './roles.ts';

export const sessionCookie = 'ib_session';

export type SessionStage = 'password' | 'complete';

export interface AuthState {
  tokenHash: string;
  stage: SessionStage;
  user: {
    id: string;
    email: string;
    displayName: string;
    language: string;
    totpEnabled: boolean;
    mustChangePassword: boolean;
    /** False for accounts that only sign in through OIDC. */
    hasPassword: boolean;
    /** Whether a sealed key pair exists (roles that read cases need one). */
    hasKeyPair: boolean;
  };
  roles: RoleGrant[];
}

declare module 'fastify' {
  interface FastifyRequest {
    auth: AuthState | undefined;
  }
}

export interface SessionPolicy {
  idleMs: number;
  absoluteMs: number;
  cookieSecure: boolean;
}

function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

export async function createSession(db: Db, userId: string, stage: SessionStage, policy: SessionPolicy): Promise<string> {
  const token = crypto.randomBytes(32).toString('base64url');
  await db.insert(sessions).values({
    tokenHash: hashToken(token),
    userId,
    stage,
    expiresAt: new Date(Date.now() + policy.absoluteMs),
  });
  return token;
}

export function setSessionCookie(reply: FastifyReply, token: string, policy: SessionPolicy): void {
  reply.setCookie(sessionCookie, token, {
    path: '/',
    httpOnly: true,
    secure: policy.cookieSecure,
    sameSite: 'lax',
    maxAge: Math.floor(policy.absoluteMs / 1000),
  });
}

export function clearSessionCookie(reply: FastifyReply, policy: SessionPolicy): void {
  reply.clearCookie(sessionCookie, { path: '/', httpOnly: true, secure: policy.cookieSecure, sameSite: 'lax' });
}

export async function destroySession(db: Db, tokenHash: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

export async function destroyAllSessions(db: Db, userId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}

/** Removes sessions past their idle or absolute limit; run by the periodic cleanup job. */
export async function purgeExpiredSessions(db: Db, idleMs: number): Promise<number> {
  const now = new Date();
  const deleted = await db
    .delete(sessions)
    .where(or(lt(sessions.expiresAt, now), lt(sessions.lastSeenAt, new Date(now.getTime() - idleMs))))
    .returning({ tokenHash: sessions.tokenHash });
  return deleted.length;
}

export async function loadSession(db: Db, token: string, idleMs: number): Promise<AuthState | undefined> {
  const tokenHash = hashToken(token);
  const [row] = await db
    .select({ session: sessions, user: users, keyOwner: userKeys.userId })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(userKeys, eq(userKeys.userId, users.id))
    .where(eq(sessions.tokenHash, tokenHash));
  if (!row) return undefined;
  const now = Date.now();
  const expired = row.session.expiresAt.getTime() <= now || row.session.lastSeenAt.getTime() + idleMs <= now;
  if (expired || row.user.disabledAt) {
    await destroySession(db, tokenHash);
    return undefined;
  }
  // Touch at most once a minute, so reading pages does not write on every request.
  if (now - row.session.lastSeenAt.getTime() > 60_000) {
    await db.update(sessions).set({ lastSeenAt: new Date(now) }).where(and(eq(sessions.tokenHash, tokenHash)));
  }
  const grants = await db.select().from(userRoles).where(eq(userRoles.userId, row.user.id));
  return {
    tokenHash,
    stage: row.session.stage as SessionStage,
    user: {
      id: row.user.id,
      email: row.user.email,
      displayName: row.user.displayName,
      language: row.user.language,
      totpEnabled: row.user.totpEnabledAt !== null,
      mustChangePassword: row.user.mustChangePassword,
      hasPassword: row.user.passwordHash !== null,
      hasKeyPair: row.keyOwner !== null,
    },
    roles: grants.map((g) => ({ role: g.role as Role, handlerFunction: g.handlerFunction, actorFunction: g.actorFunction, entityId: g.entityId })),
  };
}

/** Reads the session cookie on every request and sets request.auth. */
export function registerSessions(app: FastifyInstance, db: Db, policy: SessionPolicy): void {
  app.decorateRequest('auth', undefined);
  app.addHook('onRequest', async (request, reply) => {
    const token = request.cookies[sessionCookie];
    if (!token) return;
    request.auth = await loadSession(db, token, policy.idleMs);
    if (!request.auth) clearSessionCookie(reply, policy);
  });
}
