/**
 * A handler's keys to the case record: unlock the private key for one back-office session (kept wrapped
 * under a key that only the handler's cookie carries) and open a case's data key with it.
 */
import crypto from 'node:crypto';
import { and, eq, gt } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { userKeys } from '../../platform/db/schema.ts';
import { decryptForCase, encryptForCase, openDataKey, type DataKey } from '../../platform/crypto/envelope.ts';
import { unsealPrivateKey } from '../../platform/auth/keys.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { caseKeySeals, unlockedKeys } from './schema.ts';

/**
 * Opens the handler's private key with their password or passphrase and keeps it for this session,
 * wrapped under a key returned for the cookie: the database row alone cannot open it.
 */
export async function unlockKey(db: Db, userId: string, sessionTokenHash: string, sessionExpiresAt: Date, secret: string): Promise<string | undefined> {
  const [keys] = await db.select().from(userKeys).where(eq(userKeys.userId, userId));
  if (!keys) return undefined;
  const privateKey = await unsealPrivateKey(userId, keys, secret);
  if (!privateKey) return undefined;
  const wrapKey = new Uint8Array(crypto.randomBytes(32)) as DataKey;
  await db.transaction(async (tx) => {
    await tx
      .insert(unlockedKeys)
      .values({ sessionTokenHash, userId, wrappedPrivateKey: encryptForCase(wrapKey, userId, 'unlocked-key', privateKey), expiresAt: sessionExpiresAt })
      .onConflictDoUpdate({ target: unlockedKeys.sessionTokenHash, set: { wrappedPrivateKey: encryptForCase(wrapKey, userId, 'unlocked-key', privateKey) } });
    await recordAudit(tx, { actorId: userId, action: 'case.key_unlocked', subjectType: 'user', subjectId: userId });
  });
  return Buffer.from(wrapKey).toString('base64url');
}

export interface HandlerKeys {
  userId: string;
  publicKey: Uint8Array;
  privateKey: Uint8Array;
}

export async function loadUnlockedKeys(db: Db, userId: string, sessionTokenHash: string, cookie: string | undefined): Promise<HandlerKeys | undefined> {
  if (!cookie) return undefined;
  const wrapKey = Buffer.from(cookie, 'base64url');
  if (wrapKey.length !== 32) return undefined;
  const [row] = await db
    .select({ wrapped: unlockedKeys.wrappedPrivateKey, publicKey: userKeys.publicKey })
    .from(unlockedKeys)
    .innerJoin(userKeys, eq(userKeys.userId, unlockedKeys.userId))
    .where(and(eq(unlockedKeys.sessionTokenHash, sessionTokenHash), eq(unlockedKeys.userId, userId), gt(unlockedKeys.expiresAt, new Date())));
  if (!row) return undefined;
  try {
    const privateKey = decryptForCase(new Uint8Array(wrapKey) as DataKey, userId, 'unlocked-key', row.wrapped);
    return { userId, publicKey: row.publicKey, privateKey };
  } catch {
    return undefined;
  }
}

/** The case's data key for this handler, or undefined when it is not sealed to them. */
export async function openCaseKey(db: Db, keys: HandlerKeys, caseId: string): Promise<DataKey | undefined> {
  const [seal] = await db
    .select({ sealedKey: caseKeySeals.sealedKey })
    .from(caseKeySeals)
    .where(and(eq(caseKeySeals.caseId, caseId), eq(caseKeySeals.userId, keys.userId)));
  return seal ? openDataKey(seal.sealedKey, keys.publicKey, keys.privateKey) : undefined;
}
