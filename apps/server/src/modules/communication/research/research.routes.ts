import { z } from 'zod';
import { fileResponse, rawBody } from '../../../platform/http/raw-bytes.js';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { agreementCreateSchema, agreementViewSchema, profileCreateSchema, profileViewSchema, publicDataPackageSchema, releaseCreateSchema, releaseViewSchema } from '@vigie/domain';
import type { RouteModule } from '../../../platform/context.js';
import { createObjectStorage } from '../../../platform/storage/create-storage.js';
import { attachment } from '../../legal/cases/case-documents.routes.js';
import { AGREEMENT_DOCUMENT_MAX_BYTES, agreementsOf, createAgreement, readAgreementDocument, uploadAgreementDocument } from './agreements.service.js';
import { profilesOf, saveProfile } from './profiles.service.js';
import { publicDataPackage } from './public-data-package.js';
import { createReleaseLink, downloadByLink, linksOf, revokeReleaseLink } from './release-links.service.js';
import { downloadReleaseAsStaff, releaseOf, releasesOf, requestRelease } from './releases.service.js';

const linkView = z.object({ id: z.uuid(), expiresAt: z.string(), revokedAt: z.string().nullable(), createdAt: z.string(), active: z.boolean() });

/**
 * The data-sharing desk (comms pole, `research.share`): agreements, anonymisation profiles,
 * frozen releases and their links. The recipient's download is public, by secret link only.
 */
