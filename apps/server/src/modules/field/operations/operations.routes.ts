import { z } from 'zod';
import { operationPageViewSchema } from '@vigie/domain';
import type { RouteModule } from '../../../platform/context.js';
import { readOperationPage } from './read-operation.js';

/** The operation's page for the office (saving goes through sync, from the phone). */
export const operationsRoutes: RouteModule = (app, ctx) => {
  // Readers are checked in the service: field, legal or comms roles, like the eviction page.
  app.get('/api/operations/:id', {
    config: { access: { kind: 'signed-in' } },
    schema: { tags: ['operations'], params: z.object({ id: z.uuid() }), response: { 200: z.object({ page: operationPageViewSchema }) } },
  }, async (req) => ({ page: await readOperationPage(ctx, req.actor!, req.params.id, req.ip) }));
};
