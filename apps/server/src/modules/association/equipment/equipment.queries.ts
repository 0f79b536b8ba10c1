import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Executor } from '../../../platform/db/database.js';
import type { EquipmentItemsTable, EquipmentLoansTable } from './equipment.table.js';
import './equipment.table.js';

export type ItemRow = Selectable<EquipmentItemsTable>;
export type LoanRow = Selectable<EquipmentLoansTable> & { borrower_name: string; lender_name: string };

export async function insertItem(db: Executor, values: Insertable<EquipmentItemsTable>): Promise<ItemRow> {
  return db.insertInto('equipment_items').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function updateItem(db: Executor, id: string, values: Updateable<EquipmentItemsTable>): Promise<ItemRow | undefined> {
  return db.updateTable('equipment_items').set({ ...values, updated_at: new Date() }).where('id', '=', id).returningAll().executeTakeFirst();
}

export async function findItems(db: Executor, ids: readonly string[]): Promise<ItemRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('equipment_items').selectAll().where('id', 'in', ids).execute();
}

export async function listItems(db: Executor): Promise<ItemRow[]> {
  return db.selectFrom('equipment_items').selectAll().orderBy('kind').orderBy('label').execute();
}

/** The open loan of each item that is out. */
export async function openLoanOfItems(db: Executor) {
  return db.selectFrom('equipment_loan_items as li').innerJoin('equipment_loans as l', 'l.id', 'li.loan_id').innerJoin('users as u', 'u.id', 'l.borrower_id')
    .select(['li.item_id', 'l.id as loan_id', 'l.borrower_id', 'u.display_name as borrower_name', 'l.out_at', 'l.due_on'])
    .where('li.returned_at', 'is', null).execute();
}

/** Items of the list already out (locked: two hand-overs of the same phone cannot both pass). */
export async function itemsOut(db: Executor, ids: readonly string[]): Promise<string[]> {
  const rows = await db.selectFrom('equipment_loan_items').select('item_id').where('item_id', 'in', ids).where('returned_at', 'is', null).execute();
  return rows.map((r) => r.item_id);
}

export async function lockItems(db: Executor, ids: readonly string[]): Promise<void> {
  await db.selectFrom('equipment_items').select('id').where('id', 'in', ids).orderBy('id').forUpdate().execute();
}

export async function insertLoan(db: Executor, values: Insertable<EquipmentLoansTable>) {
  return db.insertInto('equipment_loans').values(values).returning(['id']).executeTakeFirstOrThrow();
}

export async function insertLoanItems(db: Executor, organisationId: string, loanId: string, itemIds: readonly string[]) {
  await db.insertInto('equipment_loan_items').values(itemIds.map((item_id) => ({ organisation_id: organisationId, loan_id: loanId, item_id }))).execute();
}

const loanSelect = (db: Executor) => db.selectFrom('equipment_loans as l')
  .innerJoin('users as b', 'b.id', 'l.borrower_id').innerJoin('users as le', 'le.id', 'l.lender_id')
  .selectAll('l').select(['b.display_name as borrower_name', 'le.display_name as lender_name']);

export async function findLoan(db: Executor, id: string, lock = false): Promise<LoanRow | undefined> {
  if (lock) await db.selectFrom('equipment_loans').select('id').where('id', '=', id).forUpdate().execute();
  return loanSelect(db).where('l.id', '=', id).executeTakeFirst();
}

export async function listLoans(db: Executor, filter: { borrowerId?: string; open?: boolean }): Promise<LoanRow[]> {
  let q = loanSelect(db);
  if (filter.borrowerId) q = q.where('l.borrower_id', '=', filter.borrowerId);
  if (filter.open) q = q.where('l.returned_at', 'is', null);
  return q.orderBy('l.out_at', 'desc').limit(500).execute();
}

export async function itemsOfLoans(db: Executor, loanIds: readonly string[]) {
  if (loanIds.length === 0) return [];
  return db.selectFrom('equipment_loan_items as li').innerJoin('equipment_items as i', 'i.id', 'li.item_id')
    .select(['li.loan_id', 'i.id', 'i.kind', 'i.label', 'i.identifier', 'i.device_id', 'li.state_on_return'])
    .where('li.loan_id', 'in', loanIds).orderBy('i.kind').orderBy('i.label').execute();
}

