import type { AppContext } from '../../../platform/context.js';
import { inOrganisation } from '../../../platform/db/organisation-scope.js';
import { snapshotXmin } from '../../../platform/db/change-xid.js';
import type { Actor } from '../../../platform/http/request-context.js';
import { presentEviction } from '../evictions/evictions.mapping.js';
import { talliesOf } from '../evictions/evictions.queries.js';
import { phoneScopeIn } from '../phones/phones.service.js';
import { presentIncident, presentOperation, presentSite } from './sync.presenters.js';

const PAGE = 2000;

/**
 * Changes since a cursor, limited to what this observer's phone may hold (phones/phones.service.ts:
 * their areas' sites, the last N days of their areas' evictions, their own rejected ones); the
 * scope travels with the answer so the phone drops what fell out of it.
 *
 * The cursor is a transaction id: rows written by transactions at or
 * after it are sent, and the new cursor is the oldest transaction still running when this pull
 * began, so nothing committed late is ever skipped (a row may come twice; clients upsert).
 */
export async function pullChanges(ctx: AppContext, actor: Actor, since: number) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const { xmin } = await trx.selectNoFrom(snapshotXmin().as('xmin')).executeTakeFirstOrThrow();
    const scope = await phoneScopeIn(trx, actor);
    // Never an empty IN list: an organisation without areas matches nothing.
    const areaIds = scope.areaIds.length ? scope.areaIds : ['00000000-0000-0000-0000-000000000000'];
    // In scope: an eviction of the observer's areas from the last N days, or one of theirs a
    // coordinator sent back to them (it stays on their phone until corrected, whatever its age).
    const evictionsInScope = trx.selectFrom('evictions as e').innerJoin('operations as o', 'o.id', 'e.operation_id').select('e.id')
      .where('o.area_id', 'in', areaIds)
      .where((eb) => eb.or([eb('e.date', '>=', scope.since), eb.and([eb('e.created_by', '=', actor.userId), eb('e.status', '=', 'rejected')])]));
    const [operations, evictions, incidents, sites] = await Promise.all([
      trx.selectFrom('operations').selectAll().where('change_xid', '>=', since).where('deleted_at', 'is', null)
        .where('area_id', 'in', areaIds)
        .where((eb) => eb.or([eb('date', '>=', scope.since), eb('id', 'in', trx.selectFrom('evictions').select('operation_id').where('id', 'in', evictionsInScope))]))
        .orderBy('change_xid').limit(PAGE).execute(),
      trx.selectFrom('evictions').selectAll().where('change_xid', '>=', since).where('deleted_at', 'is', null)
        .where('id', 'in', evictionsInScope).orderBy('change_xid').limit(PAGE).execute(),
      trx.selectFrom('incidents').selectAll().where('change_xid', '>=', since).where('deleted_at', 'is', null)
        .where('eviction_id', 'in', evictionsInScope).orderBy('change_xid').limit(PAGE).execute(),
      trx.selectFrom('sites').selectAll().where('change_xid', '>=', since).where('area_id', 'in', areaIds).orderBy('change_xid').limit(PAGE).execute(),
    ]);
    // A full page means more rows follow: the cursor stops where the shortest full page ended.
    const full = [operations, evictions, incidents, sites].filter((rows) => rows.length === PAGE);
    const cursor = full.length ? Math.min(...full.map((rows) => Number(rows[rows.length - 1]!.change_xid))) : Math.max(Number(xmin), since);
    const tallies = await talliesOf(trx, evictions.map((e) => e.id));
    const personIds = [...new Set(incidents.flatMap((i) => i.person_ids))];
    const persons = new Map(
      (personIds.length ? await trx.selectFrom('persons').select(['id', 'pseudonym', 'minor']).where('id', 'in', personIds).execute() : [])
        .map((p) => [p.id, p]),
    );
    return {
      cursor,
      scope,
      more: full.length > 0,
      operations: operations.map(presentOperation),
      evictions: evictions.map((e) => presentEviction(e, tallies.get(e.id)!)),
      incidents: incidents.map((i) => presentIncident(i, persons)),
      sites: sites.map(presentSite),
    };
  });
}
