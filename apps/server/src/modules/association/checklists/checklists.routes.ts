import { z } from 'zod';
import { CHECKLIST_KINDS, checklistTickSchema, peopleQuerySchema, personChecklistsViewSchema, personListItemSchema } from '@vigie/domain';
import type { RouteModule } from '../../../platform/context.js';
import { peopleOfState } from '../equipment/equipment.service.js';
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
    config, schema: { tags, params: idParams, body: z.strictObject({ kind: z.enum(CHECKLIST_KINDS) }), response },
  }, async (req) => startChecklist(ctx, req.actor!, req.params.id, req.body.kind, req.ip));
  app.post('/api/association/checklist-items/:id', { config, schema: { tags, params: idParams, body: checklistTickSchema, response } },
    async (req) => tickChecklistItem(ctx, req.actor!, req.params.id, req.body.done, req.ip));
};
