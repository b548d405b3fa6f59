/**
 * A user who signs in through OIDC only has no password to derive a key from: they choose an unlock
 * passphrase once, and their key pair is created sealed under it (docs/security.md). The key pair and the
 * audit event are written in one transaction.
 */
import { recordAudit } from '../../../platform/audit/audit.ts';
import type { Db } from '../../../platform/db/client.ts';
import { minimumPassphraseLength, needsUnlockPassphrase, roleGrants } from '../oidc-service.ts';
import { ensureKeyPair } from '../service.ts';

export type UnlockPassphraseResult = { ok: true } | { ok: false; reason: 'notNeeded' | 'tooShort' };

export async function setUnlockPassphrase(db: Db, actor: { userId: string }, passphrase: string): Promise<UnlockPassphraseResult> {
  const { userId } = actor;
  if (passphrase.length < minimumPassphraseLength) return { ok: false, reason: 'tooShort' };
  if (!(await needsUnlockPassphrase(db, userId))) return { ok: false, reason: 'notNeeded' };
  const grants = await roleGrants(db, userId);
  await db.transaction(async (tx) => {
    await ensureKeyPair(tx, userId, grants, passphrase, 'passphrase');
    await recordAudit(tx, { actorId: userId, action: 'auth.unlock_passphrase_set', subjectType: 'user', subjectId: userId });
  });
  return { ok: true };
}
