import type { JobQueue } from '../queue/job-queue.js';
import type { Mailer } from './mailer.js';
/** Mail leaves through the job queue: enqueued with the write, retried if SMTP is down. */
export declare const MAIL_JOB = "mail.send";
export declare function defineMailJob(queue: JobQueue, mailer: Mailer): void;
