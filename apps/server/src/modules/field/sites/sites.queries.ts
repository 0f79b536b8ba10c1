import { scopedAreaIds, type PullScope } from '../sync/pull-scope.js';
import { sql } from 'kysely';
import type { Executor } from '../../../platform/db/database.js';

/** Sites with how often they were evicted recently ("évacué 14 fois ces 30 derniers jours"). */
export async function listSitesWithRecurrence(db: Executor, since: Date) {
  return db.selectFrom('sites as s')
    .leftJoin('evictions as e', (join) => join.onRef('e.site_id', '=', 's.id').on('e.deleted_at', 'is', null).on('e.merged_into', 'is', null).on('e.status', '!=', 'rejected'))
    .selectAll('s')
    .select([
      sql<number>`count(e.id) FILTER (WHERE e.arrived_at >= ${since})::int`.as('recent'),
      sql<number>`count(e.id)::int`.as('total'),
      sql<Date | null>`max(e.arrived_at)`.as('last_eviction_at'),
    ])
    .groupBy('s.id').orderBy('s.code').execute();
}

export async function siteTimeline(db: Executor, siteId: string) {
  return db.selectFrom('evictions').select(['id', 'arrived_at', 'status', 'persons_evicted', 'persons_evicted_at_least', 'coverage'])
    .where('site_id', '=', siteId).where('deleted_at', 'is', null).where('merged_into', 'is', null)
    .orderBy('arrived_at', 'desc').limit(500).execute();
}

export async function sitesChangedSince(db: Executor, since: number, limit: number, scope: PullScope) {
  return db.selectFrom('sites').selectAll().where('change_xid', '>=', since).where('area_id', 'in', scopedAreaIds(scope))
    .orderBy('change_xid').limit(limit).execute();
}

export async function findSite(db: Executor, id: string) {
  return db.selectFrom('sites').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function siteRefs(db: Executor) {
  return db.selectFrom('sites').select(['id', 'code', 'name']).orderBy('code').execute();
}
