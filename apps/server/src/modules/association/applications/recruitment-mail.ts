import type { Executor } from '../../../platform/db/database.js';
import { MAIL_JOB } from '../../../platform/mail/mail-job.js';
import type { AppContext } from '../../../platform/context.js';

/**
 * The one door recruitment mail leaves through (application receipts today; job alerts and
 * reply templates next). It uses the platform mail job until the communication desk's pipeline
 * (suppression list, one-click unsubscribe) is merged: switch this function, nothing else.
 */
export async function sendRecruitmentMail(ctx: AppContext, trx: Executor, mail: { to: string; subject: string; text: string }) {
  await ctx.queue.enqueue(trx, MAIL_JOB, mail);
}
