/**
 * The case encryption envelope. Each case has a random data key; everything a reporter writes is
 * encrypted with it (XChaCha20-Poly1305, the case id bound as associated data), and the data key is
 * sealed (X25519 sealed box) to every handler with access and to the reporter's receipt-derived key.
 */
import { sodium } from './sodium.ts';

export type DataKey = Uint8Array & { readonly __brand: 'DataKey' };

export function newDataKey(): DataKey {
  return sodium.crypto_aead_xchacha20poly1305_ietf_keygen() as DataKey;
}

function associatedData(caseId: string, purpose: string): Uint8Array {
  return sodium.from_string(`integrity-bureau/case/${caseId}/${purpose}`);
}

/** Encrypts one value of a case; the result is nonce ‖ ciphertext. */
export function encryptForCase(key: DataKey, caseId: string, purpose: string, plaintext: string | Uint8Array): Uint8Array {
  const nonce = sodium.randombytes_buf(sodium.crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
  const ciphertext = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(plaintext, associatedData(caseId, purpose), null, nonce, key);
  const out = new Uint8Array(nonce.length + ciphertext.length);
  out.set(nonce);
  out.set(ciphertext, nonce.length);
  return out;
}

/** Decrypts a value; throws when it was changed or belongs to another case or purpose. */
export function decryptForCase(key: DataKey, caseId: string, purpose: string, sealed: Uint8Array): Uint8Array {
  const nonceBytes = sodium.crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
  return sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(null, sealed.subarray(nonceBytes), associatedData(caseId, purpose), sealed.subarray(0, nonceBytes), key);
}

export function decryptTextForCase(key: DataKey, caseId: string, purpose: string, sealed: Uint8Array): string {
  return sodium.to_string(decryptForCase(key, caseId, purpose, sealed));
}

/**
 * The text, or undefined when it does not open (damaged, or sealed for another case or purpose): for pages
 * that show many records, where one unreadable record must not hide the others.
 */
export function tryDecryptTextForCase(key: DataKey, caseId: string, purpose: string, sealed: Uint8Array): string | undefined {
  try {
    return decryptTextForCase(key, caseId, purpose, sealed);
  } catch {
    return undefined;
  }
}

/** Seals the data key to one X25519 public key (a handler's, or the reporter's). */
export function sealDataKey(key: DataKey, publicKey: Uint8Array): Uint8Array {
  return sodium.crypto_box_seal(key, publicKey);
}

/** Opens a sealed data key with the matching key pair; undefined when it was sealed to someone else. */
export function openDataKey(sealed: Uint8Array, publicKey: Uint8Array, privateKey: Uint8Array): DataKey | undefined {
  try {
    return sodium.crypto_box_seal_open(sealed, publicKey, privateKey) as DataKey;
  } catch {
    return undefined;
  }
}
