/** The retention periods of every case (docs/cases.md): stored and audited in one transaction. */
import { recordAudit } from '../../../platform/audit/audit.ts';
import type { Db } from '../../../platform/db/client.ts';
import { settings } from '../../../platform/db/schema.ts';
import { retentionKey, type RetentionPeriods } from '../retention.ts';

export async function setRetention(db: Db, actorId: string, periods: RetentionPeriods): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.insert(settings).values({ key: retentionKey, value: periods }).onConflictDoUpdate({ target: settings.key, set: { value: periods } });
    await recordAudit(tx, { actorId, action: 'settings.retention_updated', subjectType: 'settings', subjectId: retentionKey, details: { ...periods } });
  });
}
