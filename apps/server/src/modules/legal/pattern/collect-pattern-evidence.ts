import type { AppContext } from '../../../platform/context.js';
import { recordAudit } from '../../../platform/audit/audit-trail.js';
import { inOrganisation } from '../../../platform/db/organisation-scope.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import type { Actor } from '../../../platform/http/request-context.js';
import { coverageByBucket } from '../../field/rota/rota-coverage.service.js';
import { organisationName } from '../bundles/organisation-name.js';
import { computePatternFigures } from './pattern-figures.js';
import { patternEvidencePdf } from './pattern-evidence-pdf.js';
import { findArea, incidentsOf, labelsFr, listAreas, seizedOf, verifiedEvictions, type PatternFilter } from './pattern.queries.js';

/** Pattern evidence over a period and optionally one area: figures, annexes, and the PDF. */
export async function collectPatternEvidence(ctx: AppContext, actor: Actor, filter: PatternFilter) {
  if (filter.from > filter.to) throw new AppError('pattern.invalid_period', { from: filter.from, to: filter.to });
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const area = filter.area ? await findArea(trx, filter.area) : undefined;
    if (filter.area && !area) throw new AppError('field.unknown_area', { code: filter.area });
    const evictions = await verifiedEvictions(trx, filter);
    const ids = evictions.map((e) => e.id);
    const days = (await coverageByBucket(trx, { from: filter.from, to: filter.to, ...(area ? { areaId: area.id } : {}) }, 'none'))[0];
    const result = computePatternFigures(filter, days ?? { observedDays: 0, expectedDays: 0, missedDays: 0 }, evictions, await incidentsOf(trx, ids), await seizedOf(trx, ids), await labelsFr(trx));
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'legal.pattern_evidence', entityType: 'export',
      context: { ...filter, evictions: ids.length },
    });
    return { result, organisation: await organisationName(trx, actor.organisationId), scope: area ? area.name : 'Toutes les zones' };
  });
}

export async function patternEvidence(ctx: AppContext, actor: Actor, filter: PatternFilter) {
  const { result, organisation, scope } = await collectPatternEvidence(ctx, actor, filter);
  const pdf = patternEvidencePdf({ organisation, scope, from: filter.from, to: filter.to, createdAt: new Date(), result });
  return { pdf, fileName: `releve-expulsions_${filter.from}_${filter.to}${filter.area ? `_${filter.area}` : ''}.pdf`.replace(/[^A-Za-z0-9._-]/g, '_') };
}

/** The areas a summary can be limited to (the legal pole has no access to the field's reference data). */
export async function patternAreas(ctx: AppContext, actor: Actor) {
  return inOrganisation(ctx.db, actor.organisationId, (trx) => listAreas(trx));
}
