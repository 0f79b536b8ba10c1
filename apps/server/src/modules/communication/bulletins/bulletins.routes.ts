import { z } from 'zod';
import {
  BULLETIN_FORMATS, BULLETIN_LOCALES, bulletinCreateSchema, bulletinDocument, bulletinDraftEditSchema, bulletinMonthSchema, figureSchema, figureSetSchema,
  publishChecklistViewSchema,
} from '@vigie/domain';
import type { RouteModule } from '../../../platform/context.js';
import { createObjectStorage } from '../../../platform/storage/create-storage.js';
import { CONTENT_TYPES, exportName } from './bulletin-exports.js';
import { bulletinContentSchema, bulletinViewSchema, documentSchema, figureSetEntry, presentBulletin } from './bulletins.presenter.js';
import {
  bulletinChecklist, bulletinDifferences, configureFigureSet, createBulletin, editDraft, exportBulletin, getBulletin, insertTestimonyQuote, listAll, photoCandidates,
  previewFigureSet, publishBulletin, removeTestimonyQuote, reviewDifferences,
} from './bulletins.service.js';
import { fileResponse } from '../../../platform/http/raw-bytes.js';

const params = z.object({ id: z.uuid() });
const answer = z.object({ bulletin: bulletinViewSchema });
const differences = z.object({
  publishedAt: z.string(), snapshotSha256: z.string(),
  figures: z.array(z.object({ metric: z.string(), published: figureSchema, current: figureSchema })),
  facts: z.array(z.object({ kind: z.string(), type: z.string(), publishedDays: z.array(z.string()), currentDays: z.array(z.string()) })),
});