export const researchRoutes: RouteModule = (app, ctx) => {
  const storage = createObjectStorage(ctx.config.storage);
  const access = { access: { kind: 'permission', permission: 'research.share' } } as const;
  const tags = ['research'];
  const id = z.object({ id: z.uuid() });
  const ZIP = 'application/zip';

  app.get('/api/research/agreements', {
    config: access, schema: { tags, response: { 200: z.object({ agreements: z.array(agreementViewSchema) }) } },
  }, async (req) => ({ agreements: await agreementsOf(ctx, req.actor!) }));

  app.post('/api/research/agreements', {
    config: access, schema: { tags, body: agreementCreateSchema, response: { 201: z.object({ agreement: agreementViewSchema }) } },
  }, async (req, reply) => reply.status(201).send({ agreement: await createAgreement(ctx, req.actor!, req.body, req.ip) }));

  void app.register(async (plugin) => {
    const scope = plugin.withTypeProvider<ZodTypeProvider>();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: AGREEMENT_DOCUMENT_MAX_BYTES + 1 }, (_req, body, done) => done(null, body));
    scope.post('/api/research/agreements/:id/document', {
      config: access, bodyLimit: AGREEMENT_DOCUMENT_MAX_BYTES + 1,
      schema: {
        tags, params: id, querystring: z.object({ name: z.string().trim().min(1).max(255) }),
        body: rawBody('The signed agreement (file bytes)'), consumes: ['*/*'], response: { 200: z.object({ agreement: agreementViewSchema }) },
      },
    }, async (req) => {
      const contentType = (req.headers['content-type'] ?? 'application/octet-stream').split(';')[0]!.trim().toLowerCase().slice(0, 100);
      const body = req.body ?? Buffer.alloc(0);
      return { agreement: await uploadAgreementDocument(ctx, storage, req.actor!, req.params.id, { name: req.query.name, contentType }, body, req.ip) };
    });
  });

  app.get('/api/research/agreements/:id/document', {
    config: access, exposeHeadRoute: false, schema: { tags, params: id, response: { 200: fileResponse('The file bytes') } },
  }, async (req, reply) => {
    const doc = await readAgreementDocument(ctx, storage, req.actor!, req.params.id, req.ip);
    return reply.headers({ 'content-type': 'application/octet-stream', 'cache-control': 'no-store', 'x-content-sha256': doc.sha256, 'content-disposition': attachment(doc.name, 'agreement') }).send(doc.bytes);
  });

  app.get('/api/research/profiles', {
    config: access, schema: { tags, response: { 200: z.object({ profiles: z.array(profileViewSchema) }) } },
  }, async (req) => ({ profiles: await profilesOf(ctx, req.actor!) }));

  app.post('/api/research/profiles', {
    config: access, schema: { tags, body: profileCreateSchema, response: { 201: z.object({ profile: profileViewSchema }) } },
  }, async (req, reply) => reply.status(201).send({ profile: await saveProfile(ctx, req.actor!, req.body, req.ip) }));

  app.get('/api/research/agreements/:id/releases', {
    config: access, schema: { tags, params: id, response: { 200: z.object({ releases: z.array(releaseViewSchema) }) } },
  }, async (req) => ({ releases: await releasesOf(ctx, req.actor!, req.params.id) }));

  app.post('/api/research/agreements/:id/releases', {
    config: access, schema: { tags, params: id, body: releaseCreateSchema, response: { 202: z.object({ release: releaseViewSchema }) } },
  }, async (req, reply) => reply.status(202).send({ release: await requestRelease(ctx, req.actor!, req.params.id, req.body, req.ip) }));

  app.get('/api/research/releases/:id', {
    config: access, schema: { tags, params: id, response: { 200: z.object({ release: releaseViewSchema }) } },
  }, async (req) => ({ release: await releaseOf(ctx, req.actor!, req.params.id) }));

  app.get('/api/research/releases/:id/release.zip', {
    config: access, exposeHeadRoute: false, schema: { tags, params: id, response: { 200: fileResponse('The signed ZIP') } },
  }, async (req, reply) => {
    const bytes = await downloadReleaseAsStaff(ctx, storage, req.actor!, req.params.id, req.ip);
    return reply.headers({ 'content-type': ZIP, 'cache-control': 'no-store', 'content-disposition': `attachment; filename="release-${req.params.id}.zip"` }).send(bytes);
  });

  app.get('/api/research/releases/:id/links', {
    config: access,
    schema: {
      tags, params: id,
      response: { 200: z.object({ links: z.array(linkView), downloads: z.array(z.object({ linkId: z.uuid(), file: z.string(), at: z.string(), ipHash: z.string(), userAgent: z.string().nullable() })) }) },
    },
  }, async (req) => linksOf(ctx, req.actor!, req.params.id));

  app.post('/api/research/releases/:id/links', {
    config: access,
    schema: { tags, params: id, body: z.strictObject({ days: z.number().int().min(1).max(366) }), response: { 201: z.object({ link: linkView, url: z.string() }) } },
  }, async (req, reply) => reply.status(201).send(await createReleaseLink(ctx, req.actor!, req.params.id, req.body.days, req.ip)));

  app.post('/api/research/releases/:id/links/:linkId/revoke', {
    config: access, schema: { tags, params: z.object({ id: z.uuid(), linkId: z.uuid() }), response: { 200: z.object({ link: linkView }) } },
  }, async (req) => ({ link: await revokeReleaseLink(ctx, req.actor!, req.params.id, req.params.linkId, req.ip) }));

  app.get('/api/research/shared/:token/release.zip', {
    config: { access: { kind: 'public' } }, exposeHeadRoute: false,
    schema: { tags, params: z.object({ token: z.string().min(20).max(100) }), response: { 200: fileResponse('The signed ZIP') } },
  }, async (req, reply) => {
    const { bytes, releaseId } = await downloadByLink(ctx, storage, req.params.token, req.ip, req.headers['user-agent'] ?? null);
    return reply.headers({ 'content-type': ZIP, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer', 'content-disposition': `attachment; filename="release-${releaseId}.zip"` }).send(bytes);
  });
  app.get('/api/public/:slug/datapackage.json', {
    config: { access: { kind: 'public' } },
    schema: {
      tags: ['statistics'], params: z.object({ slug: z.string().min(1).max(100) }),
      description: 'The public figures (evictions per area and month, last twelve complete months) as a Frictionless Data Package with inline data.',
      response: { 200: publicDataPackageSchema },
    },
  }, async (req, reply) => reply.header('cache-control', 'public, max-age=3600').send(await publicDataPackage(ctx, req.params.slug)));
};
