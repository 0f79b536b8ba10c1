import { scopedAreaIds, type PullScope } from '../sync/pull-scope.js';
import { sql, type Insertable, type Updateable } from 'kysely';
import type { Executor } from '../../../platform/db/database.js';
import { currentXid } from '../../../platform/db/change-xid.js';
import type { SitesTable } from '../../../platform/db/schema.js';
import type { SiteMergesTable } from './site-merges.table.js';
import './site-merges.table.js';
import { visibleEviction, type RecordReader } from '../evictions/eviction-visibility.js';

/**
 * Sites with how often they were evicted recently ("évacué 14 fois ces 30 derniers jours"). The
 * counts follow what the reader may open (eviction-visibility.ts): no hidden record shows through.
 */
export async function listSitesWithRecurrence(db: Executor, since: Date, reader: RecordReader) {
  return db.selectFrom('sites as s')
    .leftJoin('evictions as e', (join) => join.onRef('e.site_id', '=', 's.id').on('e.deleted_at', 'is', null).on('e.merged_into', 'is', null)
      .on('e.status', '!=', 'rejected').on(visibleEviction(reader, 'e')))
    .selectAll('s')
    .select([
      sql<number>`count(e.id) FILTER (WHERE e.arrived_at >= ${since})::int`.as('recent'),
      sql<number>`count(e.id)::int`.as('total'),
      sql<Date | null>`max(e.arrived_at)`.as('last_eviction_at'),
    ])
    .where('s.merged_into', 'is', null)
    .groupBy('s.id').orderBy('s.code').execute();
}

export async function siteTimeline(db: Executor, siteId: string, reader: RecordReader) {
  return db.selectFrom('evictions as e').select(['e.id', 'e.arrived_at', 'e.status', 'e.persons_evicted', 'e.persons_evicted_at_least', 'e.coverage'])
    .where('e.site_id', '=', siteId).where('e.deleted_at', 'is', null).where('e.merged_into', 'is', null).where(visibleEviction(reader, 'e'))
    .orderBy('e.arrived_at', 'desc').limit(500).execute();
}

export async function sitesChangedSince(db: Executor, since: number, limit: number, scope: PullScope) {
  return db.selectFrom('sites').selectAll().where('change_xid', '>=', since).where('area_id', 'in', scopedAreaIds(scope))
    .orderBy('change_xid').limit(limit).execute();
}

export async function findSite(db: Executor, id: string) {
  return db.selectFrom('sites').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function siteRefs(db: Executor) {
  // A merged site holds no eviction any more: the pickers offer the site kept (its names are aliases there).
  return db.selectFrom('sites').select(['id', 'code', 'name']).where('merged_into', 'is', null).orderBy('code').execute();
}

export async function lockSite(db: Executor, id: string) {
  return db.selectFrom('sites').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function updateSite(db: Executor, id: string, changes: Updateable<SitesTable>) {
  await db.updateTable('sites').set({ ...changes, updated_at: new Date(), change_xid: currentXid() }).where('id', '=', id).execute();
}

/** Every placed site with its area: the reference of the "outside the areas" warning. */
export async function placedSites(db: Executor) {
  return db.selectFrom('sites').select(['id', 'area_id', 'latitude', 'longitude', 'active', 'merged_into'])
    .where('latitude', 'is not', null).where('longitude', 'is not', null).execute();
}

export async function insertSiteMerge(db: Executor, m: Insertable<SiteMergesTable>) {
  return (await db.insertInto('site_merges').values(m).returning('id').executeTakeFirstOrThrow()).id;
}

export async function openSiteMerge(db: Executor, mergedSiteId: string) {
  return db.selectFrom('site_merges').selectAll().where('merged_site_id', '=', mergedSiteId).where('undone_at', 'is', null).forUpdate().executeTakeFirst();
}

export async function closeSiteMerge(db: Executor, id: string, userId: string) {
  await db.updateTable('site_merges').set({ undone_at: new Date(), undone_by: userId }).where('id', '=', id).execute();
}

/** The sites merged into this one (each can be unmerged from its page), and the one it was merged into. */
export async function mergeNeighbours(db: Executor, site: { id: string; merged_into: string | null }) {
  const mergedHere = await db.selectFrom('sites').select(['id', 'code', 'name']).where('merged_into', '=', site.id).orderBy('code').execute();
  const into = site.merged_into ? await db.selectFrom('sites').select(['id', 'code', 'name']).where('id', '=', site.merged_into).executeTakeFirst() : undefined;
  return { mergedHere, into: into ?? null };
}
