/**
 * Sealing a new case's key to the operator's escrow key, when one is configured (ESCROW_PUBLIC_KEY), so a
 * case never depends on one handler alone. The escrow key is held by a dedicated system account whose
 * seals are ordinary rows of case_key_seals; configuring it and resealing with it is the back office's
 * (features/cases/escrow.ts).
 */
import { eq } from 'drizzle-orm';
import { sealDataKey, type DataKey } from '../../platform/crypto/envelope.ts';
import type { Db } from '../../platform/db/client.ts';
import { userKeys, users } from '../../platform/db/schema.ts';
import { caseKeySeals } from './schema.ts';

/** The system account that holds the escrow public key; `.invalid` never receives mail. */
export const escrowEmail = 'escrow@integrity-bureau.invalid';

export async function escrowHolder(db: Db): Promise<{ userId: string; publicKey: Uint8Array } | undefined> {
  const [row] = await db
    .select({ userId: userKeys.userId, publicKey: userKeys.publicKey })
    .from(userKeys)
    .innerJoin(users, eq(users.id, userKeys.userId))
    .where(eq(users.email, escrowEmail));
  return row;
}

/** Seals a new case's key to the escrow key, when one is configured (intake and registration call it). */
export async function sealToEscrow(tx: Db, caseId: string, dataKey: DataKey): Promise<void> {
  const escrow = await escrowHolder(tx);
  if (!escrow) return;
  await tx.insert(caseKeySeals).values({ caseId, userId: escrow.userId, sealedKey: sealDataKey(dataKey, escrow.publicKey) }).onConflictDoNothing();
}
