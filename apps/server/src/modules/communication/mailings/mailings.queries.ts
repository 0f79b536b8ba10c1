import { sql } from 'kysely';
import type { Executor } from '../../../platform/db/database.js';
import './mailings.table.js';
import '../contacts/contacts.table.js';

/** SQL of the outgoing mail pipeline: mailings, deliveries, the suppression list, bounces. No rules. */

export async function insertMailing(db: Executor, v: {
  organisationId: string; purpose: string; sourceId: string | null; listId: string | null; subject: string; bodyText: string;
  bulk: boolean; createdBy: string | null; sealedSecret?: string | null;
}) {
  return db.insertInto('mailings').values({
    organisation_id: v.organisationId, purpose: v.purpose, source_id: v.sourceId, list_id: v.listId, subject: v.subject,
    body_text: v.bodyText, bulk: v.bulk, created_by: v.createdBy, sealed_secret: v.sealedSecret ?? null,
  }).returning('id').executeTakeFirstOrThrow();
}

export async function findMailingBySource(db: Executor, sourceId: string) {
  return db.selectFrom('mailings').select('id').where('source_id', '=', sourceId).executeTakeFirst();
}

export async function insertDeliveries(db: Executor, rows: Array<{ organisationId: string; mailingId: string; contactId: string | null; address: string; token: string }>) {
  const out: Array<{ id: string }> = [];
  for (let i = 0; i < rows.length; i += 1000) {
    const chunk = rows.slice(i, i + 1000).map((r) => ({
      organisation_id: r.organisationId, mailing_id: r.mailingId, contact_id: r.contactId, address: r.address, token: r.token,
    }));
    out.push(...await db.insertInto('mail_deliveries').values(chunk).onConflict((oc) => oc.doNothing()).returning('id').execute());
  }
  return out;
}

/** A delivery with what sending it needs (read by the job, outside any organisation scope). */
export async function deliveryToSend(db: Executor, id: string) {
  return db.selectFrom('mail_deliveries as d').innerJoin('mailings as m', 'm.id', 'd.mailing_id')
    .select(['d.id', 'd.organisation_id', 'd.address', 'd.status', 'd.token', 'd.attempts', 'd.contact_id', 'm.id as mailing_id',
      'm.subject', 'm.body_text', 'm.bulk', 'm.list_id', 'm.purpose', 'm.source_id', 'm.sealed_secret'])
    .where('d.id', '=', id).executeTakeFirst();
}

/**
 * A notification or account mail whose every delivery is settled forgets its subject, text and
 * sealed link (mail-pipeline.ts says why). Bulk mail is left as it is.
 */
export async function forgetMailingContent(db: Executor, mailingId: string) {
  await db.updateTable('mailings').set({ subject: '', body_text: '', sealed_secret: null })
    .where('id', '=', mailingId).where('bulk', '=', false)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('mail_deliveries').select('id').whereRef('mailing_id', '=', 'mailings.id')
      .where('status', 'in', ['queued', 'deferred'])))).execute();
}

/** The desk's recent mail: the latest deliveries, whatever sent them (account mail only for who manages accounts). */
export async function recentDeliveries(db: Executor, organisationId: string, options: { purposes?: string[]; withAccountMail: boolean; limit: number }) {
  let q = db.selectFrom('mail_deliveries as d').innerJoin('mailings as m', 'm.id', 'd.mailing_id')
    .select(['d.id', 'd.mailing_id', 'd.address', 'd.status', 'd.attempts', 'd.last_error', 'd.sent_at', 'd.updated_at', 'm.purpose', 'm.subject', 'm.bulk'])
    .where('d.organisation_id', '=', organisationId).orderBy('d.updated_at', 'desc').orderBy('d.id').limit(options.limit);
  if (options.purposes?.length) q = q.where('m.purpose', 'in', options.purposes);
  if (!options.withAccountMail) q = q.where('m.purpose', '<>', 'account');
  return q.execute();
}

export async function setDeliveryStatus(db: Executor, id: string, status: string, extra: { error?: string | null; sent?: boolean; attempt?: boolean } = {}) {
  await db.updateTable('mail_deliveries').set({
    status, updated_at: new Date(),
    ...(extra.error !== undefined && { last_error: extra.error }),
    ...(extra.sent && { sent_at: new Date() }),
    ...(extra.attempt && { attempts: sql<number>`attempts + 1` as unknown as number }),
  }).where('id', '=', id).execute();
}

