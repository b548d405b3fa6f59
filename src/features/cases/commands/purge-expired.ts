/**
 * The daily retention sweep: deletes closed cases whose retention period is over and that no legal hold
 * keeps. Deleting the `cases` row cascades to its seals, messages, files, events, tasks, identity seals,
 * redactions and receipt sessions; file contents (`file_chunks`, no foreign key) are deleted first. The
 * statistical record survives: its foreign key sets case_id to null.
 */
import { and, eq, inArray, isNotNull, lte, or } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/audit.ts';
import type { Db } from '../../../platform/db/client.ts';
import type { JobDefinition } from '../../../platform/jobs/jobs.ts';
import { addMonths, brusselsDay, type IsoDate } from '../../../platform/time/calendar.ts';
import { caseFiles, cases, fileChunks } from '../../case-record/service.ts';
import type { ProcedureCode } from '../../case-record/service.ts';
import { loadRetention, retentionEndsOn, retentionYears, type RetentionPeriods } from '../retention.ts';

/** The shortest period a case of this procedure can have (with any theme): cases closed more recently are not even read. */
function shortestYears(procedure: ProcedureCode, periods: RetentionPeriods): number {
  const themes = Object.keys(periods.themes).map((theme) => retentionYears({ procedure, theme }, periods));
  return Math.min(retentionYears({ procedure, theme: '' }, periods), ...themes);
}

export async function purgeExpiredCases(db: Db, now: Date = new Date()): Promise<{ purged: number; held: number }> {
  const periods = await loadRetention(db);
  const today = brusselsDay(now);
  const procedureCodes = ['integrity', 'psychosocial', 'question'] as const;
  const due = procedureCodes.map((procedure) => and(eq(cases.procedure, procedure), lte(cases.closedOn, addMonths(today, -12 * shortestYears(procedure, periods)))));
  const candidates = await db
    .select({ id: cases.id, reference: cases.reference, procedure: cases.procedure, theme: cases.theme, closedOn: cases.closedOn, legalHold: cases.legalHold })
    .from(cases)
    .where(and(isNotNull(cases.closedOn), or(...due)));
  let purged = 0;
  let held = 0;
  for (const c of candidates) {
    const endsOn = retentionEndsOn({ procedure: c.procedure as ProcedureCode, theme: c.theme, closedOn: c.closedOn }, periods);
    if (!endsOn || endsOn > today) continue;
    if (c.legalHold) {
      held += 1;
      continue;
    }
    await db.transaction(async (tx) => {
      // Re-read under a lock: a hold set since the list was read wins.
      const [row] = await tx.select({ legalHold: cases.legalHold }).from(cases).where(eq(cases.id, c.id)).for('update');
      if (!row || row.legalHold) return;
      const files = await tx.select({ id: caseFiles.id }).from(caseFiles).where(eq(caseFiles.caseId, c.id));
      if (files.length > 0) await tx.delete(fileChunks).where(inArray(fileChunks.fileId, files.map((f) => f.id)));
      await tx.delete(cases).where(eq(cases.id, c.id));
      await recordAudit(tx, {
        actorId: null,
        action: 'case.purged',
        subjectType: 'case',
        subjectId: c.id,
        details: { reference: c.reference, procedure: c.procedure, closedOn: c.closedOn, retentionEndedOn: endsOn as IsoDate, files: files.length },
      });
      purged += 1;
    });
  }
  return { purged, held };
}

export const purgeExpiredCasesJobName = 'cases.purge-expired';

/** Every night at 02:30 UTC. */
export const purgeExpiredCasesJob: JobDefinition = {
  name: purgeExpiredCasesJobName,
  cron: '30 2 * * *',
  expireInSeconds: 60 * 60,
  async run({ db, logger }) {
    const result = await purgeExpiredCases(db);
    logger.info({ job: purgeExpiredCasesJobName, ...result }, 'expired cases purged');
  },
};
