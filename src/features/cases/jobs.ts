/** Background work of case management: the daily deadline reminders, and folding the tallies of cases. */
import { foldingJob, type JobDefinition } from '../../platform/jobs/jobs.ts';
import type { Mailer } from '../../platform/mail/mailer.ts';
import { sweepReminders } from './reminders.ts';

export const caseRemindersJobName = 'cases.send-reminders';

/** Every morning (06:00 UTC: 07:00 or 08:00 in Brussels), the reminders of the day; a second run the same day sends nothing twice. */
export function caseRemindersJob(mailer: Mailer, clock: () => Date = () => new Date()): JobDefinition {
  return {
    name: caseRemindersJobName,
    cron: '0 6 * * *',
    expireInSeconds: 30 * 60,
    async run({ db, logger }) {
      const result = await sweepReminders(db, mailer, clock());
      logger.info({ job: caseRemindersJobName, ...result, dueDays: result.dueDays.length }, 'case reminders sent');
    },
  };
}

export const compactCaseTalliesJobName = 'cases.compact-tallies';

/** Every night at 03:15 UTC: the day's rows of changes in case_tallies become one row per key (migration 0010). */
export const compactCaseTalliesJob = foldingJob(compactCaseTalliesJobName, '15 3 * * *', 'case_tallies_compact', 'case tallies compacted');
