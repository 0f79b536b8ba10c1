import { normaliseEmail } from '@vigie/domain';
import type { Executor } from '../../../platform/db/database.js';
import { channelOwner, insertContact, insertInteraction, replaceChannels } from './contacts.queries.js';

/**
 * The recipient of a data-sharing agreement, in the one contacts registry: the contact holding
 * this address (found by its normalised channel, so a researcher met before is not duplicated)
 * or a new person with the researcher role. The agreement is noted on their timeline, so the
 * desk sees, from the contact, what data this person was given. Called by the research module
 * in the transaction that creates the agreement. No consent is recorded: an agreement is a
 * contract, not a subscription to any list.
 */
export async function contactForResearchRecipient(db: Executor, v: {
  organisationId: string; name: string; email: string; institution: string; summary: string; recordedBy: string;
}): Promise<{ contactId: string; created: boolean }> {
  const normalised = normaliseEmail(v.email);
  const owner = await channelOwner(db, 'email', normalised);
  let contactId = owner?.id;
  if (!contactId) {
    const row = await insertContact(db, v.organisationId, v.recordedBy, {
      kind: 'person', display_name: v.name.slice(0, 200), employer_id: null, organisation_type: null, job_title: null,
      beat: null, languages: [], roles: ['researcher'], tags: [], notes: v.institution ? `Institution : ${v.institution}`.slice(0, 5000) : null,
      source: 'Convention de partage de données',
    });
    contactId = row.id;
    await replaceChannels(db, v.organisationId, contactId, [{ kind: 'email', value: v.email.trim(), normalised, label: null }]);
  }
  await insertInteraction(db, { organisationId: v.organisationId, contactId, kind: 'note', summary: v.summary.slice(0, 2000), recordedBy: v.recordedBy });
  return { contactId, created: !owner };
}
