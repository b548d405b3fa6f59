import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databaseKinds, freshDatabase, type TestDatabase } from '../../../test/databases.ts';
import { appendEvents, disableAppendOnly, rewriteWithRecomputedHashes } from '../../../test/audit-tampering.ts';
import { writeAuditCheckpoint } from './checkpoint-job.ts';
import { readCheckpointFile, readSigningKey, signCheckpoint, signingKeyFromSeed, type AuditAnchorFiles } from './checkpoints.ts';
import { verifyAuditTrail } from './verify.ts';
import { sodium } from '../crypto/sodium.ts';

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
});

function anchorFiles(): AuditAnchorFiles {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ib-audit-'));
  folders.push(folder);
  return { signingKeyFile: path.join(folder, 'signing.key'), checkpointFile: path.join(folder, 'checkpoints.jsonl') };
}

function collectingLogger() {
  const lines: { level: 'info' | 'error'; details: object; message: string }[] = [];
  return {
    lines,
    info: (details: object, message: string) => lines.push({ level: 'info', details, message }),
    error: (details: object, message: string) => lines.push({ level: 'error', details, message }),
  };
}

describe.each(databaseKinds)('verifying the audit trail on %s', (kind) => {
  let database: TestDatabase;
  let files: AuditAnchorFiles;
  beforeEach(async () => {
    database = await freshDatabase(kind);
    files = anchorFiles();
    await appendEvents(database.db, 5);
  });
  afterEach(() => database.close());

  /** Signs the current head into the checkpoint file, as the job does every minute. */
  async function checkpoint() {
    const outcome = await writeAuditCheckpoint(database.db, files, collectingLogger());
    return outcome.written!;
  }

  async function verifyWithCheckpoints() {
    const key = readSigningKey(files.signingKeyFile)!;
    return verifyAuditTrail(database.db, { checkpoints: readCheckpointFile(files.checkpointFile), trustedKeys: [key.publicKey] });
  }

  it('verifies an untouched chain', async () => {
    expect(await verifyAuditTrail(database.db)).toEqual({ ok: true, rows: 5, checkpointsMatched: 0, anchoredThrough: 0, breaks: [] });
  });

  it('verifies a valid chain against its signed checkpoints', async () => {
    await checkpoint();
    await appendEvents(database.db, 3, 5);
    await checkpoint();
    await appendEvents(database.db, 1, 8);
    expect(await verifyWithCheckpoints()).toEqual({ ok: true, rows: 9, checkpointsMatched: 2, anchoredThrough: 8, breaks: [] });
  });

  it('detects a rewrite that recomputed every following hash and the stored head, but only with checkpoints', async () => {
    await checkpoint();
    await appendEvents(database.db, 3, 5);
    await checkpoint();
    await rewriteWithRecomputedHashes(database, 3, { method: 'oidc', n: 2 });
    // The chain is consistent in itself: this is what `audit verify` without checkpoints used to call intact.
    expect(await verifyAuditTrail(database.db)).toMatchObject({ ok: true, rows: 8 });
    const result = await verifyWithCheckpoints();
    expect(result.ok).toBe(false);
    expect(result.breaks).toEqual([
      { kind: 'checkpoint-mismatch', seq: 5, where: `${files.checkpointFile}:1`, problem: 'hash-differs' },
      { kind: 'checkpoint-mismatch', seq: 8, where: `${files.checkpointFile}:2`, problem: 'hash-differs' },
    ]);
  });

  it('lists every break, not only the first', async () => {
    await appendEvents(database.db, 5, 5);
    await checkpoint();
    await disableAppendOnly(database);
    await database.execute(`update audit_log set details = '{"method":"oidc","n":1}' where seq = 2`);
    await database.execute('delete from audit_log where seq in (5, 6)');
    await database.execute(`update audit_log set action = 'user.created' where seq = 8`);
    await database.execute('delete from audit_log where seq = 10');
    const result = await verifyWithCheckpoints();
    expect(result.ok).toBe(false);
    expect(result.rows).toBe(7);
    expect(result.breaks).toEqual([
      { kind: 'hash-mismatch', seq: 2 },
      { kind: 'missing-rows', seq: 5, through: 6 },
      { kind: 'hash-mismatch', seq: 8 },
      { kind: 'checkpoint-mismatch', seq: 10, where: `${files.checkpointFile}:1`, problem: 'row-missing' },
      { kind: 'head-mismatch', seq: 10, chainSeq: 9 },
    ]);
  });

  it('rejects a forged checkpoint and one signed by a key it does not trust', async () => {
    const genuine = await checkpoint();
    const forged = { ...genuine, hash: 'f'.repeat(64) };
    const stranger = signCheckpoint({ seq: 5, hash: genuine.hash }, new Date(), signingKeyFromSeed(sodium.randombytes_buf(32)));
    fs.appendFileSync(files.checkpointFile, `${JSON.stringify(forged)}\n${JSON.stringify(stranger)}\nnot json\n`);
    const result = await verifyWithCheckpoints();
    expect(result.ok).toBe(false);
    expect(result.checkpointsMatched).toBe(1);
    expect(result.breaks).toEqual([
      { kind: 'bad-checkpoint', seq: undefined, where: `${files.checkpointFile}:4`, problem: 'unreadable' },
      { kind: 'bad-checkpoint', seq: 5, where: `${files.checkpointFile}:2`, problem: 'bad-signature' },
      { kind: 'bad-checkpoint', seq: 5, where: `${files.checkpointFile}:3`, problem: 'unknown-key' },
    ]);
  });

  it('signs a new checkpoint only when the trail has grown, and logs at once when the signed rows were rewritten', async () => {
    const logger = collectingLogger();
    expect((await writeAuditCheckpoint(database.db, files, logger)).written).toMatchObject({ seq: 5 });
    expect(await writeAuditCheckpoint(database.db, files, logger)).toEqual({ written: undefined, reason: 'unchanged' });
    expect(logger.lines.map((line) => line.message)).toEqual(['audit checkpoint signed']);
    expect(logger.lines[0]!.details).toMatchObject({ auditCheckpoint: { seq: 5 } });

    await rewriteWithRecomputedHashes(database, 4, { method: 'oidc' });
    await appendEvents(database.db, 1, 5);
    expect((await writeAuditCheckpoint(database.db, files, logger)).written).toMatchObject({ seq: 6 });
    expect(logger.lines.filter((line) => line.level === 'error')).toEqual([
      expect.objectContaining({ details: expect.objectContaining({ seq: 5 }), message: expect.stringContaining('no longer matches its last signed checkpoint') }),
    ]);
    expect(fs.statSync(files.checkpointFile).mode & 0o777).toBe(0o600);
    expect(fs.statSync(files.signingKeyFile).mode & 0o777).toBe(0o600);
  });

  it('writes nothing for an empty trail', async () => {
    const empty = await freshDatabase(kind);
    try {
      expect(await writeAuditCheckpoint(empty.db, files, collectingLogger())).toEqual({ written: undefined, reason: 'empty-trail' });
      expect(fs.existsSync(files.checkpointFile)).toBe(false);
    } finally {
      await empty.close();
    }
  });
});
