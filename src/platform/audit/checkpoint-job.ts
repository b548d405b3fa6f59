/**
 * The job that anchors the audit chain every minute: it signs the newest row's seq and hash with the
 * signing key kept outside the database and writes the checkpoint to the checkpoint file and the log.
 * Signing on a schedule, after commit, keeps appends as fast as before and never signs a row whose
 * transaction is later rolled back.
 */
import { desc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { auditLog } from '../db/schema.ts';
import type { JobDefinition, JobLogger } from '../jobs/jobs.ts';
import { appendCheckpoint, lastCheckpointIn, readOrCreateSigningKey, signCheckpoint, type AuditAnchorFiles, type SignedCheckpoint } from './checkpoints.ts';

export const auditCheckpointJobName = 'audit.sign-checkpoint';

export type CheckpointOutcome = { written: SignedCheckpoint } | { written: undefined; reason: 'empty-trail' | 'unchanged' };

/**
 * Signs the newest row unless the last checkpoint already covers it. When the row the last checkpoint
 * names no longer has the signed hash, the trail was rewritten since: that is logged as an error at once
 * (`audit verify --checkpoints` lists it for good), and the new head is signed all the same so that rows
 * added afterwards are anchored too.
 */
export async function writeAuditCheckpoint(db: Db, files: AuditAnchorFiles, logger: JobLogger, now = new Date()): Promise<CheckpointOutcome> {
  const key = readOrCreateSigningKey(files.signingKeyFile);
  const [newest] = await db.select({ seq: auditLog.seq, hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
  if (!newest) return { written: undefined, reason: 'empty-trail' };
  const last = await lastCheckpointIn(files.checkpointFile);
  if (last && last.seq === newest.seq && last.hash === newest.hash && last.keyId === key.keyId) return { written: undefined, reason: 'unchanged' };
  if (last) {
    const [signed] = await db.select({ hash: auditLog.hash }).from(auditLog).where(eq(auditLog.seq, last.seq));
    if (signed?.hash !== last.hash) {
      logger.error({ job: auditCheckpointJobName, seq: last.seq, checkpointFile: files.checkpointFile }, 'the audit trail no longer matches its last signed checkpoint: run `bureau audit verify --checkpoints`');
    }
  }
  const checkpoint = signCheckpoint(newest, now, key);
  await appendCheckpoint(files.checkpointFile, checkpoint);
  // The log line is a second copy, for operators who ship logs to a place the database's users cannot write.
  logger.info({ job: auditCheckpointJobName, auditCheckpoint: checkpoint }, 'audit checkpoint signed');
  return { written: checkpoint };
}

export function auditCheckpointJob(files: AuditAnchorFiles): JobDefinition {
  return {
    name: auditCheckpointJobName,
    cron: '* * * * *',
    expireInSeconds: 5 * 60,
    async run({ db, logger }) {
      await writeAuditCheckpoint(db, files, logger);
    },
  };
}
