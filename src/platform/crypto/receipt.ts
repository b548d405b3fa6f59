/**
 * Receipt codes: the only thing an anonymous reporter holds. One slow, deterministic Argon2id of the code
 * (with the installation-wide salt) yields both the lookup hash we store and the seed of the reporter's
 * X25519 key pair, which we never store: the code alone opens the report.
 */
import crypto from 'node:crypto';
import { hashRaw, type Algorithm } from '@node-rs/argon2';
import { sodium } from './sodium.ts';

/** 64 MiB and 2 passes: a guess costs real memory and time, and 10^16 codes make guessing hopeless anyway. */
export const receiptHashParameters = { algorithm: 2 as Algorithm /* Argon2id */, memoryCost: 65536, timeCost: 2, parallelism: 1 } as const;

export const receiptDigits = 16;

/** 16 random digits (about 53 bits), grouped by four for reading aloud and writing down. */
export function newReceiptCode(): string {
  const digits = Array.from({ length: receiptDigits }, () => crypto.randomInt(10)).join('');
  return formatReceiptCode(digits);
}

export function formatReceiptCode(digits: string): string {
  return digits.match(/.{1,4}/g)?.join(' ') ?? digits;
}

/** The digits of what the reporter typed, or undefined when it cannot be a receipt code. */
export function normaliseReceiptCode(input: string): string | undefined {
  const digits = input.replace(/[\s.-]/g, '');
  return /^\d{16}$/.test(digits) ? digits : undefined;
}

export interface ReceiptKeys {
  /** Stored, to find the report. */
  lookupHash: string;
  /** Never stored: derived again at every sign-in. */
  publicKey: Uint8Array;
  privateKey: Uint8Array;
}

export async function deriveReceiptKeys(digits: string, installationSalt: Uint8Array): Promise<ReceiptKeys> {
  const output = await hashRaw(digits, { ...receiptHashParameters, outputLen: 64, salt: Buffer.from(installationSalt) });
  const lookupHash = output.subarray(0, 32).toString('hex');
  const pair = sodium.crypto_box_seed_keypair(new Uint8Array(output.subarray(32, 64)));
  return { lookupHash, publicKey: pair.publicKey, privateKey: pair.privateKey };
}
