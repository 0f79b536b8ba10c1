import { referenceViewSchema } from '@vigie/domain';
import type { RouteModule } from '../../../platform/context.js';
import { readReference } from './reference.service.js';

/** Everything the capture app caches to work with no network: areas, communes, lists, colleagues. */
export const fieldRoutes: RouteModule = (app, ctx) => {
  app.get('/api/field/reference', {
    config: { access: { kind: 'permission', permission: 'field.record' } },
    schema: { tags: ['field'], response: { 200: referenceViewSchema } },
  }, async (req) => readReference(ctx, req.actor!));
};
