import { sql } from 'kysely';
import { auditChainCheckSchema, auditPageSchema, auditQuerySchema, type AuditEntryView } from '@vigie/domain';
import type { RouteModule } from '../../../platform/context.js';
import { open, seal } from '../../../platform/crypto/secret-box.js';
import { inOrganisation } from '../../../platform/db/organisation-scope.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import { rateLimited } from '../../../platform/http/rate-limited.js';
import { checkAuditChain } from './audit-chain.service.js';

/** Audit values are jsonb: whatever JSON the writing module recorded. */
type Json = AuditEntryView['before'];

/**
 * The organisation's own audit trail, newest first, for administrators. The chain is one for
 * every organisation on the server, so its sequence numbers would tell one organisation how
 * busy the others are (the gaps between its own entries): pages are reached by a sealed cursor.
 * Filters narrow it to one person, one kind of record or one record, and a span of days.
 */
export const auditRoutes: RouteModule = (app, ctx) => {
  const cursorOf = (seq: string) => seal(ctx.serverKey, `audit:${seq}`);
  const seqOf = (cursor: string) => {
    try {
      const seq = /^audit:(\d{1,19})$/.exec(open(ctx.serverKey, cursor))?.[1];
      if (seq) return seq;
    } catch { /* not one of ours: said below */ }
    throw new AppError('audit.invalid_cursor');
  };
  app.get('/api/audit', {
    config: { access: { kind: 'permission', permission: 'audit.read' } },
    schema: {
      tags: ['admin'],
      querystring: auditQuerySchema,
      response: { 200: auditPageSchema },
    },
  }, async (req) => {
    const before = req.query.before ? seqOf(req.query.before) : undefined;
    const rows = await inOrganisation(ctx.db, req.actor!.organisationId, (trx) => {
      const f = req.query;
      let q = trx.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(f.limit);
      if (before) q = q.where('seq', '<', before);
      if (f.actorId) q = q.where('actor_id', '=', f.actorId);
      if (f.entityType) q = q.where('entity_type', '=', f.entityType);
      if (f.entityId) q = q.where('entity_id', '=', f.entityId);
      // Days are Paris days, as the screen shows times.
      if (f.from) q = q.where(sql<string>`(at AT TIME ZONE 'Europe/Paris')::date`, '>=', f.from);
      if (f.to) q = q.where(sql<string>`(at AT TIME ZONE 'Europe/Paris')::date`, '<=', f.to);
      return q.execute();
    });
    return {
      entries: rows.map((r) => ({
        cursor: cursorOf(r.seq), hash: r.hash, at: r.at.toISOString(), actorId: r.actor_id, action: r.action, entityType: r.entity_type,
        entityId: r.entity_id, before: r.before as Json, after: r.after as Json, context: r.context as Json,
      })),
    };
  });

  // The same check as `npm run audit:verify`, from the screen: administrators and coordinators.
  // It reads the whole chain, so a few checks a minute per address are plenty.
  rateLimited(app, ctx, (limited) => limited.post('/api/audit/verify', {
    config: { access: { kind: 'permission', permission: 'audit.verify' } },
    schema: {
      tags: ['admin'],
      description: 'Recomputes the whole audit hash chain; answers for this organisation\'s entries only.',
      response: { 200: auditChainCheckSchema },
    },
  }, async (req) => checkAuditChain(ctx, req.actor!.organisationId, cursorOf)), 6);
};
