/**
 * The registry of background jobs: platform's own maintenance and each feature's jobs (its jobs.ts), assembled
 * here for src/main.ts to start. A new job is exported by its feature and added to this list.
 */
import type { Config } from './config.ts';
import { auditCheckpointJob } from './platform/audit/checkpoint-job.ts';
import { purgeEndedLimitWindowsJob } from './platform/http/address-limits.ts';
import { purgeExpiredSessionsJob, type JobDefinition } from './platform/jobs/jobs.ts';
import { createLogger } from './platform/logging.ts';
import { createMailer } from './platform/mail/mailer.ts';
import { purgeReportingLeftoversJob } from './features/reporting/jobs.ts';
import { caseRemindersJob, compactCaseTalliesJob } from './features/cases/jobs.ts';
import { purgeExpiredCasesJob } from './features/cases/commands/purge-expired.ts';
import { compactStatisticsJob } from './features/figures/jobs.ts';

/** Every background job of the product. */
export function jobDefinitions(config: Config): JobDefinition[] {
  return [
    purgeExpiredSessionsJob(config.sessionIdleMs),
    purgeEndedLimitWindowsJob,
    auditCheckpointJob(config.audit),
    purgeReportingLeftoversJob,
    purgeExpiredCasesJob,
    compactCaseTalliesJob,
    caseRemindersJob(createMailer(config.smtpUrl, config.mailFrom, createLogger(config.logLevel))),
    compactStatisticsJob,
  ];
}
