/**
 * Verifies the audit trail: walks the whole hash chain, compares it with the stored head and with signed
 * checkpoints kept outside the database, and lists every break it finds, not only the first.
 */
import { asc, eq, gte } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { auditLog, settings } from '../db/schema.ts';
import { auditHeadKey, genesisHash, rowHash } from './audit.ts';
import { checkCheckpointSignature, type CheckpointLine, type SignedCheckpoint } from './checkpoints.ts';

export type AuditBreak =
  /** The row's hash does not match its content, or it does not link to the row before it. */
  | { kind: 'hash-mismatch'; seq: number }
  /** Rows seq … through are gone. */
  | { kind: 'missing-rows'; seq: number; through: number }
  /** The stored head names another last row than the chain has (the end was cut off or added to). */
  | { kind: 'head-mismatch'; seq: number; chainSeq: number }
  /** A validly signed checkpoint no longer matches the chain: the row at seq was rewritten or removed. */
  | { kind: 'checkpoint-mismatch'; seq: number; where: string; problem: 'hash-differs' | 'row-missing' }
  /** A line of a checkpoint file that proves nothing: unreadable, signed by an unknown key, or forged. */
  | { kind: 'bad-checkpoint'; seq: number | undefined; where: string; problem: 'unreadable' | 'unknown-key' | 'bad-signature' };

export interface AuditVerification {
  ok: boolean;
  /** Rows walked. */
  rows: number;
  /** Signed checkpoints that still match the chain. */
  checkpointsMatched: number;
  /** The highest seq a matching signed checkpoint covers: rows after it are not anchored yet. 0 without one. */
  anchoredThrough: number;
  breaks: AuditBreak[];
}

export interface AuditVerifyOptions {
  /** Lines read from checkpoint files (`readCheckpointFile`); none means the chain is checked on its own. */
  checkpoints?: CheckpointLine[];
  /** The public keys whose signatures count (Ed25519); checkpoints signed by others are bad checkpoints. */
  trustedKeys?: Uint8Array[];
}

const pageSize = 1000;

/** Sorts the signature-valid checkpoints by seq and turns the others into breaks. */
function sortCheckpoints(lines: CheckpointLine[], trustedKeys: Uint8Array[], breaks: AuditBreak[]): Map<number, { where: string; checkpoint: SignedCheckpoint }[]> {
  const bySeq = new Map<number, { where: string; checkpoint: SignedCheckpoint }[]>();
  for (const { where, checkpoint } of lines) {
    if (!checkpoint) {
      breaks.push({ kind: 'bad-checkpoint', seq: undefined, where, problem: 'unreadable' });
      continue;
    }
    const check = checkCheckpointSignature(checkpoint, trustedKeys);
    if (check !== 'valid') {
      breaks.push({ kind: 'bad-checkpoint', seq: checkpoint.seq, where, problem: check });
      continue;
    }
    bySeq.set(checkpoint.seq, [...(bySeq.get(checkpoint.seq) ?? []), { where, checkpoint }]);
  }
  return bySeq;
}

/**
 * Walks the chain in pages. Each row is checked on its own (its hash over its content and the hash it
 * names as previous) and against the row before it, so one changed row is one break and the walk goes on.
 * A rewrite that recomputed every following hash and the stored head is consistent in itself: only a
 * checkpoint signed before the rewrite shows it.
 */
export async function verifyAuditTrail(db: Db, options: AuditVerifyOptions = {}): Promise<AuditVerification> {
  const breaks: AuditBreak[] = [];
  const pending = sortCheckpoints(options.checkpoints ?? [], options.trustedKeys ?? [], breaks);
  let checkpointsMatched = 0;
  let anchoredThrough = 0;
  let expectedSeq = 1;
  let previousHash = genesisHash;
  let rows = 0;
  for (;;) {
    const page = await db.select().from(auditLog).where(gte(auditLog.seq, expectedSeq)).orderBy(asc(auditLog.seq)).limit(pageSize);
    for (const row of page) {
      const afterGap = row.seq !== expectedSeq;
      if (afterGap) breaks.push({ kind: 'missing-rows', seq: expectedSeq, through: row.seq - 1 });
      const linked = afterGap || row.prevHash === previousHash;
      if (!linked || rowHash(row.prevHash, row) !== row.hash) breaks.push({ kind: 'hash-mismatch', seq: row.seq });
      for (const { where, checkpoint } of pending.get(row.seq) ?? []) {
        if (checkpoint.hash === row.hash) {
          checkpointsMatched += 1;
          anchoredThrough = Math.max(anchoredThrough, row.seq);
        } else {
          breaks.push({ kind: 'checkpoint-mismatch', seq: row.seq, where, problem: 'hash-differs' });
        }
      }
      pending.delete(row.seq);
      previousHash = row.hash;
      expectedSeq = row.seq + 1;
      rows += 1;
    }
    if (page.length < pageSize) break;
  }
  // Checkpoints left over name rows that are no longer there.
  for (const [seq, located] of pending) {
    for (const { where } of located) breaks.push({ kind: 'checkpoint-mismatch', seq, where, problem: 'row-missing' });
  }
  const lastSeq = expectedSeq - 1;
  const [head] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, auditHeadKey));
  const stored = (head?.value as { seq: number; hash: string } | undefined) ?? { seq: 0, hash: genesisHash };
  if (stored.seq !== lastSeq || stored.hash !== previousHash) breaks.push({ kind: 'head-mismatch', seq: stored.seq, chainSeq: lastSeq });
  breaks.sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
  return { ok: breaks.length === 0, rows, checkpointsMatched, anchoredThrough, breaks };
}
