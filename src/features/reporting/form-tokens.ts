/**
 * Form tokens for the reporting point, which sets no cookie before a receipt sign-in: each form carries
 * a random nonce, its expiry and a MAC over both. A token is accepted once, so a replayed form is
 * refused; a forged one fails the MAC.
 */
import crypto from 'node:crypto';
import { lt } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { usedFormTokens } from './schema.ts';

/** Long enough for someone who hesitates over every sentence. */
export const formTokenLifetimeMs = 4 * 3_600_000;

function mac(key: Uint8Array, purpose: string, nonce: string, expires: number): string {
  return crypto.createHmac('sha256', key).update(`${purpose}\n${nonce}\n${expires}`).digest('base64url');
}

export function issueFormToken(key: Uint8Array, purpose: string, now = Date.now()): string {
  const nonce = crypto.randomBytes(18).toString('base64url');
  const expires = now + formTokenLifetimeMs;
  return `${nonce}.${expires}.${mac(key, purpose, nonce, expires)}`;
}

export type FormTokenCheck = 'ok' | 'invalid' | 'expired' | 'replayed';

/** Checks the MAC and the expiry without using the token up (to refuse a forged upload before storing anything). */
export function checkFormToken(key: Uint8Array, purpose: string, token: unknown, now = Date.now()): 'ok' | 'invalid' | 'expired' {
  if (typeof token !== 'string') return 'invalid';
  const [nonce, expiresText, signature] = token.split('.');
  const expires = Number(expiresText);
  if (!nonce || !signature || !Number.isSafeInteger(expires)) return 'invalid';
  const expected = Buffer.from(mac(key, purpose, nonce, expires));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) return 'invalid';
  return expires < now ? 'expired' : 'ok';
}

/** Checks the token and marks it used; the mark is part of the caller's transaction when db is one. */
export async function consumeFormToken(db: Db, key: Uint8Array, purpose: string, token: unknown, now = Date.now()): Promise<FormTokenCheck> {
  const check = checkFormToken(key, purpose, token, now);
  if (check !== 'ok') return check;
  const [nonce = '', expiresText] = (token as string).split('.');
  const nonceHash = crypto.createHash('sha256').update(nonce).digest('hex');
  // Stored to the next hour only: the exact expiry would tell when the form was opened.
  const keepUntil = Math.ceil(Number(expiresText) / 3_600_000) * 3_600_000;
  const inserted = await db
    .insert(usedFormTokens)
    .values({ nonceHash, expiresAt: new Date(keepUntil) })
    .onConflictDoNothing()
    .returning({ nonceHash: usedFormTokens.nonceHash });
  return inserted.length === 1 ? 'ok' : 'replayed';
}

/** Used tokens need only be remembered until they would have expired anyway. */
export async function purgeUsedFormTokens(db: Db, now = new Date()): Promise<number> {
  const deleted = await db.delete(usedFormTokens).where(lt(usedFormTokens.expiresAt, now)).returning({ nonceHash: usedFormTokens.nonceHash });
  return deleted.length;
}
