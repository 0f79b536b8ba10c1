import { z } from 'zod';
import {
  newsletterIssueInputSchema, newsletterIssueSummaryViewSchema, newsletterIssueViewSchema, newsletterPhotoViewSchema,
  newsletterSettingsInputSchema, newsletterSettingsViewSchema, publishChecklistViewSchema,
} from '@vigie/domain';
import type { RouteModule } from '../../../platform/context.js';
import {
  changeSettings, createIssue, editIssue, issueChecklist, listNewsletterIssues, listPublicationPhotos, readIssue, readSettings, sendIssue,
} from './newsletters.service.js';

/** The desk's newsletter routes: issues (draft → sent), the photos they may show, the public sign-up settings. */
const idParams = z.object({ id: z.uuid() });
const answer = z.object({ issue: newsletterIssueViewSchema });

export const newslettersRoutes: RouteModule = (app, ctx) => {
  const access = { access: { kind: 'permission', permission: 'comms.publish' } } as const;
  const tags = ['newsletter'];

  app.get('/api/newsletter/issues', {
    config: access, schema: { tags, response: { 200: z.object({ issues: z.array(newsletterIssueSummaryViewSchema) }) } },
  }, async (req) => ({ issues: await listNewsletterIssues(ctx, req.actor!) }));

  app.post('/api/newsletter/issues', {
    config: access, schema: { tags, body: newsletterIssueInputSchema.pick({ title: true, language: true }), response: { 201: answer } },
  }, async (req, reply) => reply.status(201).send({ issue: await createIssue(ctx, req.actor!, req.body, req.ip) }));

  app.get('/api/newsletter/issues/:id', {
    config: access, schema: { tags, params: idParams, response: { 200: answer } },
  }, async (req) => ({ issue: await readIssue(ctx, req.actor!, req.params.id) }));

  app.put('/api/newsletter/issues/:id', {
    config: access, schema: { tags, params: idParams, body: newsletterIssueInputSchema, response: { 200: answer } },
  }, async (req) => ({ issue: await editIssue(ctx, req.actor!, req.params.id, req.body, req.ip) }));

  app.get('/api/newsletter/issues/:id/checklist', {
    config: access,
    schema: { tags, params: idParams, description: 'What to check before sending a draft: each testimony quote whose person does not (or no longer) agree to be quoted.', response: { 200: publishChecklistViewSchema } },
  }, async (req) => issueChecklist(ctx, req.actor!, req.params.id));

  app.post('/api/newsletter/issues/:id/send', {
    config: access, schema: { tags, params: idParams, body: z.strictObject({ listId: z.uuid() }), response: { 200: answer } },
  }, async (req) => ({ issue: await sendIssue(ctx, req.actor!, req.params.id, req.body.listId, req.ip) }));

  app.get('/api/newsletter/photos', {
    config: access, schema: { tags, response: { 200: z.object({ photos: z.array(newsletterPhotoViewSchema) }) } },
  }, async (req) => ({ photos: await listPublicationPhotos(ctx, req.actor!) }));

  app.get('/api/newsletter/settings', {
    config: access, schema: { tags, response: { 200: newsletterSettingsViewSchema } },
  }, async (req) => readSettings(ctx, req.actor!));

  app.put('/api/newsletter/settings', {
    config: access, schema: { tags, body: newsletterSettingsInputSchema, response: { 200: newsletterSettingsViewSchema } },
  }, async (req) => changeSettings(ctx, req.actor!, req.body, req.ip));
};
