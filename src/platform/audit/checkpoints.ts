/**
 * Signed checkpoints of the audit chain: the head (seq and hash) signed with an Ed25519 key kept outside
 * the database, written as JSON lines to a file and to the log, so that a rewrite of the database — even
 * one that recomputes every hash and the stored head — no longer matches what was signed (docs/security.md).
 */
import fs from 'node:fs';
import path from 'node:path';
import { sodium } from '../crypto/sodium.ts';

/** One signed head of the chain, as written to the checkpoint file (one JSON object per line). */
export interface SignedCheckpoint {
  seq: number;
  hash: string;
  /** When it was signed (ISO 8601, UTC). */
  at: string;
  /** Names the public key that verifies it (see `keyIdOf`). */
  keyId: string;
  /** Ed25519 detached signature over `checkpointMessage`, base64. */
  signature: string;
}

/** A line read from a checkpoint file, with where it came from; checkpoint is undefined when the line is unreadable. */
export interface CheckpointLine {
  where: string;
  checkpoint: SignedCheckpoint | undefined;
}

/** Where the chain is anchored: the signing key and the append-only checkpoint file (see src/config.ts). */
export interface AuditAnchorFiles {
  /** The Ed25519 signing key (an Ed25519 seed, base64; created at first use, mode 0600). */
  signingKeyFile: string;
  /** The append-only JSON-lines file the checkpoints go to. */
  checkpointFile: string;
}

export interface SigningKey {
  publicKey: Uint8Array;
  privateKey: Uint8Array;
  keyId: string;
}

const base64 = () => sodium.base64_variants.ORIGINAL;

/** The bytes that are signed; the first line keeps a signature from being valid for anything else. */
export function checkpointMessage(checkpoint: Omit<SignedCheckpoint, 'signature'>): Uint8Array {
  return sodium.from_string(`integrity-bureau audit checkpoint v1\n${checkpoint.seq}\n${checkpoint.hash}\n${checkpoint.at}\n${checkpoint.keyId}`);
}

/** A short name for a public key: 16 hex digits of its BLAKE2b hash. */
export function keyIdOf(publicKey: Uint8Array): string {
  return sodium.to_hex(sodium.crypto_generichash(sodium.crypto_generichash_BYTES_MIN, publicKey, null).slice(0, 8));
}

export function signingKeyFromSeed(seed: Uint8Array): SigningKey {
  const pair = sodium.crypto_sign_seed_keypair(seed);
  return { publicKey: pair.publicKey, privateKey: pair.privateKey, keyId: keyIdOf(pair.publicKey) };
}

export function encodePublicKey(publicKey: Uint8Array): string {
  return sodium.to_base64(publicKey, base64());
}

/** Reads an Ed25519 public key given in base64; throws a message an operator understands. */
export function decodePublicKey(text: string): Uint8Array {
  let key: Uint8Array;
  try {
    key = sodium.from_base64(text.trim(), base64());
  } catch {
    key = new Uint8Array(0);
  }
  if (key.length !== sodium.crypto_sign_PUBLICKEYBYTES) throw new Error(`"${text}" is not an audit public key (32 bytes of Ed25519, base64).`);
  return key;
}

export function signCheckpoint(head: { seq: number; hash: string }, at: Date, key: SigningKey): SignedCheckpoint {
  const unsigned = { seq: head.seq, hash: head.hash, at: at.toISOString(), keyId: key.keyId };
  const signature = sodium.to_base64(sodium.crypto_sign_detached(checkpointMessage(unsigned), key.privateKey), base64());
  return { ...unsigned, signature };
}

export type CheckpointCheck = 'valid' | 'unknown-key' | 'bad-signature';

/** Whether one of the trusted public keys signed this checkpoint. */
export function checkCheckpointSignature(checkpoint: SignedCheckpoint, trustedKeys: Uint8Array[]): CheckpointCheck {
  const key = trustedKeys.find((candidate) => keyIdOf(candidate) === checkpoint.keyId);
  if (!key) return 'unknown-key';
  let signature: Uint8Array;
  try {
    signature = sodium.from_base64(checkpoint.signature, base64());
  } catch {
    return 'bad-signature';
  }
  if (signature.length !== sodium.crypto_sign_BYTES) return 'bad-signature';
  return sodium.crypto_sign_verify_detached(signature, checkpointMessage(checkpoint), key) ? 'valid' : 'bad-signature';
}

