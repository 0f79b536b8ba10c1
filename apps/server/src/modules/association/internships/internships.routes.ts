import { z } from 'zod';
import { internshipConventionSchema, internshipInputSchema, internshipSettingsSchema, internshipsPageSchema, staffRegisterSchema } from '@vigie/domain';
import type { RouteModule } from '../../../platform/context.js';
import { attachConvention, changeInternshipSettings, internshipsPage, recordInternship, staffRegister, startInternship } from './internships.service.js';

const idParams = z.object({ id: z.uuid() });

/** Interns (issue 18, item 5): those who run the association. */
export const internshipsRoutes: RouteModule = (app, ctx) => {
  const config = { access: { kind: 'permission', permission: 'association.manage' } } as const;
  const tags = ['association'];
  const response = { 200: internshipsPageSchema };
  app.get('/api/association/internships', { config, schema: { tags, response } }, async (req) => internshipsPage(ctx, req.actor!));
  app.get('/api/association/staff-register', { config, schema: { tags, response: { 200: staffRegisterSchema } } }, async (req) => staffRegister(ctx, req.actor!));
  app.post('/api/association/internships', { config, schema: { tags, body: internshipInputSchema, response } },
    async (req) => recordInternship(ctx, req.actor!, req.body, req.ip));
  app.put('/api/association/internships/:id/convention', {
    config, bodyLimit: 8 * 1024 * 1024, schema: { tags, params: idParams, body: internshipConventionSchema, response },
  }, async (req) => attachConvention(ctx, req.actor!, req.params.id, req.body.file, req.ip));
  app.post('/api/association/internships/:id/start', { config, schema: { tags, params: idParams, response } },
    async (req) => startInternship(ctx, req.actor!, req.params.id, req.ip));
  app.put('/api/association/internship-settings', { config, schema: { tags, body: internshipSettingsSchema, response } },
    async (req) => changeInternshipSettings(ctx, req.actor!, req.body, req.ip));
};
