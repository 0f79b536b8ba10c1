import type { Db } from '../../../platform/db/database.js';
import type { JobQueue } from '../../../platform/queue/job-queue.js';
import { foldStatisticsCells } from './statistics.cells.js';

export const FOLD_CELLS_JOB = 'statistics.fold-cells';

/**
 * Every five minutes: each cell's delta rows folded into one (migrations 20e-01, 20b-01, 20c-01, 20f-01, 20g-01). Figures are
 * exact without it; it keeps the cells few, so a year stays a few thousand rows to sum.
 */
export function defineStatisticsJobs(queue: JobQueue, deps: { db: Db }): void {
  queue.defineScheduled(FOLD_CELLS_JOB, { cron: '*/5 * * * *', tz: 'Europe/Paris' }, async () => {
    await foldStatisticsCells(deps.db);
  });
}
