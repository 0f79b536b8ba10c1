import type { Db } from '../../../platform/db/database.js';
import type { JobQueue } from '../../../platform/queue/job-queue.js';
import { deleteAllExpiredSignups } from './newsletters.queries.js';

/**
 * An unconfirmed sign-up holds an address nobody has confirmed: it must not outlive its
 * confirmation window. Sign-ups also purge their organisation's expired requests, but an
 * organisation nobody signs up to any more would keep them for ever; this nightly job does not.
 */
export const NEWSLETTER_PURGE_JOB = 'newsletter.purge-expired-signups';

export async function purgeExpiredSignups(db: Db): Promise<number> {
  return deleteAllExpiredSignups(db);
}

export function defineNewsletterJobs(queue: JobQueue, deps: { db: Db }): void {
  queue.defineScheduled(NEWSLETTER_PURGE_JOB, { cron: '40 3 * * *', tz: 'Europe/Paris' }, async () => {
    await purgeExpiredSignups(deps.db);
  });
}
