import { z } from 'zod';
import { sessionSchema, setupBodySchema } from '@vigie/domain';
import type { RouteModule } from '../../../platform/context.js';
import { setSessionCookie } from '../../../platform/http/authentication.js';
import { rateLimited } from '../../../platform/http/rate-limited.js';
import { completeSetup, needsSetup } from './setup.service.js';

export const setupRoutes: RouteModule = (app, ctx) => {
  const secure = ctx.config.publicUrl.startsWith('https:');
  app.get('/api/setup/status', {
    config: { access: { kind: 'public' } },
    schema: { tags: ['setup'], response: { 200: z.object({ needsSetup: z.boolean() }) } },
  }, async () => ({ needsSetup: await needsSetup(ctx) }));

  rateLimited(app, ctx, (limited) => {
    limited.post('/api/setup', {
      config: { access: { kind: 'public' } },
      schema: { tags: ['setup'], body: setupBodySchema, response: { 200: sessionSchema } },
    }, async (req, reply) => {
      const opened = await completeSetup(ctx, req.body, req.ip);
      setSessionCookie(reply, opened.token, opened.expiresAt, secure);
      return opened.view;
    });
  });
};
