import type { Locale } from '@vigie/domain';
import type { Trx } from '../../../platform/db/database.js';
import { translate } from '../../../platform/errors/messages.js';
import type { JobQueue } from '../../../platform/queue/job-queue.js';
import { contactsByAddress } from '../contacts/contact-events.js';
import { queueOneMail } from '../mailings/mail-pipeline.js';
import { registrantsOf, type EventRow } from './campaigns.queries.js';

/**
 * When an event is called off, each person registered gets one notification through the mail
 * pipeline, queued in the transaction that cancels it: one mailing per registration, keyed by the
 * registration's id, so a retried request never mails anyone twice (and an event is cancelled
 * only once). Notifications follow the pipeline's rule: only a suppression for every list stops
 * them. The language is the account's for a team member, else that of a contact with the same
 * address, else French.
 */
function when(e: EventRow, locale: Locale) {
  return e.starts_at.toLocaleString(locale === 'en' ? 'en-GB' : 'fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'full', timeStyle: 'short' });
}

export async function tellRegistrantsOfCancellation(trx: Trx, queue: JobQueue, organisationId: string, e: EventRow): Promise<number> {
  const registrants = await registrantsOf(trx, e.id);
  const contacts = await contactsByAddress(trx, registrants.map((r) => r.email));
  for (const r of registrants) {
    const contact = contacts.get(r.email.toLowerCase());
    const known = r.user_id ? r.locale : contact?.locale;
    const locale: Locale = known === 'en' ? 'en' : 'fr';
    const values = {
      name: r.name, title: e.title, date: when(e, locale),
      place: e.place ? translate('mail.event_cancelled.place', locale, { place: e.place }) : '',
    };
    await queueOneMail(trx, { queue }, {
      organisationId, purpose: 'transactional', to: r.email, contactId: contact?.contactId ?? null, sourceId: r.id,
      subject: translate('mail.event_cancelled.subject', locale, values), text: translate('mail.event_cancelled.body', locale, values),
    });
  }
  return registrants.length;
}
