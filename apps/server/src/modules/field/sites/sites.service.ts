import type { AppContext } from '../../../platform/context.js';
import { inOrganisation } from '../../../platform/db/organisation-scope.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import type { Actor } from '../../../platform/http/request-context.js';
import { recordReader } from '../evictions/eviction-visibility.js';
import { readHistory } from '../history/history.service.js';
import { positionWarning } from './edit-site.js';
import { findSite, listSitesWithRecurrence, mergeNeighbours, siteTimeline } from './sites.queries.js';
import { presentSite } from './sites.presenter.js';

/** Sites with how often each was evicted in the last `days` days (the sites screen, the dashboard map). */
export async function listSites(ctx: AppContext, actor: Actor, days: number) {
  const since = new Date(Date.now() - days * 86_400_000);
  const rows = await inOrganisation(ctx.db, actor.organisationId, (trx) => listSitesWithRecurrence(trx, since, recordReader(actor)));
  return rows.map((r) => ({
    ...presentSite(r), evictionsInPeriod: r.recent, evictionsTotal: r.total,
    lastEvictionAt: r.last_eviction_at ? new Date(r.last_eviction_at).toISOString() : null,
  }));
}

/** One site and its evictions, newest first; each row links to the eviction's page. */
export async function readSite(ctx: AppContext, actor: Actor, id: string) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const site = await findSite(trx, id);
    if (!site) throw new AppError('site.not_found');
    const timeline = await siteTimeline(trx, site.id, recordReader(actor));
    const { mergedHere, into } = await mergeNeighbours(trx, site);
    return {
      site: presentSite(site),
      warning: await positionWarning(trx, site),
      mergedInto: into,
      mergedHere,
      history: await readHistory(trx, 'site', site.id),
      timeline: timeline.map((e) => ({
        evictionId: e.id, arrivedAt: e.arrived_at.toISOString(), status: e.status, coverage: e.coverage,
        personsEvicted: e.persons_evicted === null ? null : { n: e.persons_evicted, atLeast: e.persons_evicted_at_least },
      })),
    };
  });
}
