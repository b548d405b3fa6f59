/**
 * The operator's escrow key (docs/security.md), optional: when ESCROW_PUBLIC_KEY (an X25519 public key,
 * base64) is configured, every new case key is also sealed to it, so a case whose only handler left can
 * still be handed over: `bureau escrow reseal --key-file F`, run by the operator with the private key
 * kept offline, seals the keys of cases waiting for a new handler.
 *
 * Without a schema change, the escrow key is held by a dedicated system account (disabled, no roles, no
 * password, no private key on the server) and its seals are ordinary rows of case_key_seals, so they are
 * deleted with the case and count as "someone else can still open it" when a handler is reassigned.
 */
import fs from 'node:fs';
import { and, eq, inArray } from 'drizzle-orm';
import { sodium } from '../../platform/crypto/sodium.ts';
import { openDataKey } from '../../platform/crypto/envelope.ts';
import type { Db } from '../../platform/db/client.ts';
import { userKeys, users } from '../../platform/db/schema.ts';
import { caseKeySeals, escrowEmail, escrowHolder } from '../case-record/service.ts';
import { resealPending } from './commands/reseal-pending.ts';
import { casePendingSeals } from './schema.ts';

export function decodeEscrowKey(base64: string): Uint8Array {
  const key = sodium.from_base64(base64.trim(), sodium.base64_variants.ORIGINAL);
  if (key.length !== sodium.crypto_box_PUBLICKEYBYTES) throw new Error('The escrow key must be 32 bytes (X25519), base64.');
  return key;
}

/** Makes the escrow account hold the configured public key, or no key at all when none is configured. */
export async function configureEscrow(db: Db, publicKeyBase64: string | undefined): Promise<void> {
  const [account] = await db.select({ id: users.id }).from(users).where(eq(users.email, escrowEmail));
  if (!publicKeyBase64) {
    if (account) await db.delete(userKeys).where(eq(userKeys.userId, account.id));
    return;
  }
  const publicKey = decodeEscrowKey(publicKeyBase64);
  await db.transaction(async (tx) => {
    const id =
      account?.id ??
      (await tx.insert(users).values({ email: escrowEmail, displayName: 'Operator escrow key', disabledAt: new Date() }).onConflictDoNothing().returning({ id: users.id }))[0]?.id ??
      (await tx.select({ id: users.id }).from(users).where(eq(users.email, escrowEmail)))[0]!.id;
    const empty = new Uint8Array(0);
    await tx
      .insert(userKeys)
      .values({ userId: id, publicKey, sealedPrivateKey: empty, nonce: empty, kdfSalt: empty, secretKind: 'escrow' })
      .onConflictDoUpdate({ target: userKeys.userId, set: { publicKey } });
  });
}

/**
 * With the escrow private key (base64, read by the CLI from a file), seals the key of every case with
 * handlers waiting for it. Returns how many cases were opened and how many handlers sealed.
 */
export async function resealFromEscrow(db: Db, privateKeyBase64: string): Promise<{ cases: number; sealed: number; unopenable: number }> {
  const privateKey = sodium.from_base64(privateKeyBase64.trim(), sodium.base64_variants.ORIGINAL);
  if (privateKey.length !== sodium.crypto_box_SECRETKEYBYTES) throw new Error('The escrow private key must be 32 bytes (X25519), base64.');
  const publicKey = sodium.crypto_scalarmult_base(privateKey);
  const escrow = await escrowHolder(db);
  if (!escrow) throw new Error('No escrow key is configured (ESCROW_PUBLIC_KEY).');
  const waiting = [...new Set((await db.select({ caseId: casePendingSeals.caseId }).from(casePendingSeals)).map((r) => r.caseId))];
  if (waiting.length === 0) return { cases: 0, sealed: 0, unopenable: 0 };
  const seals = await db
    .select({ caseId: caseKeySeals.caseId, sealedKey: caseKeySeals.sealedKey })
    .from(caseKeySeals)
    .where(and(eq(caseKeySeals.userId, escrow.userId), inArray(caseKeySeals.caseId, waiting)));
  let cases = 0;
  let sealed = 0;
  let unopenable = 0;
  for (const seal of seals) {
    const dataKey = openDataKey(seal.sealedKey, publicKey, privateKey);
    if (!dataKey) {
      unopenable += 1;
      continue;
    }
    cases += 1;
    sealed += await resealPending(db, seal.caseId, dataKey, null);
  }
  return { cases, sealed, unopenable: unopenable + waiting.length - seals.length };
}

// The `bureau escrow` command: keygen writes a new private key (mode 0600) and prints the public key; reseal uses it.
export const escrowUsage = `  escrow keygen --key-file F         write a new escrow private key to F and print the public key (ESCROW_PUBLIC_KEY)
  escrow reseal --key-file F         with the escrow private key in F, give waiting handlers the keys of their cases`;

export function keyFileOf(args: string[]): string | undefined {
  const at = args.indexOf('--key-file');
  return at >= 0 ? args[at + 1] : undefined;
}

export function escrowKeygen(file: string, out: (line: string) => void): number {
  const pair = sodium.crypto_box_keypair();
  fs.writeFileSync(file, `${sodium.to_base64(pair.privateKey, sodium.base64_variants.ORIGINAL)}\n`, { mode: 0o600, flag: 'wx' });
  out(`Escrow private key written to ${file}. Keep it offline.`);
  out(`ESCROW_PUBLIC_KEY=${sodium.to_base64(pair.publicKey, sodium.base64_variants.ORIGINAL)}`);
  return 0;
}

export async function escrowReseal(db: Db, file: string, out: (line: string) => void): Promise<number> {
  const result = await resealFromEscrow(db, fs.readFileSync(file, 'utf8'));
  out(`Opened ${result.cases} cases with the escrow key and sealed them to ${result.sealed} waiting handlers.`);
  if (result.unopenable > 0) out(`${result.unopenable} cases waiting for a handler have no escrow seal this key opens (sealed before escrow was configured, or to another key).`);
  return result.unopenable > 0 ? 3 : 0;
}
