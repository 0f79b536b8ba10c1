import { z } from 'zod';
import type { RouteModule } from '../../../platform/context.js';
import { personSearchQuerySchema, personSearchViewSchema } from '@vigie/domain';
import { readIdentity, searchPersons, writeIdentity } from './persons.service.js';

const identitySchema = z.strictObject({
  fullName: z.string().trim().min(1).max(200),
  birthDate: z.iso.date().nullable().default(null),
  nationality: z.string().trim().max(100).nullable().default(null),
  contact: z.string().trim().max(200).nullable().default(null),
  notes: z.string().trim().max(2000).nullable().default(null),
});

export const personsRoutes: RouteModule = (app, ctx) => {
  const access = { access: { kind: 'permission', permission: 'identities.read' } } as const;
  // The party picker of a case: pseudonyms only, for those who add parties.
  app.get('/api/persons', {
    config: { access: { kind: 'permission', permission: 'legal.manage' } },
    schema: { tags: ['legal'], querystring: personSearchQuerySchema, response: { 200: personSearchViewSchema } },
  }, async (req) => searchPersons(ctx, req.actor!, req.query.q, req.ip));

  app.get('/api/persons/:id/identity', {
    config: access,
    schema: {
      tags: ['legal'], params: z.object({ id: z.uuid() }),
      response: { 200: z.object({ id: z.string(), pseudonym: z.string(), minor: z.boolean().nullable(), identity: identitySchema.nullable() }) },
    },
  }, async (req) => readIdentity(ctx, req.actor!, req.params.id, req.ip));

  app.put('/api/persons/:id/identity', {
    config: access,
    schema: { tags: ['legal'], params: z.object({ id: z.uuid() }), body: identitySchema, response: { 204: z.null() } },
  }, async (req, reply) => {
    await writeIdentity(ctx, req.actor!, req.params.id, req.body, req.ip);
    return reply.status(204).send(null);
  });
};
