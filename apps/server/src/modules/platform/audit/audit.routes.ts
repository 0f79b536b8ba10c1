import { z } from 'zod';
import type { RouteModule } from '../../../platform/context.js';
import { inOrganisation } from '../../../platform/db/organisation-scope.js';

/** Audit values are jsonb: whatever JSON the writing module recorded. */
type Json = z.infer<ReturnType<typeof z.json>>;

const entrySchema = z.object({
  seq: z.number(), at: z.string(), actorId: z.string().nullable(), action: z.string(), entityType: z.string(),
  entityId: z.string().nullable(), before: z.json(), after: z.json(), context: z.json(),
});

/** The organisation's own audit trail, newest first, for administrators. */
export const auditRoutes: RouteModule = (app, ctx) => {
  app.get('/api/audit', {
    config: { access: { kind: 'permission', permission: 'audit.read' } },
    schema: {
      tags: ['admin'],
      querystring: z.object({ before: z.coerce.number().int().positive().optional(), limit: z.coerce.number().int().min(1).max(200).default(50) }),
      response: { 200: z.object({ entries: z.array(entrySchema) }) },
    },
  }, async (req) => {
    const rows = await inOrganisation(ctx.db, req.actor!.organisationId, (trx) => {
      let q = trx.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(req.query.limit);
      if (req.query.before) q = q.where('seq', '<', String(req.query.before));
      return q.execute();
    });
    return {
      entries: rows.map((r) => ({
        seq: Number(r.seq), at: r.at.toISOString(), actorId: r.actor_id, action: r.action, entityType: r.entity_type,
        entityId: r.entity_id, before: r.before as Json, after: r.after as Json, context: r.context as Json,
      })),
    };
  });
};
