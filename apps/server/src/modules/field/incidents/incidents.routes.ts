import { z } from 'zod';
import type { RouteModule } from '../../../platform/context.js';
import { listEvictionIncidents } from './list-incidents.js';

const incidentReviewSchema = z.object({
  id: z.string(), evictionId: z.string(), kind: z.string(), incidentType: z.string(), occurredAt: z.string(),
  unit: z.string().nullable(), description: z.string().nullable(),
  victims: z.array(z.object({ id: z.string(), pseudonym: z.string(), minor: z.boolean().nullable() })),
  evidence: z.object({ stored: z.number(), uploading: z.number(), rejected: z.number() }),
  version: z.number(), createdBy: z.string(), updatedAt: z.string(),
});

/** Incidents are written by the phone through sync (incident.save); here a coordinator reads them. */
export const incidentsRoutes: RouteModule = (app, ctx) => {
  app.get('/api/evictions/:id/incidents', {
    config: { access: { kind: 'permission', permission: 'field.verify' } },
    schema: { tags: ['review'], params: z.object({ id: z.uuid() }), response: { 200: z.object({ incidents: z.array(incidentReviewSchema) }) } },
  }, async (req) => ({ incidents: await listEvictionIncidents(ctx, req.actor!, req.params.id) }));
};
