import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sodium } from '../crypto/sodium.ts';
import {
  appendCheckpoint,
  checkCheckpointSignature,
  decodePublicKey,
  encodePublicKey,
  lastCheckpointIn,
  parseCheckpointLines,
  readOrCreateSigningKey,
  readSigningKey,
  signCheckpoint,
  signingKeyFromSeed,
  type SignedCheckpoint,
} from './checkpoints.ts';

const key = signingKeyFromSeed(new Uint8Array(32).fill(7));
const other = signingKeyFromSeed(new Uint8Array(32).fill(8));
const hash = 'a'.repeat(64);
const genuine = signCheckpoint({ seq: 12, hash }, new Date('2026-12-01T10:00:00.000Z'), key);

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
});
function folder(): string {
  const made = fs.mkdtempSync(path.join(os.tmpdir(), 'ib-checkpoints-'));
  folders.push(made);
  return made;
}

describe('checkCheckpointSignature', () => {
  const cases: [string, SignedCheckpoint, Uint8Array[], string][] = [
    ['accepts a checkpoint signed by a trusted key', genuine, [key.publicKey], 'valid'],
    ['accepts it among several trusted keys (after a key change)', genuine, [other.publicKey, key.publicKey], 'valid'],
    ['rejects another seq under the same signature', { ...genuine, seq: 13 }, [key.publicKey], 'bad-signature'],
    ['rejects another hash under the same signature', { ...genuine, hash: 'b'.repeat(64) }, [key.publicKey], 'bad-signature'],
    ['rejects another time under the same signature', { ...genuine, at: '2026-12-02T10:00:00.000Z' }, [key.publicKey], 'bad-signature'],
    ['rejects a signature that is not base64', { ...genuine, signature: '!!!' }, [key.publicKey], 'bad-signature'],
    ['rejects a signature of the wrong length', { ...genuine, signature: 'AAAA' }, [key.publicKey], 'bad-signature'],
    ["rejects a stranger's key that claims the trusted key's id", { ...signCheckpoint({ seq: 12, hash }, new Date(), other), keyId: key.keyId }, [key.publicKey], 'bad-signature'],
    ['names a checkpoint of a key it does not trust', genuine, [other.publicKey], 'unknown-key'],
    ['trusts nothing without keys', genuine, [], 'unknown-key'],
  ];
  it.each(cases)('%s', (_name, checkpoint, trusted, expected) => {
    expect(checkCheckpointSignature(checkpoint, trusted)).toBe(expected);
  });
});

describe('parseCheckpointLines', () => {
  it('reads checkpoint lines and checkpoints inside log lines, skips other log lines, and names unreadable lines', () => {
    const text = [
      JSON.stringify(genuine),
      '',
      JSON.stringify({ level: 30, time: 1, msg: 'request completed' }),
      JSON.stringify({ level: 30, time: 2, msg: 'audit checkpoint signed', auditCheckpoint: genuine }),
      '{"seq": 3, "hash": "short"}',
      '{"seq": 1',
    ].join('\n');
    expect(parseCheckpointLines(text, 'f')).toEqual([
      { where: 'f:1', checkpoint: genuine },
      { where: 'f:4', checkpoint: genuine },
      { where: 'f:5', checkpoint: undefined },
      { where: 'f:6', checkpoint: undefined },
    ]);
  });
});

describe('public keys', () => {
  it('round-trips through base64 and refuses anything else with a clear message', () => {
    expect(decodePublicKey(encodePublicKey(key.publicKey))).toEqual(key.publicKey);
    expect(() => decodePublicKey('abc')).toThrow(/not an audit public key/);
  });
});

describe('the signing key file', () => {
  it('is created once with mode 0600, then read, never replaced', () => {
    const file = path.join(folder(), 'nested', 'audit.key');
    const created = readOrCreateSigningKey(file);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(readOrCreateSigningKey(file).keyId).toBe(created.keyId);
    expect(readSigningKey(file)!.publicKey).toEqual(created.publicKey);
  });

  it('is not created by reading it', () => {
    const file = path.join(folder(), 'absent.key');
    expect(readSigningKey(file)).toBeUndefined();
    expect(fs.existsSync(file)).toBe(false);
  });

  it('refuses a file that holds no key', () => {
    const file = path.join(folder(), 'bad.key');
    fs.writeFileSync(file, 'hello\n');
    expect(() => readSigningKey(file)).toThrow(/does not hold an Ed25519 key/);
  });
});

describe('the checkpoint file', () => {
  it('gives back the last checkpoint appended, even after a line cut off by a crash', async () => {
    const file = path.join(folder(), 'checkpoints.jsonl');
    expect(await lastCheckpointIn(file)).toBeUndefined();
    const later = signCheckpoint({ seq: 20, hash }, new Date(), key);
    await appendCheckpoint(file, genuine);
    await appendCheckpoint(file, later);
    expect(await lastCheckpointIn(file)).toEqual(later);
    fs.appendFileSync(file, '{"seq":21,"ha');
    expect(await lastCheckpointIn(file)).toEqual(later);
  });

  it('reads only the end of a long file', async () => {
    const file = path.join(folder(), 'long.jsonl');
    const line = `${JSON.stringify(genuine)}\n`;
    fs.writeFileSync(file, line.repeat(5000));
    const last = signCheckpoint({ seq: 99, hash }, new Date(), key);
    await appendCheckpoint(file, last);
    expect(await lastCheckpointIn(file)).toEqual(last);
  });
});

it('uses libsodium Ed25519 signatures of 64 bytes', () => {
  expect(sodium.from_base64(genuine.signature, sodium.base64_variants.ORIGINAL)).toHaveLength(sodium.crypto_sign_BYTES);
});
