import { z } from 'zod';
import { publicStatisticsSettingsSchema } from '@vigie/domain';
import type { RouteModule } from '../../../platform/context.js';
import { rateLimited } from '../../../platform/http/rate-limited.js';
import { sendPublicPage } from '../../../platform/http/public-page.js';
import { STATISTICS_PAGE_STYLE, publicCsv, renderPublicPage } from './public-statistics.page.js';
import { publicSettingsOf, publicStatistics, savePublicSettings } from './public-statistics.service.js';

const slugParams = z.object({ orgSlug: z.string().regex(/^[a-z0-9-]{1,60}$/) });
const publicQuery = z.object({ from: z.iso.date().optional(), to: z.iso.date().optional(), areaCode: z.string().trim().min(1).max(40).optional(),
  /** An iframe cannot choose its Accept-Language: the embedding page picks the language here. */
  lang: z.enum(['fr', 'en']).optional(),
});
const publicFigure = { value: z.number().nullable(), atLeast: z.boolean(), belowThreshold: z.boolean(), suppressed: z.boolean(), display: z.string() };
const publicStatisticsSchema = z.object({
  organisation: z.string(), from: z.string(), to: z.string(), area: z.string().nullable(), threshold: z.number(), generatedAt: z.string(),
  coverage: z.object({ expectedDays: z.number(), observedDays: z.number(), display: z.string() }),
  figures: z.array(z.object({ code: z.string(), label: z.string(), ...publicFigure })),
  byMonth: z.array(z.object({ month: z.string(), ...publicFigure })),
  byArea: z.array(z.object({ area: z.string(), ...publicFigure })),
});

export const publicStatisticsRoutes: RouteModule = (app, ctx) => {
  // The public figures page is the communication pole's to run, and the administrator's.
  const manage = { access: { kind: 'anyPermission', permissions: ['comms.publish', 'organisation.manage'] } } as const;
  app.get('/api/statistics/public-settings', {
    config: manage, schema: { tags: ['statistics'], response: { 200: publicStatisticsSettingsSchema } },
  }, async (req) => publicSettingsOf(ctx, req.actor!));

  app.put('/api/statistics/public-settings', {
    config: manage, schema: { tags: ['statistics'], body: publicStatisticsSettingsSchema, response: { 200: publicStatisticsSettingsSchema } },
  }, async (req) => savePublicSettings(ctx, req.actor!, req.body));

  const open = { access: { kind: 'public' } } as const;
  const headers = { 'cache-control': 'public, max-age=300', 'access-control-allow-origin': '*' };

  // Anyone may ask, and each answer is a year of computation: a per-address limit of its own.
  rateLimited(app, ctx, (limited) => {
    limited.get('/api/public/:orgSlug/statistics.json', {
      config: open,
      schema: { tags: ['public'], params: slugParams, querystring: publicQuery, response: { 200: publicStatisticsSchema } },
    }, async (req, reply) => {
      reply.headers(headers);
      return publicStatistics(ctx, req.params.orgSlug, req.query, req.query.lang ?? req.locale);
    });

    limited.get('/api/public/:orgSlug/statistics.csv', {
      config: open,
      schema: { tags: ['public'], params: slugParams, querystring: publicQuery, response: { 200: z.string() } },
    }, async (req, reply) => {
      const stats = await publicStatistics(ctx, req.params.orgSlug, req.query, req.query.lang ?? req.locale);
      return reply.headers(headers).type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="statistics-${stats.from}-${stats.to}.csv"`).send(publicCsv(stats, req.query.lang ?? req.locale));
    });

    limited.get('/api/public/:orgSlug/statistics.html', {
      config: open,
      schema: { tags: ['public'], params: slugParams, querystring: publicQuery, response: { 200: z.string() } },
    }, async (req, reply) => {
      const stats = await publicStatistics(ctx, req.params.orgSlug, req.query, req.query.lang ?? req.locale);
      // The one page other sites may frame: replace the app-wide "no framing" headers for it alone.
      return sendPublicPage(reply, STATISTICS_PAGE_STYLE, renderPublicPage(stats, req.query.lang ?? req.locale), headers);
    });
  }, ctx.config.publicRateLimitPerMinute);
};
