import { z } from 'zod';
import { areaViewSchema as areaView, communeViewSchema as communeView, taxonomiesViewSchema, taxonomyKindSchema, termCodeSchema, termViewSchema as termView } from '@vigie/domain';
import type { RouteModule } from '../../../platform/context.js';
import { addCommune, createArea, createTerm, listTaxonomies, saveArea, saveCommune, saveTerm } from './taxonomies.service.js';

const label = z.string().trim().min(1).max(120);
const areaCode = z.string().regex(/^[a-z0-9_-]{1,40}$/);
const inseeCode = z.string().regex(/^[0-9][0-9AB][0-9]{3}$/);

/** Coordinators edit the lists observers pick from. Terms are never deleted (records use them): they are deactivated. */
export const taxonomiesRoutes: RouteModule = (app, ctx) => {
  const manage = { access: { kind: 'permission', permission: 'taxonomies.manage' } } as const;
  app.get('/api/taxonomies', {
    config: manage,
    schema: { tags: ['field'], response: { 200: taxonomiesViewSchema } },
  }, async (req) => listTaxonomies(ctx, req.actor!));

  app.post('/api/taxonomies/:kind', {
    config: manage,
    schema: {
      tags: ['field'], params: z.object({ kind: taxonomyKindSchema }),
      body: z.strictObject({ code: termCodeSchema, labelFr: label, labelEn: label, sort: z.number().int().min(0).max(10_000).optional() }),
      response: { 201: termView },
    },
  }, async (req, reply) => reply.status(201).send(await createTerm(ctx, req.actor!, req.params.kind, req.body)));

  app.post('/api/areas', {
    config: manage,
    schema: { tags: ['field'], body: z.strictObject({ code: areaCode, name: label }), response: { 201: areaView } },
  }, async (req, reply) => reply.status(201).send(await createArea(ctx, req.actor!, req.body)));

  app.put('/api/areas/:code', {
    config: manage,
    schema: { tags: ['field'], params: z.object({ code: areaCode }), body: z.strictObject({ name: label, active: z.boolean() }), response: { 200: areaView } },
  }, async (req) => saveArea(ctx, req.actor!, req.params.code, req.body));

  app.post('/api/communes', {
    config: manage,
    schema: { tags: ['field'], body: z.strictObject({ inseeCode, areaCode, name: label.optional() }), response: { 201: communeView } },
  }, async (req, reply) => reply.status(201).send(await addCommune(ctx, req.actor!, req.body)));

  app.put('/api/communes/:inseeCode', {
    config: manage,
    schema: { tags: ['field'], params: z.object({ inseeCode }), body: z.strictObject({ areaCode, name: label }), response: { 200: communeView } },
  }, async (req) => saveCommune(ctx, req.actor!, req.params.inseeCode, req.body));

  app.put('/api/taxonomies/:kind/:code', {
    config: { access: { kind: 'permission', permission: 'taxonomies.manage' } },
    schema: {
      tags: ['field'],
      params: z.object({ kind: taxonomyKindSchema, code: termCodeSchema }),
      body: z.strictObject({ labelFr: z.string().trim().min(1).max(120), labelEn: z.string().trim().min(1).max(120), sort: z.number().int().min(0).max(10_000).default(0), active: z.boolean().default(true),
        /** The whole this term is a part of; null makes it a whole again; left out keeps it. */
        partOf: termCodeSchema.nullable().optional() }),
      response: { 200: termView },
    },
  }, async (req) => saveTerm(ctx, req.actor!, req.params.kind, req.params.code, req.body));
};
