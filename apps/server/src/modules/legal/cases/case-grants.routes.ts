import { z } from 'zod';
import { deadlineViewSchema, legalCaseGrantCreateSchema, legalCaseGrantViewSchema, legalSharedCaseViewSchema } from '@vigie/domain';
import type { RouteModule } from '../../../platform/context.js';
import { createObjectStorage } from '../../../platform/storage/create-storage.js';
import { attachment } from './case-documents.routes.js';
import { grantLawyerAccess, listLawyerGrants, readSharedCase, readSharedDocument, revokeLawyerAccess } from './case-grants.js';
import { fileResponse } from '../../../platform/http/raw-bytes.js';

/** Lawyers' access links: managed by the legal pole, used without an account (docs/adr/0006). */
export const legalGrantsRoutes: RouteModule = (app, ctx) => {
  const storage = createObjectStorage(ctx.config.storage);
  const access = { access: { kind: 'permission', permission: 'legal.manage' } } as const;
  // The secret link is the credential; the service checks expiry and revocation on each use.
  const byLink = { access: { kind: 'public' } } as const;
  const tags = ['legal'];
  const token = z.string().regex(/^[A-Za-z0-9_-]{20,100}$/);

  app.get('/api/legal/cases/:id/grants', {
    config: access, schema: { tags, params: z.object({ id: z.uuid() }), response: { 200: z.object({ grants: z.array(legalCaseGrantViewSchema) }) } },
  }, async (req) => ({ grants: await listLawyerGrants(ctx, req.actor!, req.params.id) }));

  app.post('/api/legal/cases/:id/grants', {
    config: access,
    schema: { tags, params: z.object({ id: z.uuid() }), body: legalCaseGrantCreateSchema, response: { 201: z.object({ grant: legalCaseGrantViewSchema, url: z.string() }) } },
  }, async (req, reply) => reply.status(201).send(await grantLawyerAccess(ctx, req.actor!, req.params.id, req.body, req.ip)));

  app.post('/api/legal/cases/:id/grants/:grantId/revoke', {
    config: access,
    schema: { tags, params: z.object({ id: z.uuid(), grantId: z.uuid() }), response: { 200: z.object({ grant: legalCaseGrantViewSchema }) } },
  }, async (req) => ({ grant: await revokeLawyerAccess(ctx, req.actor!, req.params.id, req.params.grantId, req.ip) }));

  app.get('/api/legal/shared/:token', {
    config: byLink,
    schema: {
      tags, params: z.object({ token }),
      // ADR 0006: the lawyer's own view, without any party's contact details or notes.
      response: { 200: z.object({ case: legalSharedCaseViewSchema, deadlines: z.array(deadlineViewSchema), lawyerName: z.string(), expiresAt: z.string() }) },
    },
  }, async (req, reply) => {
    const answer = await readSharedCase(ctx, req.params.token, req.ip);
    return reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer').send(answer);
  });

  app.get('/api/legal/shared/:token/documents/:versionId', {
    config: byLink, exposeHeadRoute: false,
    schema: { tags, params: z.object({ token, versionId: z.uuid() }), response: { 200: fileResponse('The file bytes') } },
  }, async (req, reply) => {
    const { row, bytes } = await readSharedDocument(ctx, storage, req.params.token, req.params.versionId, req.ip);
    return reply.headers({
      'content-type': 'application/octet-stream', 'cache-control': 'no-store', 'x-content-sha256': row.sha256,
      'content-disposition': attachment(row.original_name, `document-v${row.version}`),
    }).send(bytes);
  });
};
