import type { Db } from '../../../platform/db/database.js';
import type { JobQueue } from '../../../platform/queue/job-queue.js';
import { MONITORING_DIGEST_JOB, MONITORING_DIGEST_SCHEDULE, sendDigests } from './monitoring-digest.js';
import { pollDueSources } from './poll-sources.js';

/**
 * The monitoring's background work on pg-boss: every 10 minutes the sources whose time has come
 * are polled (each on its own schedule, with its back-off), and every morning the digest leaves.
 */
export const MONITORING_POLL_JOB = 'monitoring.poll';
export const MONITORING_POLL_SCHEDULE = { cron: '*/10 * * * *', tz: 'Europe/Paris' };

export function defineMonitoringJobs(queue: JobQueue, deps: { db: Db }) {
  queue.defineScheduled(MONITORING_POLL_JOB, MONITORING_POLL_SCHEDULE, async () => {
    await pollDueSources({ db: deps.db });
  });
  queue.defineScheduled(MONITORING_DIGEST_JOB, MONITORING_DIGEST_SCHEDULE, async () => {
    await sendDigests({ db: deps.db, queue });
  });
}
