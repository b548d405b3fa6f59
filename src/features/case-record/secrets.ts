/** Installation-wide secrets of the case record and the reporting point: the receipt-hash salt and the form-token key, made once. */
import { eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { settings } from '../../platform/db/schema.ts';
import { sodium } from '../../platform/crypto/sodium.ts';

export interface ReportingSecrets {
  receiptSalt: Uint8Array;
  formKey: Uint8Array;
}

const key = 'reporting.secrets';

export async function reportingSecrets(db: Db): Promise<ReportingSecrets> {
  const fresh = { receiptSalt: sodium.to_base64(sodium.randombytes_buf(16)), formKey: sodium.to_base64(sodium.randombytes_buf(32)) };
  // Two processes starting together both try; the first insert wins and both read it back.
  await db.insert(settings).values({ key, value: fresh }).onConflictDoNothing();
  const [row] = await db.select().from(settings).where(eq(settings.key, key));
  const value = row!.value as typeof fresh;
  return { receiptSalt: sodium.from_base64(value.receiptSalt), formKey: sodium.from_base64(value.formKey) };
}
