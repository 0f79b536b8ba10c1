import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Config } from '../../../config.js';
import type { Db, Trx } from '../../../platform/db/database.js';
import type { Mailer } from '../../../platform/mail/mailer.js';
import type { JobQueue } from '../../../platform/queue/job-queue.js';
import { open, seal } from '../../../platform/crypto/secret-box.js';
import { recordReceived } from '../contacts/contact-events.js';
import {
  deliveryToSend, findMailingBySource, forgetMailingContent, insertDeliveries, insertMailing, setDeliveryStatus, suppressionFor,
} from './mailings.queries.js';

/**
 * The one outgoing mail pipeline. A mailing is queued in the caller's transaction: one
 * delivery row and one background job per recipient. Each job checks the suppression list
 * right before sending, sends with a per-recipient return path (bounce+<token>@domain, where
 * bounces come back to the IMAP mailbox) and, for bulk mail, RFC 8058 one-click unsubscribe
 * headers whose URL only acts on POST. No open or click tracking: the body is sent as written.
 *
 * Three kinds of mail, three suppression rules (checked by the job, right before sending):
 * - bulk (press releases, newsletter, a message to a list): any suppression of the address, for
 *   every list or for that list; List-Unsubscribe headers.
 * - notifications (`transactional`: reminders, digests, receipts, a sign-up confirmation): a
 *   suppression for every list (a hard bounce, complaints, a person who asked not to be
 *   contacted); an unsubscribe from one list does not stop them. No List-Unsubscribe.
 * - account mail (`account`: invitation, password reset, account locked): only a hard bounce
 *   (the address does not exist: nobody would read it and sending again harms the sender's
 *   reputation). A person who unsubscribed from the newsletter, or complained about it, must
 *   still be able to get into their account. No List-Unsubscribe.
 */
export const MAIL_DELIVERY_JOB = 'mail.delivery';
const jobSchema = z.object({ deliveryId: z.uuid() });

export type Recipient = { contactId: string | null; email: string };
export type MailPurpose = 'press_release' | 'newsletter' | 'manual' | 'transactional' | 'account' | 'job_alert';

/**
 * Where a secret link (an invitation, a reset) stands in an account mail's text. The text is
 * stored with this placeholder and the link sealed beside it; the job puts the link in at send
 * time and the sealed copy is dropped once the mail has left (or failed for good), so neither
 * the database, its backups nor the desk ever hold the link in clear.
 */
export const SECRET_SLOT = '[lien personnel / personal link]';
export type Attachment = { filename: string; content: Buffer; contentType: string };
/** Attachments are built at send time by the module that owns the source (a press release's PDF). */
export type AttachmentSource = (purpose: string, sourceId: string) => Promise<Attachment[]>;

export async function queueMailing(trx: Trx, queue: JobQueue, v: {
  organisationId: string; purpose: MailPurpose; sourceId: string | null;
  listId: string | null; subject: string; bodyText: string; bulk: boolean; createdBy: string | null; recipients: Recipient[];
  /** Sealed with the server key; only for one-recipient mail (see SECRET_SLOT). */
  sealedSecret?: string | null;
}): Promise<{ mailingId: string; queued: number; alreadyQueued: boolean }> {
  if (v.sourceId) {
    // A second click (or a retried request) finds the first mailing: nothing is sent twice.
    const existing = await findMailingBySource(trx, v.sourceId);
    if (existing) return { mailingId: existing.id, queued: 0, alreadyQueued: true };
  }
  const { id: mailingId } = await insertMailing(trx, v);
  const seen = new Set<string>();
  const rows = v.recipients.filter((r) => {
    const key = r.email.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  }).map((r) => ({ organisationId: v.organisationId, mailingId, contactId: r.contactId, address: r.email, token: randomBytes(16).toString('hex') }));
  const inserted = await insertDeliveries(trx, rows);
  await queue.enqueueMany(trx, MAIL_DELIVERY_JOB, inserted.map((d) => ({ deliveryId: d.id })));
  return { mailingId, queued: inserted.length, alreadyQueued: false };
}

/**
 * One mail to one person (a reminder, a receipt, an invitation): a mailing of its own, so the
 * desk shows it with its status like any other. `secret` is a link that must never be stored
 * in clear: write SECRET_SLOT in the text where it goes.
 */
export async function queueOneMail(trx: Trx, deps: { queue: JobQueue; serverKey?: Buffer }, v: {
  organisationId: string; purpose: 'transactional' | 'account'; to: string; subject: string; text: string;
  contactId?: string | null; sourceId?: string | null; createdBy?: string | null; secret?: string;
}) {
  let sealedSecret: string | null = null;
  if (v.secret !== undefined) {
    if (!deps.serverKey || !v.text.includes(SECRET_SLOT)) throw new Error('A secret link needs the server key and a place in the text');
    sealedSecret = seal(deps.serverKey, v.secret);
  }
  return queueMailing(trx, deps.queue, {
    organisationId: v.organisationId, purpose: v.purpose, sourceId: v.sourceId ?? null, listId: null, subject: v.subject,
    bodyText: v.text, bulk: false, createdBy: v.createdBy ?? null, recipients: [{ contactId: v.contactId ?? null, email: v.to }], sealedSecret,
  });
}

