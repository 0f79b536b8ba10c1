import { z } from 'zod';
import { incidentPageViewSchema, incidentReviewViewSchema } from '@vigie/domain';
import type { RouteModule } from '../../../platform/context.js';
import { listEvictionIncidents } from './list-incidents.js';
import { readIncidentPage } from './read-incident.js';

/** Incidents are written by the phone through sync (incident.save); here a coordinator reads them. */
export const incidentsRoutes: RouteModule = (app, ctx) => {
  app.get('/api/evictions/:id/incidents', {
    config: { access: { kind: 'permission', permission: 'field.verify' } },
    schema: { tags: ['review'], params: z.object({ id: z.uuid() }), response: { 200: z.object({ incidents: z.array(incidentReviewViewSchema) }) } },
  }, async (req) => ({ incidents: await listEvictionIncidents(ctx, req.actor!, req.params.id) }));

  // The incident's page: readers are those of its eviction, checked in the service.
  app.get('/api/incidents/:id', {
    config: { access: { kind: 'signed-in' } },
    schema: { tags: ['incidents'], params: z.object({ id: z.uuid() }), response: { 200: z.object({ page: incidentPageViewSchema }) } },
  }, async (req) => ({ page: await readIncidentPage(ctx, req.actor!, req.params.id, req.ip) }));
};
