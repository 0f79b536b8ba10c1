import { z } from 'zod';
import { incidentReviewViewSchema } from '@vigie/domain';
import type { RouteModule } from '../../../platform/context.js';
import { listEvictionIncidents } from './list-incidents.js';

/** Incidents are written by the phone through sync (incident.save); here a coordinator reads them. */
export const incidentsRoutes: RouteModule = (app, ctx) => {
  app.get('/api/evictions/:id/incidents', {
    config: { access: { kind: 'permission', permission: 'field.verify' } },
    schema: { tags: ['review'], params: z.object({ id: z.uuid() }), response: { 200: z.object({ incidents: z.array(incidentReviewViewSchema) }) } },
  }, async (req) => ({ incidents: await listEvictionIncidents(ctx, req.actor!, req.params.id) }));
};
