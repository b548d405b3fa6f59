/**
 * Signing in to a report with its receipt code, and nothing else. The slow hash runs whether or not the
 * code exists, so the answer and its timing are the same. The case key is then kept wrapped under a key
 * that lives only in the reporter's cookie.
 */
import crypto from 'node:crypto';
import { and, eq, gt, isNull, lt } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { decryptForCase, encryptForCase, openDataKey, type DataKey } from '../../platform/crypto/envelope.ts';
import { deriveReceiptKeys, normaliseReceiptCode } from '../../platform/crypto/receipt.ts';
import { caseKeySeals, cases } from '../case-record/service.ts';
import { receiptSessions } from './schema.ts';
import type { ReportingSecrets } from '../case-record/service.ts';

export const receiptCookie = 'ib_receipt';
/** A reporter reading and writing on a shared computer: short, and renewed while in use. */
export const receiptSessionIdleMs = 20 * 60_000;

export interface ReceiptSession {
  caseId: string;
  dataKey: DataKey;
  tokenHash: string;
}

function hash(token: Buffer): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

/** Returns the cookie value for a valid code, or undefined; callers answer both the same way. */
export async function openReceiptSession(db: Db, secrets: ReportingSecrets, input: string): Promise<string | undefined> {
  // Hash even a malformed code, so a wrong format takes as long as a wrong code.
  const digits = normaliseReceiptCode(input) ?? '0000000000000000';
  const keys = await deriveReceiptKeys(digits, secrets.receiptSalt);
  if (!normaliseReceiptCode(input)) return undefined;
  const [found] = await db
    .select({ caseId: cases.id, sealedKey: caseKeySeals.sealedKey })
    .from(cases)
    .innerJoin(caseKeySeals, and(eq(caseKeySeals.caseId, cases.id), isNull(caseKeySeals.userId)))
    .where(eq(cases.receiptLookupHash, keys.lookupHash));
  if (!found) return undefined;
  const dataKey = openDataKey(found.sealedKey, keys.publicKey, keys.privateKey);
  if (!dataKey) return undefined;
  const token = crypto.randomBytes(32);
  const wrapKey = crypto.randomBytes(32) as unknown as DataKey;
  await db.insert(receiptSessions).values({
    tokenHash: hash(token),
    caseId: found.caseId,
    wrappedDataKey: encryptForCase(wrapKey, found.caseId, 'receipt-session', dataKey),
    expiresAt: new Date(Date.now() + receiptSessionIdleMs),
  });
  return Buffer.concat([token, wrapKey]).toString('base64url');
}

export async function loadReceiptSession(db: Db, cookie: string | undefined): Promise<ReceiptSession | undefined> {
  if (!cookie) return undefined;
  const raw = Buffer.from(cookie, 'base64url');
  if (raw.length !== 64) return undefined;
  const tokenHash = hash(raw.subarray(0, 32));
  const [row] = await db
    .select()
    .from(receiptSessions)
    .where(and(eq(receiptSessions.tokenHash, tokenHash), gt(receiptSessions.expiresAt, new Date())));
  if (!row) return undefined;
  try {
    const dataKey = decryptForCase(raw.subarray(32) as unknown as DataKey, row.caseId, 'receipt-session', row.wrappedDataKey) as DataKey;
    await db.update(receiptSessions).set({ expiresAt: new Date(Date.now() + receiptSessionIdleMs) }).where(eq(receiptSessions.tokenHash, tokenHash));
    return { caseId: row.caseId, dataKey, tokenHash };
  } catch {
    return undefined;
  }
}

export async function closeReceiptSession(db: Db, tokenHash: string): Promise<void> {
  await db.delete(receiptSessions).where(eq(receiptSessions.tokenHash, tokenHash));
}

export async function purgeExpiredReceiptSessions(db: Db, now = new Date()): Promise<number> {
  const deleted = await db.delete(receiptSessions).where(lt(receiptSessions.expiresAt, now)).returning({ tokenHash: receiptSessions.tokenHash });
  return deleted.length;
}
