import type { Executor } from '../../../platform/db/database.js';
import { insertConsentEvent, insertInteraction, languagesOfAddresses } from './contacts.queries.js';

/**
 * What other modules write into a contact's file, through this module: a withdrawal by one-click
 * unsubscribe (the consent ledger) and a received mail (the timeline).
 */
export async function recordOneClickWithdrawal(db: Executor, v: { organisationId: string; contactId: string; listId: string | null }) {
  await insertConsentEvent(db, {
    organisationId: v.organisationId, contactId: v.contactId, listId: v.listId, channel: 'email', status: 'withdrawn',
    method: 'one_click_unsubscribe', formVersion: null, formText: null, note: null, recordedBy: null,
  });
}

export async function recordReceived(db: Executor, v: { organisationId: string; contactId: string; subject: string; mailingId: string }) {
  await insertInteraction(db, { organisationId: v.organisationId, contactId: v.contactId, kind: 'received', summary: v.subject, mailingId: v.mailingId, recordedBy: null });
}

/**
 * What other modules may know of a contact by their address, to write to them: the contact (so
 * the mail shows in their timeline) and the language they read ('fr' or 'en', the first of their
 * languages Vigie writes in), or nothing when no contact has that address.
 */
export async function contactsByAddress(db: Executor, emails: string[]): Promise<Map<string, { contactId: string; displayName: string; locale: 'fr' | 'en' | null }>> {
  const found = new Map<string, { contactId: string; displayName: string; locale: 'fr' | 'en' | null }>();
  // In slices: a payment import may ask for thousands of addresses, beyond a statement's parameters.
  for (let at = 0; at < emails.length; at += 5_000) {
    for (const r of await languagesOfAddresses(db, emails.slice(at, at + 5_000))) {
      if (found.has(r.normalised)) continue;
      const locale = r.languages.map((l) => l.toLowerCase().slice(0, 2)).find((l): l is 'fr' | 'en' => l === 'fr' || l === 'en') ?? null;
      found.set(r.normalised, { contactId: r.contact_id, displayName: r.display_name, locale });
    }
  }
  return found;
}
