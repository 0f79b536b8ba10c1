import { z } from 'zod';
import { countSchema, siteViewSchema as siteView } from '@vigie/domain';
import type { RouteModule } from '../../../platform/context.js';
import { listSites, readSite } from './sites.service.js';

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
  }, async (req) => ({ sites: await listSites(ctx, req.actor!, req.query.days) }));

  app.get('/api/sites/:id', {
    config: access,
    schema: {
      tags: ['sites'],
      params: z.object({ id: z.uuid() }),
      response: { 200: z.object({ site: siteView, timeline: z.array(z.object({ evictionId: z.string(), arrivedAt: z.string(), status: z.string(), coverage: z.string(), personsEvicted: countSchema.nullable() })) }) },
    },
  }, async (req) => readSite(ctx, req.actor!, req.params.id));
};
