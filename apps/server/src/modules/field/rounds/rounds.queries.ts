import type { Insertable, Selectable } from 'kysely';
import type { Executor } from '../../../platform/db/database.js';
import type { OutreachRoundsTable } from './rounds.table.js';

export type RoundRow = Selectable<OutreachRoundsTable>;

export async function areaByCode(db: Executor, code: string) {
  return db.selectFrom('areas').select(['id', 'code', 'name']).where('code', '=', code).executeTakeFirst();
}

/** Members of this organisation among these ids (row-level security hides the others). */
export async function usersNamed(db: Executor, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', [...ids]).execute();
}

/** Sites of this area among these ids. */
export async function sitesOfArea(db: Executor, areaId: string, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('sites').select(['id', 'code', 'name']).where('area_id', '=', areaId).where('id', 'in', [...ids]).execute();
}

export async function findRound(db: Executor, id: string) {
  return db.selectFrom('outreach_rounds').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
}

export async function insertRound(db: Executor, row: Insertable<OutreachRoundsTable>) {
  await db.insertInto('outreach_rounds').values(row).execute();
}

/** Latest first; an observer's own only when `createdBy` is given. */
export async function listRoundRows(db: Executor, createdBy: string | null, limit = 100) {
  let q = db.selectFrom('outreach_rounds').selectAll().where('deleted_at', 'is', null);
  if (createdBy) q = q.where((eb) => eb.or([eb('created_by', '=', createdBy), eb(eb.val(createdBy), '=', eb.fn.any('team'))]));
  return q.orderBy('started_at', 'desc').limit(limit).execute();
}

export async function areasById(db: Executor, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('areas').select(['id', 'code', 'name']).where('id', 'in', [...ids]).execute();
}
