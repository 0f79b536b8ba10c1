import { z } from 'zod';
import { incidentPageViewSchema, incidentReviewViewSchema, outsideIncidentRowViewSchema, outsideIncidentsQuerySchema } from '@vigie/domain';
import type { RouteModule } from '../../../platform/context.js';
import { listEvictionIncidents } from './list-incidents.js';
import { listOutsideIncidents, readIncidentPage } from './read-incident.js';
import { rejectIncident, verifyIncident } from './review-incident.js';

const params = z.object({ id: z.uuid() });
const statusView = z.object({ id: z.string(), version: z.number(), status: z.string() });

/**
 * Incidents are written by the phone through sync (incident.save); here they are read, and a
 * coordinator reviews those outside an eviction (an eviction's follow their eviction).
 */
export const incidentsRoutes: RouteModule = (app, ctx) => {
  const verify = { access: { kind: 'permission', permission: 'field.verify' } } as const;

  // Incidents outside an eviction: unverified ones only for their author, coordinators and the legal pole (in the query).
  app.get('/api/incidents', {
    config: { access: { kind: 'anyPermission', permissions: ['field.record', 'field.verify', 'legal.manage'] } },
    schema: { tags: ['incidents'], querystring: outsideIncidentsQuerySchema, response: { 200: z.object({ incidents: z.array(outsideIncidentRowViewSchema) }) } },
  }, async (req) => ({ incidents: await listOutsideIncidents(ctx, req.actor!, req.query) }));

  app.post('/api/incidents/:id/verify', {
    config: verify,
    schema: { tags: ['incidents'], params, body: z.strictObject({ version: z.number().int().min(1) }), response: { 200: statusView } },
  }, async (req) => verifyIncident(ctx, req.actor!, req.params.id, req.body.version));

  app.post('/api/incidents/:id/reject', {
    config: verify,
    schema: { tags: ['incidents'], params, body: z.strictObject({ version: z.number().int().min(1), reason: z.string().trim().min(3).max(2000) }), response: { 200: statusView } },
  }, async (req) => rejectIncident(ctx, req.actor!, req.params.id, req.body.version, req.body.reason));

  app.get('/api/evictions/:id/incidents', {
    config: { access: { kind: 'permission', permission: 'field.verify' } },
    schema: { tags: ['review'], params, response: { 200: z.object({ incidents: z.array(incidentReviewViewSchema) }) } },
  }, async (req) => ({ incidents: await listEvictionIncidents(ctx, req.actor!, req.params.id) }));

  // The incident's page: readers are those of its eviction, checked in the service.
  app.get('/api/incidents/:id', {
    config: { access: { kind: 'signed-in' } },
    schema: { tags: ['incidents'], params, response: { 200: z.object({ page: incidentPageViewSchema }) } },
  }, async (req) => ({ page: await readIncidentPage(ctx, req.actor!, req.params.id, req.ip) }));
};
