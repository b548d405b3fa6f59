/** Test helper: tampers with the audit trail the way an attacker with write access to the database would. */
import { asc, eq, gte } from 'drizzle-orm';
import type { Db, DatabaseHandle } from '../src/platform/db/client.ts';
import { auditLog, settings } from '../src/platform/db/schema.ts';
import { auditHeadKey, recordAudit, rowHash } from '../src/platform/audit/audit.ts';

/** Appends `count` sign-in events, numbered from `from`. */
export async function appendEvents(db: Db, count: number, from = 0): Promise<void> {
  for (let i = from; i < from + count; i++) {
    await recordAudit(db, { actorId: null, action: 'auth.sign_in', subjectType: 'user', subjectId: `u${i}`, details: { method: 'password', n: i } });
  }
}

/** Lets UPDATE and DELETE through, as a database owner or superuser can. */
export async function disableAppendOnly(database: DatabaseHandle): Promise<void> {
  await database.execute('alter table audit_log disable trigger audit_log_append_only');
}

/**
 * Changes the details of row `seq`, then recomputes the hash of that row and of every row after it with the
 * project's own hash function, and stores the new head: the chain is consistent in itself afterwards.
 */
export async function rewriteWithRecomputedHashes(database: DatabaseHandle, seq: number, details: Record<string, unknown>): Promise<void> {
  await disableAppendOnly(database);
  const db = database.db;
  const rows = await db.select().from(auditLog).where(gte(auditLog.seq, seq)).orderBy(asc(auditLog.seq));
  let previousHash = rows[0]!.prevHash;
  for (const row of rows) {
    const changed = { ...row, prevHash: previousHash, details: row.seq === seq ? details : row.details };
    const hash = rowHash(previousHash, changed);
    await db.update(auditLog).set({ details: changed.details, prevHash: previousHash, hash }).where(eq(auditLog.seq, row.seq));
    previousHash = hash;
  }
  await db.update(settings).set({ value: { seq: rows.at(-1)!.seq, hash: previousHash } }).where(eq(settings.key, auditHeadKey));
}
