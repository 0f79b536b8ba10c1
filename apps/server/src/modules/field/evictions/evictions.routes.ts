import { z } from 'zod';
import { evictionPageViewSchema, recordHistoryViewSchema, recordSearchQuerySchema, recordSearchViewSchema } from '@vigie/domain';
import type { RouteModule } from '../../../platform/context.js';
import { readEvictionHistory, readEvictionPage } from './read-eviction.js';
import { mergeEvictions, rejectEviction, verifyEviction } from './review-eviction.js';
import { searchRecords } from './search-records.js';

const params = z.object({ id: z.uuid() });
const statusView = z.object({ id: z.string(), version: z.number(), status: z.string() });

/** The eviction's page and the coordinator's decisions on it (saving goes through sync). */
export const evictionsRoutes: RouteModule = (app, ctx) => {
  const verify = { access: { kind: 'permission', permission: 'field.verify' } } as const;
  const tags = ['evictions'];

  // The pickers of the legal pole (coordinators hold legal.manage too).
  app.get('/api/field-records/search', {
    config: { access: { kind: 'permission', permission: 'legal.manage' } },
    schema: { tags, querystring: recordSearchQuerySchema, response: { 200: recordSearchViewSchema } },
  }, async (req) => searchRecords(ctx, req.actor!, req.query));

  // Readers are checked in the service: field, legal or comms roles.
  app.get('/api/evictions/:id', {
    config: { access: { kind: 'signed-in' } },
    schema: { tags, params, response: { 200: z.object({ page: evictionPageViewSchema }) } },
  }, async (req) => ({ page: await readEvictionPage(ctx, req.actor!, req.params.id, req.ip) }));

  app.post('/api/evictions/:id/verify', {
    config: verify,
    schema: { tags, params, body: z.strictObject({ version: z.number().int().min(1) }), response: { 200: statusView } },
  }, async (req) => verifyEviction(ctx, req.actor!, req.params.id, req.body.version));

  app.post('/api/evictions/:id/reject', {
    config: verify,
    schema: {
      tags, params, body: z.strictObject({ version: z.number().int().min(1), reason: z.string().trim().min(3).max(2000) }), response: { 200: statusView },
    },
  }, async (req) => rejectEviction(ctx, req.actor!, req.params.id, req.body.version, req.body.reason));

  app.post('/api/evictions/merge', {
    config: verify,
    schema: {
      tags, body: z.strictObject({ keepId: z.uuid(), mergeIds: z.array(z.uuid()).min(1).max(20) }),
      response: { 200: z.object({ keepId: z.string(), version: z.number(), merged: z.array(z.string()) }) },
    },
  }, async (req) => mergeEvictions(ctx, req.actor!, req.body.keepId, req.body.mergeIds));

  app.get('/api/evictions/:id/history', {
    config: { access: { kind: 'permission', permission: 'field.record' } },
    schema: { tags, params, response: { 200: recordHistoryViewSchema } },
  }, async (req) => ({ versions: await readEvictionHistory(ctx, req.actor!, req.params.id) }));
};
