import { z } from 'zod';
import type { AppContext, RouteModule } from '../../../platform/context.js';
import { inOrganisation } from '../../../platform/db/organisation-scope.js';
import type { Actor } from '../../../platform/http/request-context.js';

/**
 * What waits for a coordinator, as two numbers for the navigation and the home page: evictions
 * submitted and not yet verified, and those rejected in the last 30 days (sent back to their
 * observers). Counts only: no record, so nothing to audit.
 */
export const reviewCountsSchema = z.object({ waiting: z.number().int(), rejectedRecently: z.number().int() });

export async function reviewCounts(ctx: AppContext, actor: Actor): Promise<z.infer<typeof reviewCountsSchema>> {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const since = new Date(Date.now() - 30 * 86_400_000);
    const row = await trx.selectFrom('evictions')
      .select((eb) => [
        eb.fn.count<string>('id').filterWhere('status', '=', 'submitted').as('waiting'),
        eb.fn.count<string>('id').filterWhere((w) => w.and([w('status', '=', 'rejected'), w('updated_at', '>=', since)])).as('rejected'),
      ])
      .where('deleted_at', 'is', null).where('merged_into', 'is', null)
      .executeTakeFirstOrThrow();
    return { waiting: Number(row.waiting), rejectedRecently: Number(row.rejected) };
  });
}

export const reviewCountsRoutes: RouteModule = (app, ctx) => {
  app.get('/api/review/counts', {
    config: { access: { kind: 'permission', permission: 'field.verify' } },
    schema: { tags: ['review'], response: { 200: reviewCountsSchema } },
  }, async (req) => reviewCounts(ctx, req.actor!));
};
