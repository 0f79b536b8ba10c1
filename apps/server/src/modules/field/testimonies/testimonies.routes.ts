import { z } from 'zod';
import {
  consentInputSchema, quotableTestimonySchema, testimonyCreatedSchema, testimonyCreateSchema, testimonySummaryViewSchema, testimonyViewSchema,
  withdrawalCodeSchema, withdrawalResultSchema,
} from '@vigie/domain';
import type { RouteModule } from '../../../platform/context.js';
import { rateLimited } from '../../../platform/http/rate-limited.js';
import {
  createTestimony, listQuotableTestimonies, listTestimonies, readTestimony, recordConsent, withdrawByCode,
} from './testimonies.service.js';

const idParams = z.object({ id: z.uuid() });

/**
 * Testimonies. Taking one is field work (field.record); reading is for testimonies.read, or the
 * observer who took it (checked in the service). The withdrawal page is public: the code is the
 * credential, so it goes through the per-address limit like every secret-checking route.
 */
export const testimoniesRoutes: RouteModule = (app, ctx) => {
  const tags = ['testimonies'];
  const takers = { access: { kind: 'anyPermission', permissions: ['field.record', 'testimonies.read'] } } as const;
  const readers = { access: { kind: 'permission', permission: 'testimonies.read' } } as const;

  app.get('/api/testimonies', {
    config: takers, schema: { tags, response: { 200: z.object({ testimonies: z.array(testimonySummaryViewSchema) }) } },
  }, async (req) => ({ testimonies: await listTestimonies(ctx, req.actor!, req.ip) }));

  app.post('/api/testimonies', {
    config: takers,
    schema: { tags, description: 'Takes a testimony; the withdrawal code is in this answer only (only its hash is kept).', body: testimonyCreateSchema, response: { 201: testimonyCreatedSchema } },
  }, async (req, reply) => reply.status(201).header('cache-control', 'no-store').send(await createTestimony(ctx, req.actor!, req.body, req.ip)));

  app.get('/api/testimonies/quotable', {
    config: { access: { kind: 'permission', permission: 'comms.publish' } },
    schema: { tags, description: 'The excerpts whose persons agreed to be quoted anonymously, and nothing else about them.', response: { 200: z.object({ quotes: z.array(quotableTestimonySchema) }) } },
  }, async (req) => ({ quotes: await listQuotableTestimonies(ctx, req.actor!, req.ip) }));

  app.get('/api/testimonies/:id', {
    config: takers, schema: { tags, params: idParams, response: { 200: z.object({ testimony: testimonyViewSchema }) } },
  }, async (req) => ({ testimony: await readTestimony(ctx, req.actor!, req.params.id, req.ip) }));

  app.post('/api/testimonies/:id/consent', {
    config: takers, schema: { tags, params: idParams, body: consentInputSchema, response: { 200: z.object({ testimony: testimonyViewSchema }) } },
  }, async (req) => ({ testimony: await recordConsent(ctx, req.actor!, req.params.id, req.body, req.ip) }));

  app.post('/api/testimonies/withdrawals', {
    config: readers,
    schema: { tags, description: "A withdrawal typed by a staff member at the person's request.", body: withdrawalCodeSchema, response: { 200: withdrawalResultSchema } },
  }, async (req) => withdrawByCode(ctx, req.actor!, req.body.code, req.ip));

  rateLimited(app, ctx, (limited) => {
    limited.post('/api/public/testimony-withdrawals', {
      config: { access: { kind: 'public' } },
      schema: { tags, description: 'The person withdraws with the code on their card.', body: withdrawalCodeSchema, response: { 200: withdrawalResultSchema } },
    }, async (req, reply) => reply.header('cache-control', 'no-store').send(await withdrawByCode(ctx, null, req.body.code, req.ip)));
  });
};
