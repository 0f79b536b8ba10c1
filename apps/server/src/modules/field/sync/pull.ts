import type { SyncPullView } from '@vigie/domain';
import type { AppContext } from '../../../platform/context.js';
import { inOrganisation } from '../../../platform/db/organisation-scope.js';
import { changePage, snapshotXmin, type ChangePage } from '../../../platform/db/change-xid.js';
import type { Actor } from '../../../platform/http/request-context.js';
import { evictionChangesSince } from '../evictions/evictions.changes.js';
import { incidentChangesSince } from '../incidents/incidents.changes.js';
import { operationChangesSince } from '../operations/operations.service.js';
import { siteChangesSince } from '../sites/sites.changes.js';
import { phoneScopeIn } from '../phones/phones.service.js';
import { hiddenEvictionsChangedSince } from './pull-scope.js';

const PAGE = 2000;

/**
 * Changes since a cursor. The cursor is a transaction id: rows written by transactions at or
 * after it are sent, and the new cursor is the oldest transaction still running when this pull
 * began, so nothing committed late is ever skipped (a row may come twice; clients upsert).
 * Each module presents its own changes; this only assembles the pages and the cursor.
 * Only what this observer's phone may hold is sent (phones/phones.service.ts: their areas' sites,
 * the last N days of their areas' evictions, their own rejected ones); the scope travels with the
 * answer so the phone drops what fell out of it, and `gone` names the evictions this person may
 * no longer hold (eviction-visibility.ts) so the phone deletes copies it received earlier.
 */
export async function pullChanges(ctx: AppContext, actor: Actor, since: number): Promise<SyncPullView> {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const { xmin } = await trx.selectNoFrom(snapshotXmin().as('xmin')).executeTakeFirstOrThrow();
    const phoneScope = await phoneScopeIn(trx, actor);
    const scope = {
      areaIds: phoneScope.areaIds, since: phoneScope.since, userId: actor.userId, seesUnverified: phoneScope.unverified === 'all',
    };
    const [operations, evictions, incidents, sites, gone] = await Promise.all([
      operationChangesSince(trx, since, PAGE, scope), evictionChangesSince(trx, since, PAGE, scope),
      incidentChangesSince(trx, since, PAGE, scope), siteChangesSince(trx, since, PAGE, scope),
      hiddenEvictionsChangedSince(trx, since, PAGE, scope).then((rows) => changePage(rows, PAGE, (list) => list.map((r) => r.id))),
    ]);
    // A full page means more rows follow: the cursor stops where the shortest full page ended.
    const full = ([operations, evictions, incidents, sites, gone] as ChangePage<unknown>[]).filter((p) => p.full);
    const cursor = full.length ? Math.min(...full.map((p) => p.lastXid!)) : Math.max(Number(xmin), since);
    return {
      cursor, more: full.length > 0, scope: phoneScope,
      operations: operations.items, evictions: evictions.items, incidents: incidents.items, sites: sites.items,
      gone: { evictions: gone.items },
    };
  });
}