function asCheckpoint(value: unknown): SignedCheckpoint | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const { seq, hash, at, keyId, signature } = value as Record<string, unknown>;
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 1) return undefined;
  if (typeof hash !== 'string' || !/^[0-9a-f]{64}$/.test(hash)) return undefined;
  if (typeof at !== 'string' || typeof keyId !== 'string' || typeof signature !== 'string') return undefined;
  return { seq, hash, at, keyId, signature };
}

/**
 * The checkpoints in a checkpoint file, or in a log: a line is either a checkpoint itself or a log line
 * carrying one as `auditCheckpoint`. In a checkpoint file every non-empty line must be one; from a log,
 * other lines are skipped.
 */
export function parseCheckpointLines(text: string, source: string): CheckpointLine[] {
  const lines: CheckpointLine[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    const where = `${source}:${index + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      lines.push({ where, checkpoint: undefined });
      return;
    }
    const logged = value && typeof value === 'object' && 'auditCheckpoint' in value ? (value as { auditCheckpoint: unknown }).auditCheckpoint : undefined;
    if (logged !== undefined) lines.push({ where, checkpoint: asCheckpoint(logged) });
    else if (value && typeof value === 'object' && 'msg' in value && 'level' in value) return; // another log line
    else lines.push({ where, checkpoint: asCheckpoint(value) });
  });
  return lines;
}

export function readCheckpointFile(file: string): CheckpointLine[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`Cannot read the checkpoint file ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)}).`);
  }
  return parseCheckpointLines(text, file);
}

/** The last readable checkpoint of a file (read from its end, so a long file costs nothing), or undefined. */
export async function lastCheckpointIn(file: string): Promise<SignedCheckpoint | undefined> {
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const { size } = await handle.stat();
    const length = Math.min(size, 64 * 1024);
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, size - length);
    const lines = parseCheckpointLines(buffer.toString('utf8'), file);
    return lines.reverse().find((line) => line.checkpoint)?.checkpoint;
  } finally {
    await handle.close();
  }
}

/** Appends one checkpoint and waits until it is on disk; the file is created readable by its owner only. */
export async function appendCheckpoint(file: string, checkpoint: SignedCheckpoint): Promise<void> {
  await fs.promises.mkdir(path.dirname(file), { recursive: true });
  const handle = await fs.promises.open(file, 'a', 0o600);
  try {
    await handle.write(`${JSON.stringify(checkpoint)}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Reads the signing key (an Ed25519 seed, base64, one line); undefined when the file does not exist. */
export function readSigningKey(file: string): SigningKey | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  let seed: Uint8Array;
  try {
    seed = sodium.from_base64(text.trim(), base64());
  } catch {
    seed = new Uint8Array(0);
  }
  if (seed.length !== sodium.crypto_sign_SEEDBYTES) throw new Error(`The audit signing key file ${file} does not hold an Ed25519 key (32 bytes, base64).`);
  return signingKeyFromSeed(seed);
}

/** Reads the signing key, creating a new one (mode 0600, never overwriting) when the file does not exist yet. */
export function readOrCreateSigningKey(file: string): SigningKey {
  const existing = readSigningKey(file);
  if (existing) return existing;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const seed = sodium.randombytes_buf(sodium.crypto_sign_SEEDBYTES);
  try {
    fs.writeFileSync(file, `${sodium.to_base64(seed, base64())}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    // Another process created it first: use theirs.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return readSigningKey(file)!;
}

/**
 * The installation's own checkpoints, to verify against by default: the configured checkpoint file (when
 * it exists) and the public key of the configured signing key (when it exists; never created here).
 */
export function ownCheckpoints(files: AuditAnchorFiles): { checkpointFiles: string[]; checkpoints: CheckpointLine[]; trustedKeys: Uint8Array[] } {
  const checkpointFiles = fs.existsSync(files.checkpointFile) ? [files.checkpointFile] : [];
  const key = readSigningKey(files.signingKeyFile);
  return { checkpointFiles, checkpoints: checkpointFiles.flatMap(readCheckpointFile), trustedKeys: key ? [key.publicKey] : [] };
}