/** Is this address suppressed for this list (or for every bulk mail)? */
export async function suppressionFor(db: Executor, organisationId: string, address: string, listId: string | null) {
  return db.selectFrom('mail_suppressions').select(['reason', 'list_id'])
    .where('organisation_id', '=', organisationId).where(sql<boolean>`lower(address) = lower(${address})`)
    .where((eb) => (listId ? eb.or([eb('list_id', 'is', null), eb('list_id', '=', listId)]) : eb('list_id', 'is', null)))
    .executeTakeFirst();
}

export async function addSuppression(db: Executor, v: { organisationId: string; address: string; listId: string | null; reason: string; note?: string | null }) {
  return db.insertInto('mail_suppressions').values({
    organisation_id: v.organisationId, address: v.address.toLowerCase(), list_id: v.listId, reason: v.reason, note: v.note ?? null,
  }).onConflict((oc) => oc.doNothing()).returning('id').executeTakeFirst();
}

export async function suppressions(db: Executor) {
  return db.selectFrom('mail_suppressions as s').leftJoin('contact_lists as l', 'l.id', 's.list_id')
    .select(['s.id', 's.address', 's.reason', 's.note', 's.created_at', 'l.name as list_name']).orderBy('s.created_at', 'desc').limit(1000).execute();
}

export async function deleteSuppression(db: Executor, id: string) {
  return db.deleteFrom('mail_suppressions').where('id', '=', id).returning(['address', 'reason', 'list_id']).executeTakeFirst();
}

export async function mailingWithCounts(db: Executor, id: string) {
  const mailing = await db.selectFrom('mailings').selectAll().where('id', '=', id).executeTakeFirst();
  if (!mailing) return undefined;
  const counts = await db.selectFrom('mail_deliveries').select(['status', sql<string>`count(*)`.as('n')])
    .where('mailing_id', '=', id).groupBy('status').execute();
  return { mailing, counts: Object.fromEntries(counts.map((c) => [c.status, Number(c.n)])) as Record<string, number> };
}

export async function deliveriesOfMailing(db: Executor, mailingId: string) {
  return db.selectFrom('mail_deliveries').select(['id', 'address', 'status', 'attempts', 'last_error', 'sent_at', 'updated_at'])
    .where('mailing_id', '=', mailingId).orderBy('address').limit(5000).execute();
}

/** What a contact was sent, for their data export. */
export async function deliveriesOf(db: Executor, contactId: string) {
  return db.selectFrom('mail_deliveries as d').innerJoin('mailings as m', 'm.id', 'd.mailing_id')
    .select(['m.subject', 'd.status', 'd.sent_at']).where('d.contact_id', '=', contactId).orderBy('d.updated_at').execute();
}

/** A merge of two contacts: what was sent to the duplicate now shows on the contact kept. */
export async function reassignDeliveries(db: Executor, fromContactId: string, toContactId: string) {
  await db.updateTable('mail_deliveries').set({ contact_id: toContactId }).where('contact_id', '=', fromContactId).execute();
}

/** Erasure: past deliveries forget the address, the suppression list forgets it too. */
export async function eraseAddressesFromMail(db: Executor, contactId: string, addresses: string[]) {
  await db.updateTable('mail_deliveries').set({ address: sql<string>`'erased-' || id::text`, contact_id: null })
    .where((eb) => eb.or([eb('contact_id', '=', contactId), ...(addresses.length ? [eb(sql`lower(address)`, 'in', addresses)] : [])])).execute();
  if (addresses.length) await db.deleteFrom('mail_suppressions').where(sql`lower(address)`, 'in', addresses).execute();
  await db.updateTable('mail_bounces').set({ address: 'erased', excerpt: '' })
    .where((eb) => (addresses.length ? eb(sql`lower(address)`, 'in', addresses) : sql<boolean>`false`)).execute();
}

export async function deliveryByToken(db: Executor, token: string) {
  return db.selectFrom('mail_deliveries as d').innerJoin('mailings as m', 'm.id', 'd.mailing_id')
    .leftJoin('contact_lists as l', 'l.id', 'm.list_id')
    .select(['d.id', 'd.organisation_id', 'd.address', 'd.contact_id', 'd.status', 'm.list_id', 'l.name as list_name'])
    .where('d.token', '=', token).executeTakeFirst();
}

/** A person who subscribes again lifts their own unsubscribe from that list (never a bounce or a complaint). */
export async function deleteListUnsubscribe(db: Executor, organisationId: string, address: string, listId: string) {
  await db.deleteFrom('mail_suppressions').where('organisation_id', '=', organisationId).where(sql<boolean>`lower(address) = lower(${address})`)
    .where('list_id', '=', listId).where('reason', '=', 'unsubscribed').execute();
}
