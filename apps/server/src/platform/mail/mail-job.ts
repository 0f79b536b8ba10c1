import { z } from 'zod';
import type { JobQueue } from '../queue/job-queue.js';
import type { Executor } from '../db/database.js';
import { open, seal } from '../crypto/secret-box.js';
import type { Mail, Mailer } from './mailer.js';

/** Mail leaves through the job queue: enqueued with the write, retried if SMTP is down. */
export const MAIL_JOB = 'mail.send';
const mailJobSchema = z.object({ to: z.string(), subject: z.string(), text: z.string() });

const sealedJobSchema = z.object({ sealed: z.string() });

/**
 * A mail carrying a secret (an invitation or reset link): the job row holds it sealed with the
 * server key (AES-GCM), so the database — and its backups, and pg-boss's archive of finished
 * jobs — never hold the token in clear; only its hash is stored where it is checked.
 */
export async function enqueueSecretMail(queue: JobQueue, trx: Executor, serverKey: Buffer, mail: Mail): Promise<void> {
  await queue.enqueue(trx, MAIL_JOB, { sealed: seal(serverKey, JSON.stringify(mail)) });
}

export function defineMailJob(queue: JobQueue, mailer: Mailer, serverKey: Buffer) {
  queue.define(MAIL_JOB, async (data) => {
    const sealed = sealedJobSchema.safeParse(data);
    await mailer.send(mailJobSchema.parse(sealed.success ? JSON.parse(open(serverKey, sealed.data.sealed)) : data));
  });
}
