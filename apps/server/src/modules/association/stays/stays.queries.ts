import type { Insertable } from 'kysely';
import type { Executor } from '../../../platform/db/database.js';
import type { HouseStaysTable } from './stays.table.js';
import './stays.table.js';

const staySelect = (db: Executor) => db.selectFrom('house_stays as s').leftJoin('users as u', 'u.id', 's.person_id')
  .select(['s.id', 's.bed_id', 's.person_id', 's.guest_name', 'u.display_name as person_name', 's.arrives_on', 's.leaves_on', 's.notes'])
  .where('s.cancelled_at', 'is', null);
export type StayRow = Awaited<ReturnType<typeof staysBetween>>[number];

/** Live stays with a night in [from, to) — of one bed, or of all. */
export async function staysBetween(db: Executor, from: string, to: string, bedId?: string) {
  let q = staySelect(db).where('s.arrives_on', '<', to).where('s.leaves_on', '>', from);
  if (bedId) q = q.where('s.bed_id', '=', bedId);
  return q.orderBy('s.arrives_on').execute();
}
export async function findStay(db: Executor, id: string) {
  return staySelect(db).where('s.id', '=', id).executeTakeFirst();
}
export async function insertStay(db: Executor, v: Insertable<HouseStaysTable>) {
  return db.insertInto('house_stays').values(v).returning('id').executeTakeFirstOrThrow();
}
export async function cancelStay(db: Executor, id: string) {
  await db.updateTable('house_stays').set({ cancelled_at: new Date() }).where('id', '=', id).execute();
}
