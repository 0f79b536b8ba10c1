import { z } from 'zod';
import { syncPullViewSchema, syncPushSchema, syncResultSchema } from '@vigie/domain';
import type { RouteModule } from '../../../platform/context.js';
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
};
