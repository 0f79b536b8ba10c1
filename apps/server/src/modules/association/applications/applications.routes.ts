import { z } from 'zod';
import { APPLICATION_STAGES, applicationReplySchema, applicationSubmitSchema, applicationViewSchema, replyTemplateInputSchema, replyTemplateViewSchema } from '@vigie/domain';
import type { RouteModule } from '../../../platform/context.js';
import { fileResponse } from '../../../platform/http/raw-bytes.js';
import { applicationFile } from './application-files.service.js';
import { changeApplication, listPostingApplications, submitApplication } from './applications.service.js';
import { deleteReplyTemplate, replyTemplates, replyToApplication, saveReplyTemplate } from './replies.service.js';

const changeSchema = z.union([
  z.strictObject({ stage: z.enum(APPLICATION_STAGES) }),
  z.strictObject({ note: z.string().trim().min(1).max(5000) }),
  z.strictObject({ rating: z.number().int().min(1).max(5) }),
  z.strictObject({ erasureRequested: z.literal(true) }),
]);

export const applicationsRoutes: RouteModule = (app, ctx) => {
  const recruit = { access: { kind: 'permission', permission: 'recruitment.manage' } } as const;

  // The public form: a CV (and a letter) of 5 MB each at most, sent base64 in JSON.
  app.post('/api/public/:orgSlug/jobs/:id/applications', {
    config: { access: { kind: 'public' } },
    bodyLimit: 16 * 1024 * 1024,
    schema: {
      tags: ['public'], params: z.object({ orgSlug: z.string().regex(/^[a-z0-9-]{1,60}$/), id: z.uuid() }), body: applicationSubmitSchema,
      response: { 200: z.object({ merged: z.boolean() }) },
    },
  }, async (req) => submitApplication(ctx, req.params.orgSlug, req.params.id, req.body, req.locale, req.ip));

  app.get('/api/association/postings/:id/applications', {
    config: recruit,
    schema: { tags: ['recruitment'], params: z.object({ id: z.uuid() }), querystring: z.object({ q: z.string().trim().min(1).max(200).optional() }),
      response: { 200: z.object({ applications: z.array(applicationViewSchema) }) } },
  }, async (req) => ({ applications: await listPostingApplications(ctx, req.actor!, req.params.id, req.query.q) }));

  app.patch('/api/association/applications/:id', {
    config: recruit,
    schema: { tags: ['recruitment'], params: z.object({ id: z.uuid() }), body: changeSchema, response: { 200: applicationViewSchema } },
  }, async (req) => changeApplication(ctx, req.actor!, req.params.id, req.body, req.ip));

  // Replies through the mail pipeline, from templates with placeholders.
  const idParams = z.object({ id: z.uuid() });
  const tags = ['recruitment'];
  app.get('/api/association/reply-templates', { config: recruit, schema: { tags, response: { 200: z.object({ templates: z.array(replyTemplateViewSchema) }) } } },
    async (req) => replyTemplates(ctx, req.actor!));
  app.post('/api/association/reply-templates', { config: recruit, schema: { tags, body: replyTemplateInputSchema, response: { 200: replyTemplateViewSchema } } },
    async (req) => saveReplyTemplate(ctx, req.actor!, null, req.body, req.ip));
  app.put('/api/association/reply-templates/:id', {
    config: recruit, schema: { tags, params: idParams, body: replyTemplateInputSchema, response: { 200: replyTemplateViewSchema } },
  }, async (req) => saveReplyTemplate(ctx, req.actor!, req.params.id, req.body, req.ip));
  app.delete('/api/association/reply-templates/:id', {
    config: recruit, schema: { tags, params: idParams, response: { 200: z.object({ templates: z.array(replyTemplateViewSchema) }) } },
  }, async (req) => deleteReplyTemplate(ctx, req.actor!, req.params.id, req.ip));
  app.post('/api/association/applications/:id/reply', {
    config: recruit, schema: { tags, params: idParams, body: applicationReplySchema, response: { 200: z.object({ subject: z.string(), text: z.string() }) } },
  }, async (req) => replyToApplication(ctx, req.actor!, req.params.id, req.body, req.ip));

  // A candidate's CV or letter, decrypted; audited per download.
  app.get('/api/association/application-files/:id', {
    config: recruit, schema: { tags, params: idParams, response: { 200: fileResponse("A candidate's file as sent") } },
  }, async (req, reply) => {
    const f = await applicationFile(ctx, req.actor!, req.params.id, req.ip);
    return reply.headers({
      'content-type': f.mediaType, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', 'content-disposition': `attachment; filename="${f.fileName}"`,
    }).send(f.bytes);
  });
};