export async function documentsOfLoans(db: Executor, loanIds: readonly string[]) {
  if (loanIds.length === 0) return [];
  return db.selectFrom('equipment_loan_documents').select(['loan_id', 'kind', 'sha256']).where('loan_id', 'in', loanIds).orderBy('created_at').execute();
}

export async function insertDocument(db: Executor, v: { organisationId: string; loanId: string; kind: 'out' | 'in'; pdf: Buffer; sha256: string }) {
  await db.insertInto('equipment_loan_documents').values({ organisation_id: v.organisationId, loan_id: v.loanId, kind: v.kind, pdf: v.pdf, sha256: v.sha256 }).execute();
}

export async function findDocument(db: Executor, loanId: string, kind: string) {
  return db.selectFrom('equipment_loan_documents').select(['pdf', 'sha256']).where('loan_id', '=', loanId).where('kind', '=', kind).executeTakeFirst();
}

export async function closeLoan(db: Executor, id: string, v: { returnedAt: Date; receivedBy: string; notes: string }) {
  await db.updateTable('equipment_loans').set({ returned_at: v.returnedAt, received_by: v.receivedBy, return_notes: v.notes }).where('id', '=', id).execute();
}

export async function returnLoanItems(db: Executor, loanId: string, returnedAt: Date, states: ReadonlyMap<string, string>) {
  for (const [itemId, state] of states) {
    await db.updateTable('equipment_loan_items').set({ returned_at: returnedAt, state_on_return: state }).where('loan_id', '=', loanId).where('item_id', '=', itemId).execute();
  }
}

export async function setItemStates(db: Executor, states: ReadonlyMap<string, string>) {
  for (const [itemId, state] of states) {
    if (state !== 'good') await db.updateTable('equipment_items').set({ state, updated_at: new Date() }).where('id', '=', itemId).execute();
  }
}

export async function activePeople(db: Executor) {
  return db.selectFrom('users').select(['id', 'display_name']).where('active', '=', true).orderBy('display_name').execute();
}

/** The organisation's accounts, active or deactivated (former members), for the arrivals and departures list. */
export async function peopleByState(db: Executor, active: boolean) {
  return db.selectFrom('users').select(['id', 'display_name', 'active']).where('active', '=', active).orderBy('display_name').execute();
}

/** A member of the organisation whether their account is active or deactivated (offboarding goes on after the account is closed). */
export async function findPersonAnyState(db: Executor, id: string) {
  return db.selectFrom('users').select(['id', 'display_name', 'active']).where('id', '=', id).executeTakeFirst();
}

export async function findPerson(db: Executor, id: string) {
  return db.selectFrom('users').select(['id', 'display_name', 'email']).where('id', '=', id).where('active', '=', true).executeTakeFirst();
}

export async function organisationName(db: Executor): Promise<string> {
  return (await db.selectFrom('organisations').select('name').executeTakeFirst())?.name ?? '';
}

/** Open loans due before `today` whose borrower was not reminded in the last 7 days (every organisation: a system job). */
export async function overdueLoans(db: Executor, today: string) {
  return db.selectFrom('equipment_loans as l').innerJoin('users as b', 'b.id', 'l.borrower_id').innerJoin('users as le', 'le.id', 'l.lender_id')
    .select(['l.id', 'l.organisation_id', 'l.due_on', 'b.display_name as borrower_name', 'b.email as borrower_email', 'b.locale as borrower_locale', 'le.email as lender_email'])
    .where('l.returned_at', 'is', null).where('l.due_on', '<', today)
    .where((eb) => eb.or([eb('l.reminded_on', 'is', null), eb('l.reminded_on', '<=', sql<string>`${today}::date - 7`)]))
    .orderBy('l.due_on').execute();
}

export async function markReminded(db: Executor, id: string, today: string) {
  await db.updateTable('equipment_loans').set({ reminded_on: today }).where('id', '=', id).execute();
}
