import { z } from 'zod';
import { escrowKeySchema, outboxRescueResultSchema, outboxRescueSchema, syncPullViewSchema, syncPushSchema, syncResultSchema } from '@vigie/domain';
import type { RouteModule } from '../../../platform/context.js';
import { escrowPublicJwk } from '../../../platform/crypto/escrow-key.js';
import { rescueOutbox } from './rescue-outbox.js';
import { pullChanges } from './pull.js';
import { pushCommands } from './push.js';

export const syncRoutes: RouteModule = (app, ctx) => {
  const access = { access: { kind: 'permission', permission: 'field.record' } } as const;

  app.post('/api/sync/push', {
    // Acknowledged once each record and its audit entry are committed; the entry's chain link
    // follows within a batch (docs/adr/0007), so a phone's flush never waits on other phones'.
    config: { ...access, auditChain: 'background' },
    // A phone may send up to 200 queued records at once after a day without network.
    bodyLimit: 4 * 1024 * 1024,
    schema: { tags: ['sync'], body: syncPushSchema, response: { 200: z.object({ results: z.array(syncResultSchema) }) } },
  }, async (req) => ({ results: await pushCommands(ctx, req.actor!, req.body.commands) }));

  app.get('/api/sync/pull', {
    config: access,
    schema: {
      tags: ['sync'],
      querystring: z.object({ since: z.coerce.number().int().min(0).default(0) }),
      response: { 200: syncPullViewSchema },
    },
  }, async (req) => pullChanges(ctx, req.actor!, req.query.since));

  app.get('/api/field/escrow-key', {
    config: access,
    schema: {
      tags: ['sync'], response: { 200: escrowKeySchema },
      description: 'The public key a phone wraps its local data key under, so that its unsent work can still reach the server when ten wrong codes wipe it.',
    },
  }, async () => escrowPublicJwk(ctx.serverKey));

  app.post('/api/field/devices/:id/rescue', {
    config: access,
    bodyLimit: 4 * 1024 * 1024,
    schema: {
      tags: ['sync'], params: z.object({ id: z.uuid() }), body: outboxRescueSchema, response: { 200: outboxRescueResultSchema },
      description: 'The outbox of a phone about to wipe itself after ten wrong codes, still encrypted, with its data key wrapped for the server: its queued commands are applied as a push.',
    },
  }, async (req) => rescueOutbox(ctx, req.actor!, req.params.id, req.body));
};
