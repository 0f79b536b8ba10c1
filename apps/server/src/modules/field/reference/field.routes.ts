import { z } from 'zod';
import { taxonomyKindSchema } from '@vigie/domain';
import type { RouteModule } from '../../../platform/context.js';
import { readReference } from './reference.service.js';

const referenceSchema = z.object({
  areas: z.array(z.object({ id: z.string(), code: z.string(), name: z.string() })),
  communes: z.array(z.object({ inseeCode: z.string(), name: z.string(), areaId: z.string() })),
  terms: z.array(z.object({ kind: taxonomyKindSchema, code: z.string(), labelFr: z.string(), labelEn: z.string(), sort: z.number(), active: z.boolean(), partOf: z.string().nullable() })),
  members: z.array(z.object({ id: z.string(), displayName: z.string() })),
});

/** Everything the capture app caches to work with no network: areas, communes, lists, colleagues. */
export const fieldRoutes: RouteModule = (app, ctx) => {
  app.get('/api/field/reference', {
    config: { access: { kind: 'permission', permission: 'field.record' } },
    schema: { tags: ['field'], response: { 200: referenceSchema } },
  }, async (req) => readReference(ctx, req.actor!));
};
