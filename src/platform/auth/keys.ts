/**
 * Each handler's X25519 key pair. The private key is sealed with XChaCha20-Poly1305 under a key derived
 * from the user's secret (password, or unlock passphrase for OIDC users) with Argon2id, so the database
 * alone never yields it. Case data keys (reporting issue) are sealed to the public key.
 */
import { hashRaw, type Algorithm } from '@node-rs/argon2';
import { sodium } from '../crypto/sodium.ts';

export interface SealedKeyPair {
  publicKey: Uint8Array;
  sealedPrivateKey: Uint8Array;
  nonce: Uint8Array;
  kdfSalt: Uint8Array;
}

const kdf = { algorithm: 2 as Algorithm /* Argon2id */, memoryCost: 19456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

async function wrappingKey(secret: string, salt: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await hashRaw(secret, { ...kdf, salt: Buffer.from(salt) }));
}

// The associated data binds the sealed key to its purpose and owner.
function associatedData(userId: string): Uint8Array {
  return sodium.from_string(`integrity-bureau/user-key/${userId}`);
}

export async function createSealedKeyPair(userId: string, secret: string): Promise<SealedKeyPair> {
  const pair = sodium.crypto_box_keypair();
  const sealed = await sealPrivateKey(userId, pair.privateKey, secret);
  return { publicKey: pair.publicKey, ...sealed };
}

export async function sealPrivateKey(userId: string, privateKey: Uint8Array, secret: string) {
  const kdfSalt = sodium.randombytes_buf(16);
  const nonce = sodium.randombytes_buf(sodium.crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
  const key = await wrappingKey(secret, kdfSalt);
  const sealedPrivateKey = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(privateKey, associatedData(userId), null, nonce, key);
  return { sealedPrivateKey, nonce, kdfSalt };
}

/** The private key, or undefined when the secret is wrong. */
export async function unsealPrivateKey(userId: string, sealed: Omit<SealedKeyPair, 'publicKey'>, secret: string): Promise<Uint8Array | undefined> {
  const key = await wrappingKey(secret, sealed.kdfSalt);
  try {
    return sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(null, sealed.sealedPrivateKey, associatedData(userId), sealed.nonce, key);
  } catch {
    return undefined;
  }
}
