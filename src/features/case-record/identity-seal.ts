/**
 * Sealing a new case's confidential identity. When the reporter chose 'confidential', their name, e-mail
 * address and phone number are not in the report's answers: they are encrypted under an identity key of
 * their own (in `cases.identity`), sealed to each first handler in case_identity_seals. Reading it and
 * revealing it to others, after a custodian approves, is the back office's (features/cases/identity.ts).
 */
import { eq } from 'drizzle-orm';
import { encryptForCase, newDataKey, sealDataKey } from '../../platform/crypto/envelope.ts';
import type { Db } from '../../platform/db/client.ts';
import { caseIdentitySeals, cases } from './schema.ts';

export interface IdentityFields {
  name: string;
  email: string;
  phone: string;
  /** The identity did not decrypt: the fields are empty and the pages say so in their place. */
  undecryptable?: boolean;
}

/** The encryption purpose the identity is bound to (its associated data, with the case id). */
export const identityPurpose = 'identity';

export interface KeyHolder {
  userId: string;
  publicKey: Uint8Array;
}

/**
 * Seals the confidential identity of a case that was just inserted (pass the transaction that inserted
 * it): a fresh identity key encrypts the fields into `cases.identity` and is sealed to each holder. Used
 * by web intake, and by the registration of phone calls and letters.
 */
export async function sealIdentityForNewCase(tx: Db, caseId: string, identity: IdentityFields, holders: readonly KeyHolder[]): Promise<void> {
  const identityKey = newDataKey();
  await tx
    .update(cases)
    .set({ identity: encryptForCase(identityKey, caseId, identityPurpose, JSON.stringify(identity)) })
    .where(eq(cases.id, caseId));
  if (holders.length > 0) {
    await tx
      .insert(caseIdentitySeals)
      .values(holders.map((h) => ({ caseId, userId: h.userId, sealedKey: sealDataKey(identityKey, h.publicKey) })))
      .onConflictDoNothing();
  }
}
