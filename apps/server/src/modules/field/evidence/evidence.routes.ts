import { pipeline } from 'node:stream';
import type { Readable } from 'node:stream';
import { z } from 'zod';
import { evidenceCreateSchema, evidenceViewSchema, failedPublicCopySchema } from '@vigie/domain';
import type { RouteModule } from '../../../platform/context.js';
import { fileDecryptor } from '../../../platform/crypto/file-cipher.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import { createObjectStorage } from '../../../platform/storage/create-storage.js';
import {
  appendChunk, CHUNK_MAX_BYTES, createUpload, getEvidence, listEvictionEvidence, readOriginal, readPublicCopy, uploadState,
} from './evidence.service.js';
import { fileResponse } from '../../../platform/http/raw-bytes.js';
import { failedPublicCopies, retryPublicCopy } from './public-copy-retry.js';

/** The chunk body type of the tus protocol, which these routes follow in spirit (offsets, HEAD to resume). */
const CHUNK_TYPE = 'application/offset+octet-stream';

const params = z.object({ id: z.uuid() });
const evidenceAnswer = z.object({ evidence: evidenceViewSchema });
const bytes = fileResponse('The file bytes');

/** RFC 6266 / 8187: the name as the observer's phone gave it, safe in a header whatever its characters. */
function attachment(name: string, fallback: string) {
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

export const evidenceRoutes: RouteModule = (app, ctx) => {
  const storage = createObjectStorage(ctx.config.storage);
  const record = { access: { kind: 'permission', permission: 'field.record' } } as const;
  // Readers are checked in the service (field, legal or comms roles; originals: legal or the author).
  const signedIn = { access: { kind: 'signed-in' } } as const;

  // The chunk reaches the handler as the raw request stream, never buffered by Fastify.
  app.addContentTypeParser(CHUNK_TYPE, (_req, payload, done) => done(null, payload));

  app.post('/api/evidence', {
    config: record,
    schema: { tags: ['evidence'], body: evidenceCreateSchema, response: { 200: evidenceAnswer, 201: evidenceAnswer } },
  }, async (req, reply) => {
    const { created, evidence } = await createUpload(ctx, req.actor!, req.body, req.ip);
    return reply.status(created ? 201 : 200).header('upload-offset', String(evidence.uploadOffset)).send({ evidence });
  });

  app.head('/api/evidence/:id', {
    config: record,
    schema: { tags: ['evidence'], params, response: { 200: z.null() } },
  }, async (req, reply) => {
    const row = await uploadState(ctx, req.actor!, req.params.id);
    return reply.headers({
      'upload-offset': String(row.upload_offset), 'upload-length': String(row.size_bytes), 'cache-control': 'no-store',
    }).send(null);
  });

  app.patch('/api/evidence/:id', {
    config: record,
    schema: {
      tags: ['evidence'], params,
      headers: z.looseObject({ 'upload-offset': z.coerce.number().int().min(0) }),
      response: { 200: evidenceAnswer },
    },
  }, async (req, reply) => {
    if (req.headers['content-type']?.split(';')[0]?.trim().toLowerCase() !== CHUNK_TYPE) throw new AppError('request.unsupported_media_type');
    const length = req.headers['content-length'] === undefined ? undefined : Number(req.headers['content-length']);
    if (length !== undefined && length > CHUNK_MAX_BYTES) throw new AppError('evidence.chunk_too_large', { maxBytes: CHUNK_MAX_BYTES });
    const chunk = { offset: req.headers['upload-offset'], length, body: req.body as Readable };
    const { offset, evidence } = await appendChunk(ctx, storage, req.actor!, req.params.id, chunk, req.ip);
    return reply.header('upload-offset', String(offset)).send({ evidence });
  });

  app.get('/api/evidence/:id', {
    config: signedIn, exposeHeadRoute: false,
    schema: { tags: ['evidence'], params, response: { 200: evidenceAnswer } },
  }, async (req) => ({ evidence: await getEvidence(ctx, req.actor!, req.params.id) }));

  app.get('/api/evidence/:id/original', {
    config: signedIn, exposeHeadRoute: false,
    schema: { tags: ['evidence'], params, response: { 200: bytes } },
  }, async (req, reply) => {
    const { row, stream } = await readOriginal(ctx, storage, req.actor!, req.params.id, req.ip);
    const decrypt = fileDecryptor(ctx.serverKey, row.id, Buffer.from(row.encryption_iv!, 'base64'), Buffer.from(row.encryption_tag!, 'base64'));
    // An altered object fails GCM's check at the end: the download is cut short rather than completed.
    const body = pipeline(stream, decrypt, (err) => { if (err) req.log.error({ err, evidenceId: row.id }, 'evidence original failed to decrypt'); });
    return reply.headers({
      'content-type': row.detected_type!, 'content-length': String(row.size_bytes), 'cache-control': 'no-store',
      'content-disposition': attachment(row.original_name, `evidence-${row.id}`), 'x-evidence-sha256': row.sha256_received!,
    }).send(body);
  });

  app.get('/api/evidence/:id/public', {
    config: signedIn, exposeHeadRoute: false,
    schema: { tags: ['evidence'], params, response: { 200: bytes } },
  }, async (req, reply) => {
    const { row, stream } = await readPublicCopy(ctx, storage, req.actor!, req.params.id);
    return reply.headers({
      'content-type': 'image/jpeg', 'cache-control': 'private, no-cache',
      'content-disposition': `inline; filename="${row.id}.jpg"`, 'x-evidence-sha256': row.public_copy_sha256!,
    }).send(stream);
  });

  // Publication copies that failed for good: those who verify records see and retry them.
  const verify = { access: { kind: 'permission', permission: 'field.verify' } } as const;
  app.get('/api/evidence/public-copy-failures', {
    config: verify,
    schema: { tags: ['evidence'], response: { 200: z.object({ failures: z.array(failedPublicCopySchema) }) } },
  }, async (req) => ({ failures: await failedPublicCopies(ctx, req.actor!) }));

  app.post('/api/evidence/:id/public-copy/retry', {
    config: verify,
    schema: { tags: ['evidence'], params, response: { 204: z.null() } },
  }, async (req, reply) => {
    await retryPublicCopy(ctx, req.actor!, req.params.id, req.ip);
    return reply.status(204).send(null);
  });

  app.get('/api/evictions/:id/evidence', {
    config: signedIn, exposeHeadRoute: false,
    schema: { tags: ['evidence'], params, response: { 200: z.object({ evidence: z.array(evidenceViewSchema) }) } },
  }, async (req) => ({ evidence: await listEvictionEvidence(ctx, req.actor!, req.params.id) }));
};
