import { z } from 'zod';
import { fileResponse } from '../../../platform/http/raw-bytes.js';
import { breakdownQuerySchema, can, chartParamsSchema, chartQuerySchema, evictionListQuerySchema, seriesQuerySchema, statisticsQuerySchema, type ChartFormat, type ChartName, type StatisticsQuery } from '@vigie/domain';
import type { RouteModule } from '../../../platform/context.js';
import { inOrganisationReadOnly } from '../../../platform/db/organisation-scope.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import type { Actor } from '../../../platform/http/request-context.js';
import { chartDataCsv, chartFileName, renderChartPng, renderChartSvg } from '../charts/index.js';
import { computeBreakdown } from './statistics.breakdown.js';
import { chartSpecOf } from './statistics.charts.js';
import { drillDown } from './statistics.drilldown.js';
import { breakdownSchema, evictionListSchema, filterOptionsSchema, presentFilterOptions, seriesSchema, summarySchema } from './statistics.presenter.js';
import { computeSeries, computeSummary, filterOptions, type StatisticsFilter } from './statistics.service.js';

/** Drafts are unverified observations: only those who verify them may see figures that include them. */
function filterOf(actor: Actor, q: StatisticsQuery): StatisticsFilter {
  if (q.includeDrafts && !can(actor.roles, 'field.verify')) throw new AppError('statistics.drafts_forbidden');
  const { from, to, areaCode, communeInsee, siteId, forceCorps, includeDrafts } = q;
  return { from, to, areaCode, communeInsee, siteId, forceCorps, includeDrafts, forcesPresent: q.forcePresent, forcesAbsent: q.forceAbsent };
}

const PNG_WIDTH = 1600;

export const statisticsRoutes: RouteModule = (app, ctx) => {
  const access = { access: { kind: 'permission', permission: 'stats.view' } } as const;
  // Figures are heavy reads: they go to the read database (a replica when one is configured).
  const scoped = <T>(actor: Actor, work: Parameters<typeof inOrganisationReadOnly<T>>[2]) => inOrganisationReadOnly(ctx.readDb, actor.organisationId, work, ctx.readForks);

  app.get('/api/statistics/filters', {
    config: access,
    schema: { tags: ['statistics'], response: { 200: filterOptionsSchema } },
  }, async (req) => presentFilterOptions(await scoped(req.actor!, (trx) => filterOptions(trx)), req.locale));

  app.get('/api/statistics/summary', {
    config: access,
    schema: { tags: ['statistics'], querystring: statisticsQuerySchema, response: { 200: summarySchema } },
  }, async (req) => scoped(req.actor!, (trx, fork) => computeSummary(trx, filterOf(req.actor!, req.query), fork)));

  app.get('/api/statistics/breakdown', {
    config: access,
    schema: { tags: ['statistics'], querystring: breakdownQuerySchema, response: { 200: breakdownSchema } },
  }, async (req) => ({
    by: req.query.by,
    rows: await scoped(req.actor!, (trx, fork) => computeBreakdown(trx, filterOf(req.actor!, req.query), req.query.by, req.locale, req.query.detail, fork)),
  }));

  app.get('/api/statistics/series', {
    config: access,
    schema: { tags: ['statistics'], querystring: seriesQuerySchema, response: { 200: seriesSchema } },
  }, async (req) => ({
    bucket: req.query.bucket, metric: req.query.metric,
    points: await scoped(req.actor!, (trx, fork) => computeSeries(trx, filterOf(req.actor!, req.query), req.query.bucket, req.query.metric, fork)),
  }));

  // The drill-down lists evictions one by one (site, day, time): row-level, field access only.
  app.get('/api/statistics/evictions', {
    config: { access: { ...access.access, rowLevel: true } },
    schema: { tags: ['statistics'], querystring: evictionListQuerySchema, response: { 200: evictionListSchema } },
  }, async (req) => scoped(req.actor!, (trx) => drillDown(trx, { ...filterOf(req.actor!, req.query), itemType: req.query.itemType }, req.query.page, req.query.pageSize)));

  app.get('/api/statistics/charts/:file', {
    config: access,
    schema: {
      tags: ['statistics'], params: chartParamsSchema, querystring: chartQuerySchema,
      description: 'A dashboard chart as SVG or PNG (for Canva and Office), or its data as CSV.',
      response: { 200: fileResponse('The chart as SVG, PNG or CSV') },
    },
  }, async (req, reply) => {
    const [chart, format] = req.params.file.split('.') as [ChartName, ChartFormat];
    const filter = filterOf(req.actor!, req.query);
    const spec = await scoped(req.actor!, (trx) => chartSpecOf(trx, chart, filter, req.query.bucket, req.locale, req.actor!.organisationName));
    const name = chartFileName(spec, format);
    // Charts describe the organisation's unpublished data: never kept by shared caches.
    reply.header('cache-control', 'private, no-store');
    if (format === 'csv') {
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}"`).send(chartDataCsv(spec));
    }
    const svg = await renderChartSvg(spec);
    reply.header('content-disposition', `inline; filename="${name}"`);
    if (format === 'svg') return reply.type('image/svg+xml; charset=utf-8').send(svg);
    return reply.type('image/png').send(await renderChartPng(svg, PNG_WIDTH));
  });
};
