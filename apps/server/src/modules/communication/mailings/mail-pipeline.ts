import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Config } from '../../../config.js';
import type { Db, Trx } from '../../../platform/db/database.js';
import type { Mailer } from '../../../platform/mail/mailer.js';
import type { JobQueue } from '../../../platform/queue/job-queue.js';
import { recordReceived } from '../contacts/contact-events.js';
import { deliveryToSend, findMailingBySource, insertDeliveries, insertMailing, setDeliveryStatus, suppressionFor } from './mailings.queries.js';

/**
 * The one outgoing mail pipeline. A mailing is queued in the caller's transaction: one
 * delivery row and one background job per recipient. Each job checks the suppression list
 * right before sending, sends with a per-recipient return path (bounce+<token>@domain, where
 * bounces come back to the IMAP mailbox) and, for bulk mail, RFC 8058 one-click unsubscribe
 * headers whose URL only acts on POST. No open or click tracking: the body is sent as written.
 */
export const MAIL_DELIVERY_JOB = 'mail.delivery';
const jobSchema = z.object({ deliveryId: z.uuid() });

export type Recipient = { contactId: string | null; email: string };
export type Attachment = { filename: string; content: Buffer; contentType: string };
/** Attachments are built at send time by the module that owns the source (a press release's PDF). */
export type AttachmentSource = (purpose: string, sourceId: string) => Promise<Attachment[]>;

export async function queueMailing(trx: Trx, queue: JobQueue, v: {
  organisationId: string; purpose: 'press_release' | 'newsletter' | 'manual' | 'transactional'; sourceId: string | null;
  listId: string | null; subject: string; bodyText: string; bulk: boolean; createdBy: string | null; recipients: Recipient[];
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

export function defineMailPipeline(queue: JobQueue, deps: { db: Db; mailer: Mailer; config: Config; attachments?: AttachmentSource }) {
  const wait = rateLimiter(deps.config.mailRatePerSecond);
  queue.define(MAIL_DELIVERY_JOB, async (data) => {
    const { deliveryId } = jobSchema.parse(data);
    const d = await deliveryToSend(deps.db, deliveryId);
    // Already sent, bounced or suppressed: a retried job never sends twice.
    if (!d || (d.status !== 'queued' && d.status !== 'deferred')) return;
    if (d.bulk && await suppressionFor(deps.db, d.organisation_id, d.address, d.list_id)) {
      await setDeliveryStatus(deps.db, d.id, 'suppressed');
      return;
    }
    const headers: Record<string, string> = { 'X-Vigie-Delivery': d.token };
    let text = d.body_text;
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
        return;
      }
      // Deferred with the reason; pg-boss retries with backoff and nothing is lost.
      await setDeliveryStatus(deps.db, d.id, 'deferred', { error, attempt: true });
      throw err;
    }
    await setDeliveryStatus(deps.db, d.id, 'sent', { sent: true, attempt: true, error: null });
    if (d.contact_id) {
      await recordReceived(deps.db, { organisationId: d.organisation_id, contactId: d.contact_id, subject: d.subject, mailingId: d.mailing_id });
    }
  }, { batchSize: 50 });
}
