import { z } from 'zod';
import { conflictResolutionSchema, conflictViewSchema } from '@vigie/domain';
import type { RouteModule } from '../../../platform/context.js';
import { listEvictionConflicts, resolveEvictionConflict } from './conflicts.service.js';

/** Kept conflicting versions of an eviction, and their resolution by a coordinator. */
export const conflictsRoutes: RouteModule = (app, ctx) => {
  const verify = { access: { kind: 'permission', permission: 'field.verify' } } as const;
  const tags = ['review'];
  app.get('/api/evictions/:id/conflicts', {
    config: verify,
    schema: { tags, params: z.object({ id: z.uuid() }), response: { 200: z.object({ conflicts: z.array(conflictViewSchema) }) } },
  }, async (req) => ({ conflicts: await listEvictionConflicts(ctx, req.actor!, req.params.id) }));

  app.post('/api/evictions/:id/conflicts/:conflictId/resolve', {
    config: verify,
    schema: {
      tags, params: z.object({ id: z.uuid(), conflictId: z.uuid() }), body: conflictResolutionSchema,
      response: { 200: z.object({ version: z.number() }) },
    },
  }, async (req) => resolveEvictionConflict(ctx, req.actor!, req.params.id, req.params.conflictId, req.body));
};
