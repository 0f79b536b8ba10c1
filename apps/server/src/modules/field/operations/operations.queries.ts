import type { Executor } from '../../../platform/db/database.js';

export async function operationsChangedSince(db: Executor, since: number, limit: number) {
  return db.selectFrom('operations').selectAll().where('change_xid', '>=', since).where('deleted_at', 'is', null)
    .orderBy('change_xid').limit(limit).execute();
}

export async function findOperation(db: Executor, id: string) {
  return db.selectFrom('operations').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
}

/** Display names of the observers of an operation (members of the organisation only). */
export async function memberNames(db: Executor, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', [...ids]).execute();
}
