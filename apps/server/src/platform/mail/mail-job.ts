import { z } from 'zod';
import type { JobQueue } from '../queue/job-queue.js';
import { open } from '../crypto/secret-box.js';
import type { Mailer } from './mailer.js';

/**
 * The mail job of earlier versions. Every mail now leaves through the communication desk's
 * pipeline (modules/communication/mailings/mail-pipeline.ts: per-recipient status, suppression
 * list); nothing enqueues this job any more. It stays defined so that mail queued by an earlier
 * version just before an upgrade (some sealed: an invitation or a reset link) still leaves.
 */
export const MAIL_JOB = 'mail.send';
const mailJobSchema = z.object({ to: z.string(), subject: z.string(), text: z.string() });

const sealedJobSchema = z.object({ sealed: z.string() });

export function defineMailJob(queue: JobQueue, mailer: Mailer, serverKey: Buffer) {
  queue.define(MAIL_JOB, async (data) => {
    const sealed = sealedJobSchema.safeParse(data);
    await mailer.send(mailJobSchema.parse(sealed.success ? JSON.parse(open(serverKey, sealed.data.sealed)) : data));
  });
}
