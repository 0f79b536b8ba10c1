import { sql, type Insertable, type Selectable } from 'kysely';
import type { Executor } from '../../../platform/db/database.js';
import type { DonationsTable, MembersTable, MembershipsTable, ReceiptSettingsTable, ReceiptsTable } from './members.table.js';
import './members.table.js';

export type MemberRow = Selectable<MembersTable>;
export type MembershipRow = Selectable<MembershipsTable>;
export type DonationRow = Selectable<DonationsTable>;
export type SettingsRow = Selectable<ReceiptSettingsTable>;
/** A receipt without its PDF bytes (lists), with the id of the cancellation that cancels it, if any. */
export type ReceiptSummaryRow = Omit<Selectable<ReceiptsTable>, 'pdf'> & { cancelled_by: string | null };

export async function findSettings(db: Executor): Promise<SettingsRow | undefined> {
  return db.selectFrom('receipt_settings').selectAll().executeTakeFirst();
}
export async function upsertSettings(db: Executor, v: Insertable<ReceiptSettingsTable>) {
  const { organisation_id: _org, ...changes } = v;
  await db.insertInto('receipt_settings').values(v).onConflict((oc) => oc.column('organisation_id').doUpdateSet({ ...changes, updated_at: new Date() })).execute();
}

export async function insertMember(db: Executor, v: Insertable<MembersTable>): Promise<MemberRow> {
  return db.insertInto('members').values(v).returningAll().executeTakeFirstOrThrow();
}
export async function findMember(db: Executor, id: string) {
  return db.selectFrom('members').selectAll().where('id', '=', id).executeTakeFirst();
}
export async function listMembers(db: Executor, q?: string) {
  let query = db.selectFrom('members').selectAll();
  if (q) query = query.where(sql<boolean>`lower(full_name) LIKE ${`%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
  return query.orderBy(sql`lower(full_name)`).limit(500).execute();
}
export async function contactExists(db: Executor, id: string) {
  return !!(await db.selectFrom('contacts').select('id').where('id', '=', id).executeTakeFirst());
}

export async function insertMembership(db: Executor, v: Insertable<MembershipsTable>): Promise<MembershipRow> {
  return db.insertInto('memberships').values(v).returningAll().executeTakeFirstOrThrow();
}
export async function membershipOf(db: Executor, memberId: string, year: number) {
  return db.selectFrom('memberships').select('id').where('member_id', '=', memberId).where('year', '=', year).executeTakeFirst();
}
/** `lock` holds the payment while a receipt is issued for it: two clicks at once give one receipt. */
export async function findMembership(db: Executor, id: string, lock = false) {
  let q = db.selectFrom('memberships as ms').innerJoin('members as m', 'm.id', 'ms.member_id')
    .selectAll('ms').select(['m.full_name', 'm.address', 'm.postcode', 'm.city']).where('ms.id', '=', id);
  if (lock) q = q.forUpdate('ms');
  return q.executeTakeFirst();
}
export async function membershipsOf(db: Executor, memberIds: string[]): Promise<MembershipRow[]> {
  if (memberIds.length === 0) return [];
  return db.selectFrom('memberships').selectAll().where('member_id', 'in', memberIds).orderBy('year', 'desc').execute();
}

export async function insertDonation(db: Executor, v: Insertable<DonationsTable>): Promise<DonationRow> {
  return db.insertInto('donations').values(v).returningAll().executeTakeFirstOrThrow();
}
export async function findDonation(db: Executor, id: string, lock = false) {
  let q = db.selectFrom('donations').selectAll().where('id', '=', id);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}
export async function listDonations(db: Executor) {
  return db.selectFrom('donations').selectAll().orderBy('received_on', 'desc').limit(500).execute();
}

/** Takes the next number of a series for a year: the counter row is locked until the transaction ends. */
export async function nextReceiptNumber(db: Executor, organisationId: string, series: string, year: number): Promise<number> {
  const row = await db.insertInto('receipt_counters').values({ organisation_id: organisationId, series, year, last_number: 1 })
    .onConflict((oc) => oc.columns(['organisation_id', 'series', 'year']).doUpdateSet({ last_number: sql`receipt_counters.last_number + 1` }))
    .returning('last_number').executeTakeFirstOrThrow();
  return row.last_number;
}
export async function insertReceipt(db: Executor, v: Insertable<ReceiptsTable>) {
  return db.insertInto('receipts').values(v).returning(['id']).executeTakeFirstOrThrow();
}
const summaryColumns = ['r.id', 'r.organisation_id', 'r.series', 'r.year', 'r.number', 'r.reference', 'r.kind', 'r.membership_id', 'r.donation_id',
  'r.cancels_id', 'r.reason', 'r.payer_name', 'r.amount_cents', 'r.issued_by', 'r.issued_at', 'r.pdf_sha256'] as const;
function receiptsQuery(db: Executor) {
  return db.selectFrom('receipts as r').leftJoin('receipts as c', 'c.cancels_id', 'r.id').select(summaryColumns).select('c.id as cancelled_by');
}
/** The receipts of these memberships or gifts, and the cancellations that name them. */
export async function receiptsFor(db: Executor, column: 'membership_id' | 'donation_id', ids: string[]): Promise<ReceiptSummaryRow[]> {
  if (ids.length === 0) return [];
  return receiptsQuery(db).where(`r.${column}`, 'in', ids).orderBy('r.issued_at').orderBy('r.number').execute();
}
export async function findReceipt(db: Executor, id: string) {
  return db.selectFrom('receipts as r').selectAll('r').select((eb) => eb.selectFrom('receipts as c').select('c.id').whereRef('c.cancels_id', '=', 'r.id').as('cancelled_by'))
    .where('r.id', '=', id).executeTakeFirst();
}
export async function organisationName(db: Executor) {
  return (await db.selectFrom('organisations').select('name').executeTakeFirstOrThrow()).name;
}

/** Members with an address, keyed by it lower-cased (the payment import finds payers by e-mail). */
export async function membersWithEmail(db: Executor) {
  return db.selectFrom('members').select(['id', 'full_name', 'address', 'postcode', 'city', sql<string>`lower(btrim(email))`.as('email')])
    .where('email', 'is not', null).where('email', '<>', '').orderBy('created_at').execute();
}
/** Which of these platform references are already recorded, as dues or as gifts. */
export async function recordedRefs(db: Executor, refs: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let at = 0; at < refs.length; at += 5_000) {
    const slice = refs.slice(at, at + 5_000);
    const rows = await db.selectFrom('memberships').select('external_ref').where('external_ref', 'in', slice)
      .union(db.selectFrom('donations').select('external_ref').where('external_ref', 'in', slice)).execute();
    for (const r of rows) if (r.external_ref) found.add(r.external_ref);
  }
  return found;
}
/** The years each of these members already has dues for. */
export async function membershipYears(db: Executor, memberIds: string[]) {
  if (memberIds.length === 0) return [];
  return db.selectFrom('memberships').select(['member_id', 'year']).where('member_id', 'in', memberIds).execute();
}
