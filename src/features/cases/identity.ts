/**
 * The confidential identity (docs/law.md §1, Directive art. 16). For a report whose reporter chose 'confidential', the name,
 * e-mail address and phone number are not in the report's answers: they are encrypted under an identity
 * key of their own (in `cases.identity`), sealed per handler in case_identity_seals. The first handlers
 * get it at intake (case-record/identity-seal.ts); anyone else only after a designated custodian approves a reasoned request.
 */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { RoleGrant } from '../../platform/auth/roles.ts';
import { openDataKey, tryDecryptTextForCase, type DataKey } from '../../platform/crypto/envelope.ts';
import { sodium } from '../../platform/crypto/sodium.ts';
import type { Db } from '../../platform/db/client.ts';
import { userKeys, userRoles, users } from '../../platform/db/schema.ts';
import { caseIdentitySeals, cases, identityPurpose, type HandlerKeys, type IdentityFields, type KeyHolder } from '../case-record/service.ts';

/** The handler function of the people who decide on revealing an identity (seeded by migration 0005). */
export const custodianFunction = 'identity_custodian';


/** The identity key of a case for this handler; undefined without an identity seal. */
export async function openIdentityKey(db: Db, caseId: string, keys: HandlerKeys): Promise<DataKey | undefined> {
  const [seal] = await db
    .select({ sealedKey: caseIdentitySeals.sealedKey })
    .from(caseIdentitySeals)
    .where(and(eq(caseIdentitySeals.caseId, caseId), eq(caseIdentitySeals.userId, keys.userId)));
  return seal ? openDataKey(seal.sealedKey, keys.publicKey, keys.privateKey) : undefined;
}

/**
 * The confidential identity for the case page: undefined when the case has none or the user holds no
 * identity seal. The caller audits the read ('case.identity_read').
 */
export async function loadIdentity(db: Db, caseId: string, keys: HandlerKeys): Promise<IdentityFields | undefined> {
  const [row] = await db.select({ identity: cases.identity }).from(cases).where(eq(cases.id, caseId));
  if (!row?.identity) return undefined;
  const identityKey = await openIdentityKey(db, caseId, keys);
  if (!identityKey) return undefined;
  const text = tryDecryptTextForCase(identityKey, caseId, identityPurpose, row.identity);
  if (text === undefined) return { name: '', email: '', phone: '', undecryptable: true };
  return JSON.parse(text) as IdentityFields;
}

export async function identityHolders(db: Db, caseId: string): Promise<string[]> {
  const rows = await db.select({ userId: caseIdentitySeals.userId }).from(caseIdentitySeals).where(eq(caseIdentitySeals.caseId, caseId));
  return rows.map((r) => r.userId);
}

export function isCustodian(grants: readonly RoleGrant[]): boolean {
  return grants.some((g) => g.role === 'case_handler' && g.handlerFunction === custodianFunction);
}

/** Enabled custodians with a key pair: the only people who can read a reveal request's reason. */
export async function listCustodians(db: Db): Promise<KeyHolder[]> {
  return db
    .selectDistinct({ userId: userKeys.userId, publicKey: userKeys.publicKey })
    .from(userRoles)
    .innerJoin(users, eq(users.id, userRoles.userId))
    .innerJoin(userKeys, eq(userKeys.userId, userRoles.userId))
    .where(and(eq(userRoles.role, 'case_handler'), eq(userRoles.handlerFunction, custodianFunction), isNull(users.disabledAt)));
}

/**
 * A reveal request's reason, readable by the custodians only (they hold no case key): sealed to each
 * custodian's public key, stored as JSON {userId: base64 sealed box}.
 */
export function sealReason(reason: string, custodians: readonly KeyHolder[]): Uint8Array {
  const boxes = Object.fromEntries(custodians.map((c) => [c.userId, sodium.to_base64(sodium.crypto_box_seal(reason, c.publicKey))]));
  return sodium.from_string(JSON.stringify(boxes));
}

export function openReason(sealed: Uint8Array, keys: HandlerKeys): string | undefined {
  try {
    const boxes = JSON.parse(sodium.to_string(sealed)) as Record<string, string>;
    const box = boxes[keys.userId];
    return box ? sodium.to_string(sodium.crypto_box_seal_open(sodium.from_base64(box), keys.publicKey, keys.privateKey)) : undefined;
  } catch {
    return undefined;
  }
}

/** Public keys of the given users who have a key pair and are not disabled. */
export async function publicKeysOf(db: Db, userIds: readonly string[]): Promise<KeyHolder[]> {
  if (userIds.length === 0) return [];
  return db
    .select({ userId: userKeys.userId, publicKey: userKeys.publicKey })
    .from(userKeys)
    .innerJoin(users, eq(users.id, userKeys.userId))
    .where(and(inArray(userKeys.userId, [...userIds]), isNull(users.disabledAt)));
}
