/** Background work of the figures: folding the monthly sums of the statistical record. */
import { foldingJob } from '../../platform/jobs/jobs.ts';

export const compactStatisticsJobName = 'figures.compact-statistics';

/** Every night at 03:25 UTC: the day's rows of changes in the monthly sums become one row per key (migration 0013). */
export const compactStatisticsJob = foldingJob(compactStatisticsJobName, '25 3 * * *', 'statistics_months_compact', 'monthly statistics compacted');
