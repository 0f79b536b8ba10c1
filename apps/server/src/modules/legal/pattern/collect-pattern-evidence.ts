import type { AppContext } from '../../../platform/context.js';
import { recordAudit } from '../../../platform/audit/audit-trail.js';
import { inOrganisation } from '../../../platform/db/organisation-scope.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import type { Actor } from '../../../platform/http/request-context.js';
import { computeBreakdown } from '../../communication/statistics/statistics.breakdown.js';
import { computeCountedEvictionIds, computeCoverage, computeFigures, ratesOf, type StatisticsFilter } from '../../communication/statistics/statistics.service.js';
import { organisationName } from '../bundles/organisation-name.js';
import { computePatternFigures } from './pattern-figures.js';
import { patternEvidencePdf } from './pattern-evidence-pdf.js';
import { evictionsByIds, findArea, incidentsOf, labelsFr, listAreas, seizedOf, type PatternFilter } from './pattern.queries.js';

/** Pattern evidence over a period and optionally one area: figures, annexes, and the PDF. */
export async function collectPatternEvidence(ctx: AppContext, actor: Actor, filter: PatternFilter) {
  if (filter.from > filter.to) throw new AppError('pattern.invalid_period', { from: filter.from, to: filter.to });
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const area = filter.area ? await findArea(trx, filter.area) : undefined;
    if (filter.area && !area) throw new AppError('field.unknown_area', { code: filter.area });
    // Every figure, and the list of records behind them, from the one statistics engine.
    const stats: StatisticsFilter = { from: filter.from, to: filter.to, ...(area ? { areaCode: area.code } : {}) };
    const figures = await computeFigures(trx, stats);
    const coverage = await computeCoverage(trx, stats);
    const ids = await computeCountedEvictionIds(trx, stats);
    const evictions = await evictionsByIds(trx, ids);
    const result = computePatternFigures({
      figures, rates: ratesOf(figures.evictions, filter.from, filter.to),
      coverage: { daysInPeriod: coverage.daysInPeriod, observedDays: coverage.daysObserved, expectedDays: coverage.expectedDays, missedDays: coverage.daysNotObserved },
      byItem: await computeBreakdown(trx, stats, 'itemType', 'fr'),
      reference: (metric) => ({ metric, from: filter.from, to: filter.to, areaCode: area?.code ?? null, filters: {} }),
    }, evictions, await incidentsOf(trx, ids), await seizedOf(trx, ids), await labelsFr(trx));
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
