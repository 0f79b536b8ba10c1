import type { Executor } from '../../../platform/db/database.js';
import { insertConsentEvent, insertInteraction } from './contacts.queries.js';

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
