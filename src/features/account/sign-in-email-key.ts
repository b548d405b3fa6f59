/**
 * The keyed hash under which failed sign-ins of an address without an account are counted: HMAC-SHA-256
 * of the normalised address under a random installation key kept in `settings`, so the table of failures
 * holds no address in clear (docs/security.md, "Sign-in answers").
 */
import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { settings } from '../../platform/db/schema.ts';

const settingKey = 'account.sign_in_email_key';
const keys = new WeakMap<Db, Promise<Buffer>>();

async function loadKey(db: Db): Promise<Buffer> {
  // Two processes starting together both try; the first insert wins and both read it back.
  await db.insert(settings).values({ key: settingKey, value: { key: crypto.randomBytes(32).toString('base64') } }).onConflictDoNothing();
  const [row] = await db.select().from(settings).where(eq(settings.key, settingKey));
  return Buffer.from((row!.value as { key: string }).key, 'base64');
}

export async function signInEmailKey(db: Db, email: string): Promise<string> {
  let key = keys.get(db);
  if (!key) {
    key = loadKey(db);
    keys.set(db, key);
    key.catch(() => keys.delete(db));
  }
  return crypto.createHmac('sha256', await key).update(email.trim().toLowerCase()).digest('base64url');
}
