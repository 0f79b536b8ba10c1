import type { Executor } from '../../../platform/db/database.js';
import { deleteListUnsubscribe, deliveriesOf, eraseAddressesFromMail, reassignDeliveries } from './mailings.queries.js';

/** What the contacts module asks of the mail pipeline for a person's rights: export and erasure. */
export async function mailSentTo(db: Executor, contactId: string) {
  return deliveriesOf(db, contactId);
}

export async function forgetInMail(db: Executor, contactId: string, addresses: string[]) {
  await eraseAddressesFromMail(db, contactId, addresses);
}

/** A confirmed re-subscription: the person's earlier unsubscribe from this list no longer stands. */
export async function liftListUnsubscribe(db: Executor, organisationId: string, address: string, listId: string) {
  await deleteListUnsubscribe(db, organisationId, address, listId);
}

/** Two contacts merged: the deliveries of the duplicate follow it to the contact kept. */
export async function moveMailRecords(db: Executor, fromContactId: string, toContactId: string) {
  await reassignDeliveries(db, fromContactId, toContactId);
}
