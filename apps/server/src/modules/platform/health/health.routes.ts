import { z } from 'zod';
import { sql } from 'kysely';
import type { RouteModule } from '../../../platform/context.js';

export const healthRoutes: RouteModule = (app, ctx) => {
  app.get('/api/health', {
    config: { access: { kind: 'public' } },
    schema: {
      tags: ['platform'],
      response: { 200: z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']) }) },
    },
  }, async () => {
    await sql`SELECT 1`.execute(ctx.db);
    return { status: 'ok' as const, database: ctx.config.database.kind };
  });
};
