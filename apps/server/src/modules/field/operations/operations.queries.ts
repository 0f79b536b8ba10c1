import { evictionIdsInScope, scopedAreaIds, type PullScope } from '../sync/pull-scope.js';
import type { Executor } from '../../../platform/db/database.js';

export async function operationsChangedSince(db: Executor, since: number, limit: number, scope: PullScope) {
  return db.selectFrom('operations').selectAll().where('change_xid', '>=', since).where('deleted_at', 'is', null)
    .where('area_id', 'in', scopedAreaIds(scope))
    .where((eb) => eb.or([eb('date', '>=', scope.since), eb('id', 'in', db.selectFrom('evictions').select('operation_id').where('id', 'in', evictionIdsInScope(db, scope)))]))
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
