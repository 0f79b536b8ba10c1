import { sql } from 'kysely';
import type { Executor } from '../../../platform/db/database.js';

/**
 * What one phone may hold (phones/phones.service.ts decides it): its areas, evictions from
 * `since` on, and the observer's own rejected evictions whatever their age. Each module's
 * changes query applies it to its own table. A phone whose holder neither verifies nor uses
 * evidence (`seesUnverified` false: canSeeUnverifiedOf) gets others' evictions, and their
 * incidents, only once verified; their own and those of operations they attended, always.
 */
export type PullScope = { areaIds: string[]; since: string; userId: string; seesUnverified: boolean };

// Never an empty IN list: an organisation without areas matches nothing.
export const scopedAreaIds = (scope: PullScope) => (scope.areaIds.length ? scope.areaIds : ['00000000-0000-0000-0000-000000000000']);

/** The ids of the evictions in scope, as a subquery any module's changes query can filter on. */
export function evictionIdsInScope(db: Executor, scope: PullScope) {
  const q = db.selectFrom('evictions as se').innerJoin('operations as so', 'so.id', 'se.operation_id').select('se.id')
    .where('so.area_id', 'in', scopedAreaIds(scope))
    .where((w) => w.or([w('se.date', '>=', scope.since), w.and([w('se.created_by', '=', scope.userId), w('se.status', '=', 'rejected')])]));
  if (scope.seesUnverified) return q;
  return q.where((w) => w.or([
    w('se.status', '=', 'verified'), w('se.created_by', '=', scope.userId), sql<boolean>`${scope.userId} = ANY(so.observer_ids::text[])`,
  ]));
}
