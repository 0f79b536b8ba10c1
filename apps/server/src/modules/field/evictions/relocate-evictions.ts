import type { Trx } from '../../../platform/db/database.js';
import { insertVersion, latestVersionData } from '../history/history.service.js';
import { evictionIdsAtSite, evictionsForRelocation, updateEviction } from './evictions.queries.js';

/**
 * Moves evictions from one site to another (a site merge, or its undoing): each moved eviction
 * gets a new version whose only change is its site, so its history says where it went and
 * phones pull it again. Only evictions still at `fromSiteId` move; the ids moved are returned.
 * With `ids` null, every eviction at the site moves.
 */
export async function relocateEvictions(trx: Trx, actor: { organisationId: string; userId: string }, fromSiteId: string, toSiteId: string, ids: readonly string[] | null) {
  const rows = await evictionsForRelocation(trx, ids ?? await evictionIdsAtSite(trx, fromSiteId), fromSiteId);
  for (const row of rows) {
    const version = row.version + 1;
    await updateEviction(trx, row.id, { site_id: toSiteId, version, updated_by: actor.userId });
    const latest = await latestVersionData(trx, 'eviction', row.id);
    await insertVersion(trx, {
      organisationId: actor.organisationId, entityType: 'eviction', entityId: row.id, version, data: { ...(latest?.data ?? {}), siteId: toSiteId }, changedBy: actor.userId,
    });
  }
  return rows.map((r) => r.id);
}