/** Does the suppression list stop this delivery? (The three rules above.) */
async function suppressed(db: Db, d: { organisation_id: string; address: string; list_id: string | null; bulk: boolean; purpose: string }) {
  if (d.bulk) return Boolean(await suppressionFor(db, d.organisation_id, d.address, d.list_id));
  const everyList = await suppressionFor(db, d.organisation_id, d.address, null);
  if (!everyList) return false;
  return d.purpose === 'account' ? everyList.reason === 'hard_bounce' : true;
}

/** Spaces sends so that no more than `perSecond` leave this process each second. */
function rateLimiter(perSecond: number) {
  const gap = 1000 / perSecond;
  let next = 0;
  return async () => {
    const now = Date.now();
    const at = Math.max(now, next);
    next = at + gap;
    if (at > now) await new Promise((r) => setTimeout(r, at - now));
  };
}

export function returnPathFor(config: Pick<Config, 'mailReturnPath'>, token: string): string {
  const [local, domain] = config.mailReturnPath.split('@');
  return `${local}+${token}@${domain}`;
}

export function unsubscribeUrl(config: Pick<Config, 'publicUrl'>, token: string): string {
  return `${config.publicUrl}/api/public/unsubscribe/${token}`;
}

export function defineMailPipeline(queue: JobQueue, deps: { db: Db; mailer: Mailer; config: Config; serverKey: Buffer; attachments?: AttachmentSource }) {
  const wait = rateLimiter(deps.config.mailRatePerSecond);
  /**
   * A delivery reached its last status (sent, failed for good, suppressed). A notification or an
   * account mail names what it is about (a reminder names the case, a digest the clippings), and
   * its text and subject are kept nowhere else: once its last recipient is settled they are
   * forgotten, with a sealed link, so erasing a case or a person leaves no copy here. The desk
   * still shows kind, recipient, status and time. Bulk mail (a release, a newsletter) keeps its
   * subject and text: they are what was published.
   */
  const settled = async (d: { bulk: boolean; mailing_id: string }) => {
    if (!d.bulk) await forgetMailingContent(deps.db, d.mailing_id);
  };
  queue.define(MAIL_DELIVERY_JOB, async (data) => {
    const { deliveryId } = jobSchema.parse(data);
    const d = await deliveryToSend(deps.db, deliveryId);
    // Already sent, bounced or suppressed: a retried job never sends twice.
    if (!d || (d.status !== 'queued' && d.status !== 'deferred')) return;
    if (await suppressed(deps.db, d)) {
      await setDeliveryStatus(deps.db, d.id, 'suppressed');
      await settled(d);
      return;
    }
    const headers: Record<string, string> = { 'X-Vigie-Delivery': d.token };
    let text = d.sealed_secret ? d.body_text.replaceAll(SECRET_SLOT, open(deps.serverKey, d.sealed_secret)) : d.body_text;
    if (d.bulk) {
      headers['List-Unsubscribe'] = `<${unsubscribeUrl(deps.config, d.token)}>`;
      headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
      text += `\n\n--\nSe désinscrire / Unsubscribe: ${deps.config.publicUrl}/unsubscribe/${d.token}\n`;
    }
    await wait();
    try {
      const attachments = d.source_id && deps.attachments ? await deps.attachments(d.purpose, d.source_id) : [];
      await deps.mailer.send({
        to: d.address, subject: d.subject, text, headers, returnPath: returnPathFor(deps.config, d.token),
        ...(attachments.length > 0 && { attachments }),
      });
    } catch (err) {
      const error = (err as Error).message.slice(0, 500);
      // The last try: failed for good, with the reason, so the sender sees who did not get it.
      if (Number(d.attempts) + 1 >= deps.config.mailMaxAttempts) {
        await setDeliveryStatus(deps.db, d.id, 'failed', { error, attempt: true });
        await settled(d);
        return;
      }
      // Deferred with the reason; pg-boss retries with backoff and nothing is lost.
      await setDeliveryStatus(deps.db, d.id, 'deferred', { error, attempt: true });
      throw err;
    }
    await setDeliveryStatus(deps.db, d.id, 'sent', { sent: true, attempt: true, error: null });
    await settled(d);
    if (d.contact_id) {
      await recordReceived(deps.db, { organisationId: d.organisation_id, contactId: d.contact_id, subject: d.subject, mailingId: d.mailing_id });
    }
  }, { batchSize: deliveryBatchSize(deps.config), concurrency: deps.config.mailConnections });
}

/**
 * A batch holds what the rate limiter lets through in about two seconds, so a mailing to
 * thousands is fetched in few statements and a stopped worker leaves few jobs active. The worker
 * fetches the next batch as soon as one is done (JobQueue's fetchAgain; before that, pg-boss
 * waited a poll interval between batches, and 50 jobs every 2 s had capped the rate at 25 mails a
 * second). The rate limiter stays the one limit. The batch is sent over MAIL_CONNECTIONS pooled
 * SMTP connections at once, so a slow server's round trips do not add up one mail after another.
 */
export function deliveryBatchSize(config: Pick<Config, 'mailRatePerSecond'>): number {
  return Math.max(50, Math.ceil(config.mailRatePerSecond * 2));
}
