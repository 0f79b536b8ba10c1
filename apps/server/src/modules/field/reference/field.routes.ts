import { z } from 'zod';
import { taxonomyKindSchema } from '@vigie/domain';
import type { RouteModule } from '../../../platform/context.js';
import { inOrganisation } from '../../../platform/db/organisation-scope.js';
import { listAreas, listCommunes, listTerms } from '../taxonomies/taxonomies.queries.js';

const referenceSchema = z.object({
  areas: z.array(z.object({ id: z.string(), code: z.string(), name: z.string() })),
  communes: z.array(z.object({ inseeCode: z.string(), name: z.string(), areaId: z.string() })),
  terms: z.array(z.object({ kind: taxonomyKindSchema, code: z.string(), labelFr: z.string(), labelEn: z.string(), sort: z.number(), active: z.boolean() })),
  members: z.array(z.object({ id: z.string(), displayName: z.string() })),
});

/** Everything the capture app caches to work with no network: areas, communes, lists, colleagues. */
export const fieldRoutes: RouteModule = (app, ctx) => {
  app.get('/api/field/reference', {
    config: { access: { kind: 'permission', permission: 'field.record' } },
    schema: { tags: ['field'], response: { 200: referenceSchema } },
  }, async (req) => inOrganisation(ctx.db, req.actor!.organisationId, async (trx) => {
    const [areas, communes, terms, members] = await Promise.all([
      listAreas(trx), listCommunes(trx), listTerms(trx),
      trx.selectFrom('users').select(['id', 'display_name']).where('active', '=', true).orderBy('display_name').execute(),
    ]);
    return {
      areas: areas.filter((a) => a.active).map((a) => ({ id: a.id, code: a.code, name: a.name })),
      communes: communes.map((c) => ({ inseeCode: c.insee_code, name: c.name, areaId: c.area_id })),
      terms: terms.map((t) => ({ kind: t.kind as z.infer<typeof taxonomyKindSchema>, code: t.code, labelFr: t.label_fr, labelEn: t.label_en, sort: t.sort, active: t.active })),
      members: members.map((m) => ({ id: m.id, displayName: m.display_name })),
    };
  }));
};
