import { z } from 'zod';
import { countSchema, recordVersionViewSchema, siteEditSchema, siteMergeSchema, siteViewSchema as siteView } from '@vigie/domain';
import type { RouteModule } from '../../../platform/context.js';
import { editSite, mergeSite, unmergeSite } from './edit-site.js';
import { listSites, readSite } from './sites.service.js';

const siteRef = z.object({ id: z.string(), code: z.string(), name: z.string() });
const warning = z.enum(['outside_area']).nullable();

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
      response: { 200: z.object({ site: siteView, warning, mergedInto: siteRef.nullable(), mergedHere: z.array(siteRef), history: z.array(recordVersionViewSchema), timeline: z.array(z.object({ evictionId: z.string(), arrivedAt: z.string(), status: z.string(), coverage: z.string(), personsEvicted: countSchema.nullable() })) }) },
    },
  }, async (req) => readSite(ctx, req.actor!, req.params.id));

  // Placing, renaming, deactivating and merging sites is the coordinators' work.
  const manage = { access: { kind: 'permission', permission: 'field.verify' } } as const;
  const id = z.object({ id: z.uuid() });
  app.patch('/api/sites/:id', {
    config: manage,
    schema: { tags: ['sites'], params: id, body: siteEditSchema, response: { 200: z.object({ site: siteView, warning }) } },
  }, async (req) => editSite(ctx, req.actor!, req.params.id, req.body));

  const mergeResult = { site: siteView, kept: siteView };
  app.post('/api/sites/:id/merge', {
    config: manage,
    schema: {
      tags: ['sites'], params: id, body: siteMergeSchema,
      response: { 200: z.object({ mergeId: z.string(), ...mergeResult, movedEvictions: z.number().int(), addedAliases: z.array(z.string()) }) },
    },
  }, async (req) => mergeSite(ctx, req.actor!, req.params.id, req.body.intoSiteId));

  app.post('/api/sites/:id/unmerge', {
    config: manage,
    schema: { tags: ['sites'], params: id, response: { 200: z.object({ mergeId: z.string(), ...mergeResult, movedBack: z.number().int() }) } },
  }, async (req) => unmergeSite(ctx, req.actor!, req.params.id));
};
