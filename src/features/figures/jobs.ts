/** Background work of the figures: folding the monthly sums of the statistical record. */
import { sql } from 'drizzle-orm';
import type { JobDefinition } from '../../platform/jobs/jobs.ts';

export const compactStatisticsJobName = 'figures.compact-statistics';

/** Every night at 03:25 UTC: the day's rows of changes in the monthly sums become one row per key (migration 0013). */
export const compactStatisticsJob: JobDefinition = {
  name: compactStatisticsJobName,
  cron: '25 3 * * *',
  expireInSeconds: 10 * 60,
  async run({ db, logger }) {
    const [row] = ((await db.execute(sql`select statistics_months_compact() as kept`)) as unknown as { rows: { kept: number }[] }).rows;
    logger.info({ job: compactStatisticsJobName, kept: Number(row?.kept ?? 0) }, 'monthly statistics compacted');
  },
};