export const bulletinsRoutes: RouteModule = (app, ctx) => {
  const storage = createObjectStorage(ctx.config.storage);
  // Reading bulletins is reading aggregates: anyone with the statistics. Writing is the comms pole's.
  const read = { access: { kind: 'permission', permission: 'stats.view' } } as const;
  const write = { access: { kind: 'permission', permission: 'comms.publish' } } as const;

  app.get('/api/bulletins', {
    config: read,
    schema: {
      tags: ['bulletins'],
      response: {
        200: z.object({
          bulletins: z.array(z.object({
            id: z.string(), month: z.string(), status: z.string(), version: z.number(), updatedAt: z.string(), publishedAt: z.string().nullable(),
            snapshotSha256: z.string().nullable(), area: z.object({ id: z.string(), code: z.string(), name: z.string() }),
          })),
          areas: z.array(z.object({
            id: z.string(), code: z.string(), name: z.string(), active: z.boolean(),
            figureSet: z.array(figureSetEntry).nullable(), figureSetSource: z.enum(['area', 'default']).nullable(),
          })),
        }),
      },
    },
  }, async (req) => {
    const { bulletins, areas } = await listAll(ctx, req.actor!);
    return {
      areas,
      bulletins: bulletins.map((b) => ({
        id: b.id, month: b.month, status: b.status, version: b.version, updatedAt: b.updated_at.toISOString(),
        publishedAt: b.published_at?.toISOString() ?? null, snapshotSha256: b.snapshot_sha256,
        area: { id: b.area_id, code: b.area_code, name: b.area_name },
      })),
    };
  });

  app.post('/api/bulletins', {
    config: write,
    schema: { tags: ['bulletins'], body: bulletinCreateSchema, response: { 200: answer, 201: answer } },
  }, async (req, reply) => {
    const { created, view } = await createBulletin(ctx, req.actor!, req.body);
    return reply.status(created ? 201 : 200).send({ bulletin: presentBulletin(view) });
  });

  app.get('/api/bulletins/:id', {
    config: read, schema: { tags: ['bulletins'], params, response: { 200: answer } },
  }, async (req) => ({ bulletin: presentBulletin(await getBulletin(ctx, req.actor!, req.params.id)) }));

  app.patch('/api/bulletins/:id', {
    config: write, schema: { tags: ['bulletins'], params, body: bulletinDraftEditSchema, response: { 200: answer } },
  }, async (req) => ({ bulletin: presentBulletin(await editDraft(ctx, req.actor!, req.params.id, req.body)) }));

  app.get('/api/bulletins/:id/checklist', {
    config: write,
    schema: {
      tags: ['bulletins'], params, response: { 200: publishChecklistViewSchema },
      description: 'What to check before publishing a draft: missing translations, photos without credit or caption, low coverage, cited figures changed since the draft was saved (old and new value).',
    },
  }, async (req) => bulletinChecklist(ctx, req.actor!, req.params.id));

  app.post('/api/bulletins/:id/testimony-quotes', {
    config: write,
    schema: {
      tags: ['bulletins'], params, body: z.strictObject({ testimonyId: z.uuid() }), response: { 200: answer },
      description: "A testimony's quotable excerpt in a draft, by reference: only while its person agrees to be quoted anonymously.",
    },
  }, async (req) => ({ bulletin: presentBulletin(await insertTestimonyQuote(ctx, req.actor!, req.params.id, req.body.testimonyId)) }));

  app.delete('/api/bulletins/:id/testimony-quotes/:quoteId', {
    config: write, schema: { tags: ['bulletins'], params: z.object({ id: z.uuid(), quoteId: z.uuid() }), response: { 200: answer } },
  }, async (req) => ({ bulletin: presentBulletin(await removeTestimonyQuote(ctx, req.actor!, req.params.id, req.params.quoteId)) }));

  app.post('/api/bulletins/:id/publish', {
    config: write,
    schema: { tags: ['bulletins'], params, body: z.strictObject({ version: z.number().int().min(1) }), response: { 200: answer } },
  }, async (req) => ({ bulletin: presentBulletin(await publishBulletin(ctx, storage, req.actor!, req.params.id, req.body.version)) }));

  app.get('/api/bulletins/:id/export', {
    config: read, exposeHeadRoute: false,
    schema: {
      tags: ['bulletins'], params,
      querystring: z.object({ format: z.enum(BULLETIN_FORMATS).default('pdf'), locale: z.enum(BULLETIN_LOCALES).default('fr') }),
      response: { 200: fileResponse('The bulletin file (PDF, HTML or Markdown)') },
    },
  }, async (req, reply) => {
    const { format, locale } = req.query;
    const { content, bytes, sha256 } = await exportBulletin(ctx, storage, req.actor!, req.params.id, locale, format);
    return reply.headers({
      'content-type': CONTENT_TYPES[format], 'content-length': String(bytes.length), 'cache-control': 'private, no-cache',
      'content-disposition': `attachment; filename="${exportName(content, locale, format)}"`, 'x-content-sha256': sha256,
    }).send(bytes);
  });

  app.get('/api/bulletins/:id/differences', {
    config: read, schema: { tags: ['bulletins'], params, response: { 200: differences } },
  }, async (req) => {
    const d = await bulletinDifferences(ctx, req.actor!, req.params.id);
    return { ...d, publishedAt: d.publishedAt.toISOString() };
  });

  app.post('/api/bulletins/:id/differences/review', {
    config: write, schema: { tags: ['bulletins'], params, response: { 200: differences } },
  }, async (req) => {
    const d = await reviewDifferences(ctx, req.actor!, req.params.id);
    return { ...d, publishedAt: d.publishedAt.toISOString() };
  });

  app.get('/api/bulletins/:id/photos', {
    config: write,
    schema: {
      tags: ['bulletins'], params,
      response: { 200: z.object({ photos: z.array(z.object({ evidenceId: z.string(), credit: z.string().nullable(), capturedAt: z.string().nullable(), date: z.string(), siteCode: z.string(), siteName: z.string() })) }) },
    },
  }, async (req) => ({
    photos: (await photoCandidates(ctx, req.actor!, req.params.id)).map((p) => ({
      evidenceId: p.id, credit: p.credit, capturedAt: p.captured_at?.toISOString() ?? null, date: p.date, siteCode: p.site_code, siteName: p.site_name,
    })),
  }));

  app.put('/api/bulletin-figure-sets/:areaId', {
    config: write,
    schema: {
      tags: ['bulletins'], params: z.object({ areaId: z.uuid() }), body: z.strictObject({ figures: figureSetSchema }),
      response: { 200: z.object({ areaId: z.string(), figures: z.array(figureSetEntry) }) },
    },
  }, async (req) => configureFigureSet(ctx, req.actor!, req.params.areaId, req.body.figures));

  // The figure set editor's live preview: the bulletin this set would print for a month, nothing saved.
  app.post('/api/bulletin-figure-sets/:areaId/preview', {
    config: write,
    schema: {
      tags: ['bulletins'], params: z.object({ areaId: z.uuid() }), body: z.strictObject({ figures: figureSetSchema, month: bulletinMonthSchema }),
      response: { 200: z.object({ figures: z.array(figureSetEntry), content: bulletinContentSchema, documents: z.object({ fr: documentSchema, en: documentSchema }) }) },
    },
  }, async (req) => {
    const { figures, content } = await previewFigureSet(ctx, req.actor!, req.params.areaId, req.body.month, req.body.figures);
    return { figures, content, documents: { fr: bulletinDocument(content, 'fr', null), en: bulletinDocument(content, 'en', null) } };
  });
};
