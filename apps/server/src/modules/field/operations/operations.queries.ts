import { evictionIdsInScope, scopedAreaIds, type PullScope } from '../sync/pull-scope.js';
import { sql } from 'kysely';
import { OBSERVING_ROLES } from '@vigie/domain';
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

/** Active members whose roles make them observers (OBSERVING_ROLES), all of them or among `ids`. */
export async function observingMembers(db: Executor, ids?: readonly string[]) {
  if (ids?.length === 0) return [];
  const roles = [...OBSERVING_ROLES];
  let q = db.selectFrom('users').select(['id', 'display_name']).where('active', '=', true)
    .where((eb) => eb.or([eb('role', 'in', roles), sql<boolean>`additional_roles && ${sql.val(roles)}::text[]`]));
  if (ids) q = q.where('id', 'in', [...ids]);
  return q.orderBy('display_name').execute();
}
