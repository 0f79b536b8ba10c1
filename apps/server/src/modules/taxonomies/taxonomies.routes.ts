import { z } from 'zod';
import { taxonomyKindSchema, termCodeSchema } from '@vigie/domain';
import type { RouteModule } from '../../platform/context.js';
import { inOrganisation } from '../../platform/db/organisation-scope.js';
import { recordAudit } from '../../platform/audit/audit-trail.js';
import { findTerm, upsertTerm } from './taxonomies.queries.js';

const termView = z.object({ kind: taxonomyKindSchema, code: z.string(), labelFr: z.string(), labelEn: z.string(), sort: z.number(), active: z.boolean() });

/** Coordinators edit the lists observers pick from. Terms are never deleted (records use them): they are deactivated. */
export const taxonomiesRoutes: RouteModule = (app, ctx) => {
  app.put('/api/taxonomies/:kind/:code', {
    config: { access: { kind: 'permission', permission: 'taxonomies.manage' } },
    schema: {
      tags: ['field'],
      params: z.object({ kind: taxonomyKindSchema, code: termCodeSchema }),
      body: z.strictObject({ labelFr: z.string().trim().min(1).max(120), labelEn: z.string().trim().min(1).max(120), sort: z.number().int().min(0).max(10_000).default(0), active: z.boolean().default(true) }),
      response: { 200: termView },
    },
  }, async (req) => {
    const actor = req.actor!;
    return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
      const before = await findTerm(trx, req.params.kind, req.params.code);
      const t = await upsertTerm(trx, actor.organisationId, { kind: req.params.kind, code: req.params.code, ...req.body });
      const view = { kind: req.params.kind, code: t.code, labelFr: t.label_fr, labelEn: t.label_en, sort: t.sort, active: t.active };
      await recordAudit(trx, {
        organisationId: actor.organisationId, actorId: actor.userId, action: 'taxonomy.term_saved', entityType: 'taxonomy_term',
        entityId: `${req.params.kind}:${req.params.code}`, before: before && { labelFr: before.label_fr, labelEn: before.label_en, active: before.active }, after: view,
      });
      return view;
    });
  });
};
