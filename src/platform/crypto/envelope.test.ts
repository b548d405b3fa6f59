import crypto from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { decryptForCase, decryptTextForCase, encryptForCase, newDataKey, openDataKey, sealDataKey, type DataKey } from './envelope.ts';
import { decryptFileStream, encryptFileStream } from './file-stream.ts';
import { deriveReceiptKeys, newReceiptCode, normaliseReceiptCode } from './receipt.ts';
import { sodium } from './sodium.ts';

describe('case envelope', () => {
  const key = newDataKey();

  it('round-trips a value and never contains the plaintext', () => {
    const sealed = encryptForCase(key, 'case-1', 'report.description', 'De directeur betaalt facturen aan zijn schoonbroer.');
    expect(Buffer.from(sealed).includes(Buffer.from('schoonbroer'))).toBe(false);
    expect(decryptTextForCase(key, 'case-1', 'report.description', sealed)).toBe('De directeur betaalt facturen aan zijn schoonbroer.');
  });

  it('refuses a value moved to another case or another field', () => {
    const sealed = encryptForCase(key, 'case-1', 'report.description', 'secret');
    expect(() => decryptForCase(key, 'case-2', 'report.description', sealed)).toThrow();
    expect(() => decryptForCase(key, 'case-1', 'report.who', sealed)).toThrow();
  });

  it('refuses a changed value', () => {
    const sealed = encryptForCase(key, 'case-1', 'x', 'secret');
    sealed[sealed.length - 1]! ^= 1;
    expect(() => decryptForCase(key, 'case-1', 'x', sealed)).toThrow();
  });

  it('seals the data key to a handler, who alone can open it', () => {
    const handler = sodium.crypto_box_keypair();
    const other = sodium.crypto_box_keypair();
    const sealed = sealDataKey(key, handler.publicKey);
    expect(openDataKey(sealed, handler.publicKey, handler.privateKey)).toEqual(key);
    expect(openDataKey(sealed, other.publicKey, other.privateKey)).toBeUndefined();
  });
});

describe('receipt codes', () => {
  it('has 16 digits grouped by four', () => {
    const code = newReceiptCode();
    expect(code).toMatch(/^\d{4} \d{4} \d{4} \d{4}$/);
    expect(normaliseReceiptCode(code)).toBe(code.replace(/ /g, ''));
  });

  it.each([['1234 5678 9012 3456', '1234567890123456'], ['1234-5678-9012-3456', '1234567890123456'], ['1234', undefined], ['abcd efgh ijkl mnop', undefined], ['12345678901234567', undefined]])(
    'normalises %j to %j',
    (input, expected) => expect(normaliseReceiptCode(input)).toBe(expected),
  );

  it('derives the same lookup hash and key pair from the same code, and others from another code or salt', async () => {
    const salt = sodium.randombytes_buf(16);
    const a = await deriveReceiptKeys('1234567890123456', salt);
    const b = await deriveReceiptKeys('1234567890123456', salt);
    const c = await deriveReceiptKeys('1234567890123457', salt);
    const d = await deriveReceiptKeys('1234567890123456', sodium.randombytes_buf(16));
    expect(a.lookupHash).toBe(b.lookupHash);
    expect(a.publicKey).toEqual(b.publicKey);
    expect(c.lookupHash).not.toBe(a.lookupHash);
    expect(d.lookupHash).not.toBe(a.lookupHash);
    expect(a.lookupHash).not.toContain('1234567890123456');
    const key = newDataKey();
    expect(openDataKey(sealDataKey(key, a.publicKey), b.publicKey, b.privateKey)).toEqual(key);
  });
});

async function encryptBytes(key: DataKey, data: Buffer, fileId = 'f1'): Promise<Buffer> {
  const parts: Buffer[] = [];
  await pipeline(Readable.from(chunked(data)), encryptFileStream(key, 'case-1', fileId), async function* (source) {
    for await (const part of source) parts.push(Buffer.from(part as Uint8Array));
  });
  return Buffer.concat(parts);
}

async function decryptBytes(key: DataKey, data: Buffer, fileId = 'f1'): Promise<Buffer> {
  const parts: Buffer[] = [];
  await pipeline(Readable.from(chunked(data)), decryptFileStream(key, 'case-1', fileId), async function* (source) {
    for await (const part of source) parts.push(Buffer.from(part as Uint8Array));
  });
  return Buffer.concat(parts);
}

/** Irregular pieces, as a network delivers them. */
function* chunked(data: Buffer): Generator<Buffer> {
  let offset = 0;
  let size = 1000;
  while (offset < data.length) {
    yield data.subarray(offset, offset + size);
    offset += size;
    size = (size * 7) % 90_001 + 1;
  }
}

describe('streamed file encryption', () => {
  const key = newDataKey();

  it.each([0, 1, 65_535, 65_536, 65_537, 300_000])('round-trips %i bytes', async (length) => {
    const data = crypto.randomBytes(length);
    const encrypted = await encryptBytes(key, data);
    expect(await decryptBytes(key, encrypted)).toEqual(data);
  });

  it('does not contain the plaintext', async () => {
    const data = Buffer.from('GPS 50.8503 4.3517 '.repeat(5000));
    const encrypted = await encryptBytes(key, data);
    expect(encrypted.includes(Buffer.from('GPS 50.8503'))).toBe(false);
  });

  it('refuses a file cut off at a chunk boundary, a changed byte, or another file id', async () => {
    const data = crypto.randomBytes(200_000);
    const encrypted = await encryptBytes(key, data);
    const frame = 65_536 + 17;
    await expect(decryptBytes(key, encrypted.subarray(0, 24 + frame))).rejects.toThrow(/cut off/);
    const changed = Buffer.from(encrypted);
    changed[100_000]! ^= 1;
    await expect(decryptBytes(key, changed)).rejects.toThrow();
    await expect(decryptBytes(key, encrypted, 'f2')).rejects.toThrow();
  });
});
