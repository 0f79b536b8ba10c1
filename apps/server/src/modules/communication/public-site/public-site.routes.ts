import { z } from 'zod';
import type { RouteModule } from '../../../platform/context.js';
import { publishedRelease, publishedReleases, releasePage, releasePdf, releasesFeed, siteIndex } from './public-site.service.js';

const slugParams = z.object({ orgSlug: z.string().regex(/^[a-z0-9-]{1,60}$/) });
const releaseParams = slugParams.extend({ id: z.uuid() });
const headers = { 'cache-control': 'public, max-age=300', 'access-control-allow-origin': '*' };

export const publicSiteRoutes: RouteModule = (app, ctx) => {
  const open = { access: { kind: 'public' } } as const;
  const tags = ['public'];

  app.get('/api/public/:orgSlug', {
    config: open, schema: { tags, params: slugParams, response: { 200: z.object({ organisation: z.string(), pages: z.record(z.string(), z.string()) }) } },
  }, async (req, reply) => reply.headers(headers).send(await siteIndex(ctx, req.params.orgSlug)));

  app.get('/api/public/:orgSlug/press-releases.json', {
    config: open, schema: { tags, params: slugParams, response: { 200: z.object({ organisation: z.string(), releases: z.array(z.object({
      id: z.uuid(), title: z.string(), lede: z.string().nullable(), language: z.enum(['fr', 'en']), publishedAt: z.string(), url: z.string(),
    })) }) } },
  }, async (req, reply) => {
    const { org, releases } = await publishedReleases(ctx, req.params.orgSlug);
    return reply.headers(headers).send({ organisation: org.name, releases: releases.map(({ snapshot: _s, ...r }) => r) });
  });

  app.get('/api/public/:orgSlug/press-releases', {
    config: open, schema: { tags, params: slugParams, response: { 200: z.string() } },
  }, async (req, reply) => {
    const { org, releases } = await publishedReleases(ctx, req.params.orgSlug);
    const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
    const html = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(org.name)} — communiqués</title>
<link rel="alternate" type="application/atom+xml" href="press-releases.atom"></head><body><h1>${esc(org.name)} — communiqués de presse</h1><ul>
${releases.map((r) => `<li><a href="press-releases/${r.id}">${esc(r.title)}</a> (${r.publishedAt.slice(0, 10)})</li>`).join('\n')}</ul><p><a href="press-releases.atom">Atom</a></p></body></html>`;
    return reply.headers(headers).type('text/html; charset=utf-8').send(html);
  });

  app.get('/api/public/:orgSlug/press-releases.atom', {
    config: open, schema: { tags, params: slugParams, response: { 200: z.string() } },
  }, async (req, reply) => {
    const data = await publishedReleases(ctx, req.params.orgSlug);
    return reply.headers(headers).type('application/atom+xml; charset=utf-8').send(releasesFeed(ctx, req.params.orgSlug, data));
  });

  app.get('/api/public/:orgSlug/press-releases/:id', {
    config: open, schema: { tags, params: releaseParams, response: { 200: z.string() } },
  }, async (req, reply) => reply.headers(headers).type('text/html; charset=utf-8').send(releasePage(await publishedRelease(ctx, req.params.orgSlug, req.params.id))));

  app.get('/api/public/:orgSlug/press-releases/:id.pdf', {
    config: open, schema: { tags, params: releaseParams, response: { 200: z.instanceof(Buffer) } },
  }, async (req, reply) => reply.headers(headers).type('application/pdf').send(releasePdf(await publishedRelease(ctx, req.params.orgSlug, req.params.id))));

  app.get('/api/public/:orgSlug/press-releases/:id.txt', {
    config: open, schema: { tags, params: releaseParams, response: { 200: z.string() } },
  }, async (req, reply) => reply.headers(headers).type('text/plain; charset=utf-8').send((await publishedRelease(ctx, req.params.orgSlug, req.params.id)).release.snapshot.text));
};
