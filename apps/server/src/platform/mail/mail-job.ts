import { z } from 'zod';
import type { JobQueue } from '../queue/job-queue.js';
import type { Mailer } from './mailer.js';

/** Mail leaves through the job queue: enqueued with the write, retried if SMTP is down. */
export const MAIL_JOB = 'mail.send';
const mailJobSchema = z.object({ to: z.string(), subject: z.string(), text: z.string() });

export function defineMailJob(queue: JobQueue, mailer: Mailer) {
  queue.define(MAIL_JOB, async (data) => {
    await mailer.send(mailJobSchema.parse(data));
  });
}
