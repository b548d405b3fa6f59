import { describe, expect, it } from 'vitest';
import { sodium } from '../crypto/sodium.ts';
import { createSealedKeyPair, sealPrivateKey, unsealPrivateKey } from './keys.ts';

describe('sealed key pairs', () => {
  it('unseals the private key with the right secret only', async () => {
    const pair = await createSealedKeyPair('user-1', 'the right secret');
    const privateKey = await unsealPrivateKey('user-1', pair, 'the right secret');
    expect(privateKey).toBeDefined();
    expect(sodium.crypto_scalarmult_base(privateKey!)).toEqual(pair.publicKey);
    expect(await unsealPrivateKey('user-1', pair, 'a wrong secret')).toBeUndefined();
  });

  it('binds the sealed key to its owner, so it cannot be moved to another user', async () => {
    const pair = await createSealedKeyPair('user-1', 'secret');
    expect(await unsealPrivateKey('user-2', pair, 'secret')).toBeUndefined();
  });

  it('never stores the private key in clear', async () => {
    const pair = await createSealedKeyPair('user-1', 'secret');
    const privateKey = (await unsealPrivateKey('user-1', pair, 'secret'))!;
    expect(Buffer.from(pair.sealedPrivateKey).includes(Buffer.from(privateKey))).toBe(false);
  });

  it('re-seals under a new secret and still opens a box sealed to the public key', async () => {
    const pair = await createSealedKeyPair('user-1', 'old secret');
    const privateKey = (await unsealPrivateKey('user-1', pair, 'old secret'))!;
    const resealed = await sealPrivateKey('user-1', privateKey, 'new secret');
    const reopened = (await unsealPrivateKey('user-1', resealed, 'new secret'))!;
    const box = sodium.crypto_box_seal(sodium.from_string('case data key'), pair.publicKey);
    expect(sodium.to_string(sodium.crypto_box_seal_open(box, pair.publicKey, reopened))).toBe('case data key');
  });
});
