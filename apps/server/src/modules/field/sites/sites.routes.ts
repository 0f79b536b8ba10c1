import { z } from 'zod';
import { countSchema } from '@vigie/domain';
import type { RouteModule } from '../../../platform/context.js';
import { inOrganisation } from '../../../platform/db/organisation-scope.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import { presentSite } from '../sync/sync.presenters.js';
import { listSitesWithRecurrence, siteTimeline } from './sites.queries.js';

const siteView = z.object({
  id: z.string(), code: z.string(), name: z.string(), aliases: z.array(z.string()), areaId: z.string(), communeInsee: z.string(),
  latitude: z.number().nullable(), longitude: z.number().nullable(), active: z.boolean(), notes: z.string().nullable(), version: z.number(),
  updatedAt: z.string(),
});

export const sitesRoutes: RouteModule = (app, ctx) => {
  // Site names and each site's evictions are record pages: field access only.
  const access = { access: { kind: 'permission', permission: 'dashboard.view', rowLevel: true } } as const;
  // Any signed-in screen may draw a map (sites, dashboard): only the tile server, no data.
  app.get('/api/map/settings', {
    config: { access: { kind: 'signed-in' } },
    schema: {
      tags: ['sites'],
      response: { 200: z.object({ tiles: z.object({ urlTemplate: z.string(), attribution: z.string() }).nullable() }) },
    },
  }, async () => ({ tiles: ctx.config.mapTiles && { urlTemplate: ctx.config.mapTiles.urlTemplate, attribution: ctx.config.mapTiles.attribution } }));

  app.get('/api/sites', {
    config: access,
    schema: {
      tags: ['sites'],
      querystring: z.object({ days: z.coerce.number().int().min(1).max(3660).default(30) }),
      response: { 200: z.object({ sites: z.array(siteView.extend({ evictionsInPeriod: z.number(), evictionsTotal: z.number(), lastEvictionAt: z.string().nullable() })) }) },
    },
  }, async (req) => {
    const since = new Date(Date.now() - req.query.days * 86_400_000);
    const rows = await inOrganisation(ctx.db, req.actor!.organisationId, (trx) => listSitesWithRecurrence(trx, since));
    return {
      sites: rows.map((r) => ({
        ...presentSite(r), evictionsInPeriod: r.recent, evictionsTotal: r.total,
        lastEvictionAt: r.last_eviction_at ? new Date(r.last_eviction_at).toISOString() : null,
      })),
    };
  });

  app.get('/api/sites/:id', {
    config: access,
    schema: {
      tags: ['sites'],
      params: z.object({ id: z.uuid() }),
      response: { 200: z.object({ site: siteView, timeline: z.array(z.object({ evictionId: z.string(), arrivedAt: z.string(), status: z.string(), coverage: z.string(), personsEvicted: countSchema.nullable() })) }) },
    },
  }, async (req) => inOrganisation(ctx.db, req.actor!.organisationId, async (trx) => {
    const site = await trx.selectFrom('sites').selectAll().where('id', '=', req.params.id).executeTakeFirst();
    if (!site) throw new AppError('site.not_found');
    const timeline = await siteTimeline(trx, site.id);
    return {
      site: presentSite(site),
      timeline: timeline.map((e) => ({
        evictionId: e.id, arrivedAt: e.arrived_at.toISOString(), status: e.status, coverage: e.coverage,
        personsEvicted: e.persons_evicted === null ? null : { n: e.persons_evicted, atLeast: e.persons_evicted_at_least },
      })),
    };
  }));
};
