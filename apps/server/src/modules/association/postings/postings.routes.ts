import { z } from 'zod';
import { postingInputSchema, postingViewSchema, ENGAGEMENTS, WORKPLACES, SCHEDULES, PAY_UNITS } from '@vigie/domain';
import type { RouteModule } from '../../../platform/context.js';
import { closePosting, createPosting, editPosting, listOrganisationPostings, publishPosting, readPosting } from './postings.service.js';
import { sendPublicPage } from '../../../platform/http/public-page.js';
import { JOB_PAGE_STYLE, renderJobFeed, renderJobList, renderJobPage } from './public-postings.page.js';
import { publicJob, publicJobs } from './public-postings.service.js';
import { jobAlertsPath } from './job-alerts.js';

const idParams = z.object({ id: z.uuid() });
const slugParams = z.object({ orgSlug: z.string().regex(/^[a-z0-9-]{1,60}$/) });
const langQuery = z.object({ lang: z.enum(['fr', 'en']).optional() });
const publicJobSchema = z.object({
  id: z.uuid(), title: z.string(), engagement: z.enum(ENGAGEMENTS), locality: z.string(), workplace: z.enum(WORKPLACES), schedule: z.enum(SCHEDULES),
  payMin: z.number().nullable(), payMax: z.number().nullable(), payUnit: z.enum(PAY_UNITS).nullable(), closesOn: z.string(), publishedAt: z.string(), url: z.string(),
});

export const postingsRoutes: RouteModule = (app, ctx) => {
  const recruit = { access: { kind: 'permission', permission: 'recruitment.manage' } } as const;
  const tags = ['recruitment'];

  app.get('/api/association/postings', {
    config: recruit, schema: { tags, response: { 200: z.object({ postings: z.array(postingViewSchema) }) } },
  }, async (req) => ({ postings: await listOrganisationPostings(ctx, req.actor!) }));

  app.post('/api/association/postings', {
    config: recruit, schema: { tags, body: postingInputSchema, response: { 200: postingViewSchema } },
  }, async (req) => createPosting(ctx, req.actor!, req.body, req.ip));

  app.get('/api/association/postings/:id', {
    config: recruit, schema: { tags, params: idParams, response: { 200: postingViewSchema } },
  }, async (req) => readPosting(ctx, req.actor!, req.params.id));

  app.put('/api/association/postings/:id', {
    config: recruit, schema: { tags, params: idParams, body: postingInputSchema, response: { 200: postingViewSchema } },
  }, async (req) => editPosting(ctx, req.actor!, req.params.id, req.body, req.ip));

  app.post('/api/association/postings/:id/publish', {
    config: recruit, schema: { tags, params: idParams, response: { 200: postingViewSchema } },
  }, async (req) => publishPosting(ctx, req.actor!, req.params.id, req.ip));

  app.post('/api/association/postings/:id/close', {
    config: recruit, schema: { tags, params: idParams, response: { 200: postingViewSchema } },
  }, async (req) => closePosting(ctx, req.actor!, req.params.id, req.ip));

  // Public pages: open postings only. Embeddable, cached briefly.
  const open = { access: { kind: 'public' } } as const;
  const headers = { 'cache-control': 'public, max-age=300', 'access-control-allow-origin': '*' };

  app.get('/api/public/:orgSlug/jobs', {
    config: open, schema: { tags: ['public'], params: slugParams, querystring: langQuery, response: { 200: z.string() } },
  }, async (req, reply) => {
    const { org, jobs, urls } = await publicJobs(ctx, req.params.orgSlug);
    return sendPublicPage(reply, JOB_PAGE_STYLE, renderJobList(org, jobs, urls.feed, req.query.lang ?? req.locale, `${ctx.config.publicUrl}${jobAlertsPath(req.params.orgSlug)}`), headers);
  });

  app.get('/api/public/:orgSlug/jobs.json', {
    config: open, schema: { tags: ['public'], params: slugParams, response: { 200: z.object({ organisation: z.string(), jobs: z.array(publicJobSchema) }) } },
  }, async (req, reply) => {
    const { org, jobs } = await publicJobs(ctx, req.params.orgSlug);
    reply.headers(headers);
    return { organisation: org.name, jobs };
  });

  app.get('/api/public/:orgSlug/jobs.atom', {
    config: open, schema: { tags: ['public'], params: slugParams, querystring: langQuery, response: { 200: z.string() } },
  }, async (req, reply) => {
    const { org, jobs, urls } = await publicJobs(ctx, req.params.orgSlug);
    return reply.headers(headers).type('application/atom+xml; charset=utf-8')
      .send(renderJobFeed(org, jobs, { self: urls.feed, list: urls.list }, req.query.lang ?? req.locale));
  });

  app.get('/api/public/:orgSlug/jobs/:id', {
    config: open, schema: { tags: ['public'], params: slugParams.extend(idParams.shape), querystring: langQuery, response: { 200: z.string() } },
  }, async (req, reply) => {
    const { org, job, listUrl } = await publicJob(ctx, req.params.orgSlug, req.params.id);
    return sendPublicPage(reply, JOB_PAGE_STYLE, renderJobPage(org, job, { list: listUrl, apply: `${ctx.config.publicUrl}/apply/${req.params.orgSlug}/${job.id}` }, req.query.lang ?? req.locale), headers);
  });
};
