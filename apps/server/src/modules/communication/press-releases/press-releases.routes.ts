import { z } from 'zod';
import { figureReferenceInputSchema, publishChecklistViewSchema, pressReleaseInputSchema, pressReleaseSummaryViewSchema, pressReleaseViewSchema } from '@vigie/domain';
import type { RouteModule } from '../../../platform/context.js';
import {
  approveRelease, correctRelease, createRelease, editRelease, insertFigure, insertTestimonyQuote, listPressReleases, pressReleaseChecklist, readRelease, refreshFigure, removeFigure,
  removeTestimonyQuote, reopenRelease, sendRelease, submitRelease,
} from './press-releases.service.js';

const idParams = z.object({ id: z.uuid() });
const figureParams = z.object({ id: z.uuid(), figureId: z.uuid() });
const answer = z.object({ release: pressReleaseViewSchema });

export const pressReleasesRoutes: RouteModule = (app, ctx) => {
  const access = { access: { kind: 'permission', permission: 'comms.publish' } } as const;
  const tags = ['press releases'];

  app.get('/api/press-releases', {
    config: access, schema: { tags, response: { 200: z.object({ releases: z.array(pressReleaseSummaryViewSchema) }) } },
  }, async (req) => ({ releases: await listPressReleases(ctx, req.actor!) }));

  app.post('/api/press-releases', {
    config: access, schema: { tags, body: pressReleaseInputSchema, response: { 201: answer } },
  }, async (req, reply) => reply.status(201).send({ release: await createRelease(ctx, req.actor!, req.body, req.ip) }));

  app.get('/api/press-releases/:id', {
    config: access, schema: { tags, params: idParams, response: { 200: answer } },
  }, async (req) => ({ release: await readRelease(ctx, req.actor!, req.params.id) }));

  app.get('/api/press-releases/:id/checklist', {
    config: access,
    schema: { tags, params: idParams, description: 'The publish checklist before approval or sending: cited figures changed since inserted (old and new value), low coverage.', response: { 200: publishChecklistViewSchema } },
  }, async (req) => pressReleaseChecklist(ctx, req.actor!, req.params.id));

  app.put('/api/press-releases/:id', {
    config: access, schema: { tags, params: idParams, body: pressReleaseInputSchema, response: { 200: answer } },
  }, async (req) => ({ release: await editRelease(ctx, req.actor!, req.params.id, req.body, req.ip) }));

  app.post('/api/press-releases/:id/figures', {
    config: access, schema: { tags, params: idParams, body: figureReferenceInputSchema, response: { 200: answer } },
  }, async (req) => ({ release: await insertFigure(ctx, req.actor!, req.params.id, req.body, req.ip) }));

  app.delete('/api/press-releases/:id/figures/:figureId', {
    config: access, schema: { tags, params: figureParams, response: { 200: answer } },
  }, async (req) => ({ release: await removeFigure(ctx, req.actor!, req.params.id, req.params.figureId, req.ip) }));

  app.post('/api/press-releases/:id/figures/:figureId/refresh', {
    config: access, schema: { tags, params: figureParams, response: { 200: answer } },
  }, async (req) => ({ release: await refreshFigure(ctx, req.actor!, req.params.id, req.params.figureId, req.ip) }));

  app.post('/api/press-releases/:id/testimony-quotes', {
    config: access,
    schema: { tags, params: idParams, description: "A testimony's quotable excerpt, only while its person agrees to be quoted anonymously.", body: z.strictObject({ testimonyId: z.uuid() }), response: { 200: answer } },
  }, async (req) => ({ release: await insertTestimonyQuote(ctx, req.actor!, req.params.id, req.body.testimonyId, req.ip) }));

  app.delete('/api/press-releases/:id/testimony-quotes/:quoteId', {
    config: access, schema: { tags, params: z.object({ id: z.uuid(), quoteId: z.uuid() }), response: { 200: answer } },
  }, async (req) => ({ release: await removeTestimonyQuote(ctx, req.actor!, req.params.id, req.params.quoteId, req.ip) }));

  for (const [step, run] of [['submit', submitRelease], ['reopen', reopenRelease], ['approve', approveRelease]] as const) {
    app.post(`/api/press-releases/:id/${step}`, {
      config: access, schema: { tags, params: idParams, response: { 200: answer } },
    }, async (req) => ({ release: await run(ctx, req.actor!, (req.params as { id: string }).id, req.ip) }));
  }

  app.post('/api/press-releases/:id/send', {
    config: access, schema: { tags, params: idParams, body: z.strictObject({ listId: z.uuid() }), response: { 200: answer } },
  }, async (req) => ({ release: await sendRelease(ctx, req.actor!, req.params.id, req.body.listId, req.ip) }));

  app.post('/api/press-releases/:id/corrections', {
    config: access, schema: { tags, params: idParams, body: z.strictObject({ text: z.string().trim().min(1).max(5000) }), response: { 200: answer } },
  }, async (req) => ({ release: await correctRelease(ctx, req.actor!, req.params.id, req.body.text, req.ip) }));
};
