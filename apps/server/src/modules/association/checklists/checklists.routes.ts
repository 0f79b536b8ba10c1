import { z } from 'zod';
import { checklistStartSchema, checklistTemplateInputSchema, checklistTemplatesViewSchema, checklistTickSchema, peopleQuerySchema, personChecklistsViewSchema, personListItemSchema } from '@vigie/domain';
import type { RouteModule } from '../../../platform/context.js';
import { peopleOfState } from '../equipment/equipment.service.js';
import { changeChecklistTemplate, checklistTemplates, createChecklistTemplate } from './checklist-templates.service.js';
import { personChecklists, startChecklist, tickChecklistItem } from './checklists.service.js';

const idParams = z.object({ id: z.uuid() });

/** A person's onboarding and offboarding checklists (issue 18): those who run the association. */
export const checklistsRoutes: RouteModule = (app, ctx) => {
  const config = { access: { kind: 'permission', permission: 'association.manage' } } as const;
  const tags = ['association'];
  const response = { 200: personChecklistsViewSchema };

  // The people a checklist can be about: the organisation's members with an active account, or the former ones (?state=former).
  app.get('/api/association/people', { config, schema: { tags, querystring: peopleQuerySchema, response: { 200: z.object({ people: z.array(personListItemSchema) }) } } },
    async (req) => peopleOfState(ctx, req.actor!, req.query.state));
  app.get('/api/association/people/:id/checklists', { config, schema: { tags, params: idParams, response } },
    async (req) => personChecklists(ctx, req.actor!, req.params.id));
  app.post('/api/association/people/:id/checklists', {
    config, schema: { tags, params: idParams, body: checklistStartSchema, response },
  }, async (req) => startChecklist(ctx, req.actor!, req.params.id, req.body.kind, req.ip, req.body.date));
  app.post('/api/association/checklist-items/:id', { config, schema: { tags, params: idParams, body: checklistTickSchema, response } },
    async (req) => tickChecklistItem(ctx, req.actor!, req.params.id, req.body.done, req.ip));

  // The templates per kind and role, each task at a day relative to the arrival or departure.
  const templates = { 200: checklistTemplatesViewSchema };
  app.get('/api/association/checklist-templates', { config, schema: { tags, response: templates } }, async (req) => checklistTemplates(ctx, req.actor!));
  app.post('/api/association/checklist-templates', { config, schema: { tags, body: checklistTemplateInputSchema, response: templates } },
    async (req) => createChecklistTemplate(ctx, req.actor!, req.body, req.ip));
  app.put('/api/association/checklist-templates/:id', { config, schema: { tags, params: idParams, body: checklistTemplateInputSchema, response: templates } },
    async (req) => changeChecklistTemplate(ctx, req.actor!, req.params.id, req.body, req.ip));
};
