import { sql } from 'kysely';
import type { Executor } from '../../../platform/db/database.js';
import { visibleEviction } from '../evictions/eviction-visibility.js';

/**
 * What one phone may hold (phones/phones.service.ts decides it): its areas, evictions from
 * `since` on, and the observer's own rejected evictions whatever their age. Each module's
 * changes query applies it to its own table. A phone whose holder neither verifies nor uses
 * evidence (`seesUnverified` false: eviction-visibility.ts) gets others' evictions, and their
 * incidents, only once verified; their own and those of operations they attended, always.
 */
export type PullScope = { areaIds: string[]; since: string; userId: string; seesUnverified: boolean };

// Never an empty IN list: an organisation without areas matches nothing.
export const scopedAreaIds = (scope: PullScope) => (scope.areaIds.length ? scope.areaIds : ['00000000-0000-0000-0000-000000000000']);

/** Evictions of the phone's areas and window, whoever may see them. */
function evictionsOfAreas(db: Executor, scope: PullScope) {
  return db.selectFrom('evictions as se').innerJoin('operations as so', 'so.id', 'se.operation_id')
    .where('so.area_id', 'in', scopedAreaIds(scope))
    .where((w) => w.or([w('se.date', '>=', scope.since), w.and([w('se.created_by', '=', scope.userId), w('se.status', '=', 'rejected')])]));
}

/** The ids of the evictions in scope, as a subquery any module's changes query can filter on. */
export function evictionIdsInScope(db: Executor, scope: PullScope) {
  return evictionsOfAreas(db, scope).select('se.id').where(visibleEviction(scope, 'se'));
}

/**
 * Evictions of the phone's areas changed since the cursor that this person may not hold: a
 * phone that received one earlier (before a rejection, or before a role change) deletes it.
 */
export async function hiddenEvictionsChangedSince(db: Executor, since: number, limit: number, scope: PullScope) {
  if (scope.seesUnverified) return [];
  return evictionsOfAreas(db, scope).select(['se.id', 'se.change_xid']).where('se.change_xid', '>=', since).where('se.deleted_at', 'is', null)
    .where(sql<boolean>`NOT ${visibleEviction(scope, 'se')}`).orderBy('se.change_xid').limit(limit).execute();
}
