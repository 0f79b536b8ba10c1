import { normaliseEmail } from '@vigie/domain';
import type { Executor } from '../../../platform/db/database.js';
import { addListMember, channelOwner, insertConsentEvent, insertContact, replaceChannels } from './contacts.queries.js';

/**
 * A confirmed newsletter subscription, written into the registry: the contact holding this
 * address (found by its normalised channel, so signing up twice never makes a second contact)
 * or a new one, added to the list, and a granted consent event with the form's exact text and
 * version (RGPD art. 7(1)). Called by the newsletter module once the person pressed the button.
 */
export async function recordConfirmedSubscription(db: Executor, v: {
  organisationId: string; listId: string; email: string; displayName: string | null; formVersion: string; formText: string;
  /** Where the contact came from, when the subscription creates it (default: the newsletter's sign-up). */
  source?: string;
}): Promise<{ contactId: string; created: boolean }> {
  const normalised = normaliseEmail(v.email);
  const owner = await channelOwner(db, 'email', normalised);
  let contactId = owner?.id;
  if (!contactId) {
    const row = await insertContact(db, v.organisationId, null, {
      kind: 'person', display_name: (v.displayName || normalised).slice(0, 200), employer_id: null, organisation_type: null, job_title: null,
      beat: null, languages: [], roles: [], tags: [], notes: null, source: v.source ?? 'Inscription en ligne à la lettre d’information (double opt-in)',
    });
    contactId = row.id;
    await replaceChannels(db, v.organisationId, contactId, [{ kind: 'email', value: v.email.trim(), normalised, label: null }]);
  }
  await addListMember(db, v.organisationId, v.listId, contactId, null);
  await insertConsentEvent(db, {
    organisationId: v.organisationId, contactId, listId: v.listId, channel: 'email', status: 'granted', method: 'double_opt_in',
    formVersion: v.formVersion, formText: v.formText, note: null, recordedBy: null,
  });
  return { contactId, created: !owner };
}
