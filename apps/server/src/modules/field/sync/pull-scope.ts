import type { Executor } from '../../../platform/db/database.js';

/**
 * What one phone may hold (phones/phones.service.ts decides it): its areas, evictions from
 * `since` on, and the observer's own rejected evictions whatever their age. Each module's
 * changes query applies it to its own table.
 */
export type PullScope = { areaIds: string[]; since: string; userId: string };

// Never an empty IN list: an organisation without areas matches nothing.
export const scopedAreaIds = (scope: PullScope) => (scope.areaIds.length ? scope.areaIds : ['00000000-0000-0000-0000-000000000000']);

/** The ids of the evictions in scope, as a subquery any module's changes query can filter on. */
export function evictionIdsInScope(db: Executor, scope: PullScope) {
  return db.selectFrom('evictions as se').innerJoin('operations as so', 'so.id', 'se.operation_id').select('se.id')
    .where('so.area_id', 'in', scopedAreaIds(scope))
    .where((w) => w.or([w('se.date', '>=', scope.since), w.and([w('se.created_by', '=', scope.userId), w('se.status', '=', 'rejected')])]));
}
