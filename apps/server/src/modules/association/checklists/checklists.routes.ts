import { z } from 'zod';
import { CHECKLIST_KINDS, checklistTickSchema, personChecklistsViewSchema } from '@vigie/domain';
import type { RouteModule } from '../../../platform/context.js';
import { personChecklists, startChecklist, tickChecklistItem } from './checklists.service.js';

const idParams = z.object({ id: z.uuid() });

/** A person's onboarding and offboarding checklists (issue 18): those who run the association. */
export const checklistsRoutes: RouteModule = (app, ctx) => {
  const config = { access: { kind: 'permission', permission: 'association.manage' } } as const;
  const tags = ['association'];
  const response = { 200: personChecklistsViewSchema };

  app.get('/api/association/people/:id/checklists', { config, schema: { tags, params: idParams, response } },
    async (req) => personChecklists(ctx, req.actor!, req.params.id));
  app.post('/api/association/people/:id/checklists', {
    config, schema: { tags, params: idParams, body: z.strictObject({ kind: z.enum(CHECKLIST_KINDS) }), response },
  }, async (req) => startChecklist(ctx, req.actor!, req.params.id, req.body.kind, req.ip));
  app.post('/api/association/checklist-items/:id', { config, schema: { tags, params: idParams, body: checklistTickSchema, response } },
    async (req) => tickChecklistItem(ctx, req.actor!, req.params.id, req.body.done, req.ip));
};
