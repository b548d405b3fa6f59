/** Background work of the reporting point: forget what it must not keep. */
import type { JobDefinition } from '../../platform/jobs/jobs.ts';
import { purgeAbandonedChunks, purgeExpiredDrafts } from '../case-record/service.ts';
import { purgeUsedFormTokens } from './form-tokens.ts';
import { purgeExpiredReceiptSessions } from './receipt-sessions.ts';

/**
 * Uploads held for a corrected form go after 24 hours, chunks of uploads cut off by a crash once they have
 * lain without a file for hours; used form tokens and receipt sessions once expired.
 */
export const purgeReportingLeftoversJob: JobDefinition = {
  name: 'reporting.purge-leftovers',
  cron: '7 * * * *',
  expireInSeconds: 10 * 60,
  async run({ db, logger }) {
    const drafts = await purgeExpiredDrafts(db);
    const abandonedUploads = await purgeAbandonedChunks(db);
    const tokens = await purgeUsedFormTokens(db);
    const sessions = await purgeExpiredReceiptSessions(db);
    logger.info({ drafts, abandonedUploads, tokens, sessions }, 'purged reporting leftovers');
  },
};
