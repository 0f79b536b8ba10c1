import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { legalCaseViewSchema } from '@vigie/domain';
import type { RouteModule } from '../../../platform/context.js';
import { createObjectStorage } from '../../../platform/storage/create-storage.js';
import { DOCUMENT_MAX_BYTES, readCaseDocument, uploadCaseDocument } from './case-documents.js';
import { fileResponse, rawBody } from '../../../platform/http/raw-bytes.js';

/** RFC 6266 / 8187: the uploaded name, safe in a header whatever its characters. */
export function attachment(name: string, fallback: string) {
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/**
 * Document uploads send the file's bytes as the request body (any type: a scanned letter, a
 * PDF, a .docx), the title and name in the query. The raw-body parser is registered inside this
 * plugin only, so no other route accepts anything but JSON.
 */
export const legalDocumentsRoutes: RouteModule = (app, ctx) => {
  const storage = createObjectStorage(ctx.config.storage);
  const access = { access: { kind: 'permission', permission: 'legal.manage' } } as const;
  const tags = ['legal'];

  void app.register(async (plugin) => {
    const scope = plugin.withTypeProvider<ZodTypeProvider>();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: DOCUMENT_MAX_BYTES + 1 }, (_req, body, done) => done(null, body));

    scope.post('/api/legal/cases/:id/documents', {
      config: access, bodyLimit: DOCUMENT_MAX_BYTES + 1,
      schema: {
        tags, params: z.object({ id: z.uuid() }),
        querystring: z.object({
          name: z.string().trim().min(1).max(255),
          title: z.string().trim().min(1).max(200).optional(),
          documentId: z.uuid().optional(),
        }),
        body: rawBody('The file bytes'), consumes: ['*/*'],
        response: { 200: z.object({ case: legalCaseViewSchema }) },
      },
    }, async (req) => {
      const contentType = (req.headers['content-type'] ?? 'application/octet-stream').split(';')[0]!.trim().toLowerCase().slice(0, 100);
      const body = req.body ?? Buffer.alloc(0);
      const upload = { originalName: req.query.name, title: req.query.title, documentId: req.query.documentId, contentType: contentType.length >= 3 ? contentType : 'application/octet-stream' };
      return { case: await uploadCaseDocument(ctx, storage, req.actor!, req.params.id, upload, body, req.ip) };
    });
  });

  app.get('/api/legal/cases/:id/documents/:versionId', {
    config: access, exposeHeadRoute: false,
    schema: { tags, params: z.object({ id: z.uuid(), versionId: z.uuid() }), response: { 200: fileResponse('The file bytes') } },
  }, async (req, reply) => {
    const { row, bytes } = await readCaseDocument(ctx, storage, req.actor!, req.params.id, req.params.versionId, req.ip);
    // Served as a download of opaque bytes: an uploaded HTML or SVG never runs in our origin.
    return reply.headers({
      'content-type': 'application/octet-stream', 'cache-control': 'no-store', 'x-content-sha256': row.sha256,
      'content-disposition': attachment(row.original_name, `document-v${row.version}`),
    }).send(bytes);
  });
};
