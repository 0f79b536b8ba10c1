import { z } from 'zod';
import type { RouteModule } from '../../../platform/context.js';
import { evictionHistory, mergeEvictions, rejectEviction, reviewQueue, verifyEviction } from './review.service.js';

const statusView = z.object({ id: z.string(), version: z.number(), status: z.string() });

export const reviewRoutes: RouteModule = (app, ctx) => {
  const verify = { access: { kind: 'permission', permission: 'field.verify' } } as const;
  app.get('/api/review/queue', {
    config: verify,
    schema: { tags: ['review'], response: { 200: z.object({ evictions: z.array(z.unknown()), duplicateGroups: z.array(z.array(z.string())) }) } },
  }, async (req) => reviewQueue(ctx, req.actor!));

  app.post('/api/evictions/:id/verify', {
    config: verify,
    schema: { tags: ['review'], params: z.object({ id: z.uuid() }), body: z.strictObject({ version: z.number().int().min(1) }), response: { 200: statusView } },
  }, async (req) => verifyEviction(ctx, req.actor!, req.params.id, req.body.version));

  app.post('/api/evictions/:id/reject', {
    config: verify,
    schema: {
      tags: ['review'], params: z.object({ id: z.uuid() }),
      body: z.strictObject({ version: z.number().int().min(1), reason: z.string().trim().min(3).max(2000) }), response: { 200: statusView },
    },
  }, async (req) => rejectEviction(ctx, req.actor!, req.params.id, req.body.version, req.body.reason));

  app.post('/api/evictions/merge', {
    config: verify,
    schema: {
      tags: ['review'], body: z.strictObject({ keepId: z.uuid(), mergeIds: z.array(z.uuid()).min(1).max(20) }),
      response: { 200: z.object({ keepId: z.string(), version: z.number(), merged: z.array(z.string()) }) },
    },
  }, async (req) => mergeEvictions(ctx, req.actor!, req.body.keepId, req.body.mergeIds));

  app.get('/api/evictions/:id/history', {
    config: { access: { kind: 'permission', permission: 'field.record' } },
    schema: {
      tags: ['review'], params: z.object({ id: z.uuid() }),
      response: { 200: z.object({ versions: z.array(z.object({ version: z.number(), changedAt: z.string(), changedBy: z.object({ id: z.string().nullable(), displayName: z.string().nullable() }), changes: z.array(z.object({ field: z.string(), before: z.unknown(), after: z.unknown() })) })) }) },
    },
  }, async (req) => ({ versions: await evictionHistory(ctx, req.actor!, req.params.id) }));
};
