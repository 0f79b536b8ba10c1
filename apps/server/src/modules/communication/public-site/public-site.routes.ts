import { z } from 'zod';
import { PRESS_RELEASE_LANGUAGES, publicSiteIndexSchema } from '@vigie/domain';
import type { RouteModule } from '../../../platform/context.js';
import { sendPublicPage } from '../../../platform/http/public-page.js';
import { publishedRelease, publishedReleases, RELEASE_PAGE_STYLE, releasePage, releasePdf, releasesFeed, releasesListPage, siteIndex } from './public-site.service.js';
import { fileResponse } from '../../../platform/http/raw-bytes.js';

const slugParams = z.object({ orgSlug: z.string().regex(/^[a-z0-9-]{1,60}$/) });
const releaseParams = slugParams.extend({ id: z.uuid() });
const langQuery = z.object({ lang: z.enum(['fr', 'en']).optional() });
const headers = { 'cache-control': 'public, max-age=300', 'access-control-allow-origin': '*' };

export const publicSiteRoutes: RouteModule = (app, ctx) => {
  const open = { access: { kind: 'public' } } as const;
  const tags = ['public'];

  app.get('/api/public/:orgSlug', {
    config: open, schema: { tags, params: slugParams, response: { 200: publicSiteIndexSchema } },
  }, async (req, reply) => reply.headers(headers).send(await siteIndex(ctx, req.params.orgSlug)));

  app.get('/api/public/:orgSlug/press-releases.json', {
    config: open, schema: { tags, params: slugParams, response: { 200: z.object({ organisation: z.string(), releases: z.array(z.object({
      id: z.uuid(), title: z.string(), lede: z.string().nullable(), language: z.enum(PRESS_RELEASE_LANGUAGES), publishedAt: z.string(), url: z.string(),
    })) }) } },
  }, async (req, reply) => {
    const { org, releases } = await publishedReleases(ctx, req.params.orgSlug);
    return reply.headers(headers).send({ organisation: org.name, releases: releases.map(({ snapshot: _s, ...r }) => r) });
  });

  app.get('/api/public/:orgSlug/press-releases', {
    config: open, schema: { tags, params: slugParams, querystring: langQuery, response: { 200: z.string() } },
  }, async (req, reply) => {
    const data = await publishedReleases(ctx, req.params.orgSlug);
    return sendPublicPage(reply, RELEASE_PAGE_STYLE, releasesListPage(ctx, req.params.orgSlug, data, req.query.lang ?? req.locale), { ...headers, vary: 'Accept-Language' });
  });

  app.get('/api/public/:orgSlug/press-releases.atom', {
    config: open, schema: { tags, params: slugParams, querystring: langQuery, response: { 200: z.string() } },
  }, async (req, reply) => {
    const data = await publishedReleases(ctx, req.params.orgSlug);
    return reply.headers({ ...headers, vary: 'Accept-Language' }).type('application/atom+xml; charset=utf-8')
      .send(await releasesFeed(ctx, req.params.orgSlug, data, req.query.lang ?? req.locale));
  });

  app.get('/api/public/:orgSlug/press-releases/:id', {
    config: open, schema: { tags, params: releaseParams, response: { 200: z.string() } },
  }, async (req, reply) => sendPublicPage(reply, RELEASE_PAGE_STYLE, releasePage(await publishedRelease(ctx, req.params.orgSlug, req.params.id)), headers));

  app.get('/api/public/:orgSlug/press-releases/:id.pdf', {
    config: open, schema: { tags, params: releaseParams, response: { 200: fileResponse('The press release as PDF') } },
  }, async (req, reply) => reply.headers(headers).type('application/pdf').send(releasePdf(await publishedRelease(ctx, req.params.orgSlug, req.params.id))));

  app.get('/api/public/:orgSlug/press-releases/:id.txt', {
    config: open, schema: { tags, params: releaseParams, response: { 200: z.string() } },
  }, async (req, reply) => reply.headers(headers).type('text/plain; charset=utf-8').send((await publishedRelease(ctx, req.params.orgSlug, req.params.id)).release.snapshot.text));
};
