import { z } from 'zod';
import {
  BOUNCE_TYPES, MAIL_PURPOSES, bouncePatternInputSchema, bouncePatternViewSchema, bounceViewSchema, mailingViewSchema, suppressionInputSchema, suppressionRemovalSchema,
  recentDeliveryViewSchema, suppressionViewSchema,
} from '@vigie/domain';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { RouteModule } from '../../../platform/context.js';
import { listBounces, listRecentDeliveries, listSuppressions, readMailing, readPatterns, removeSuppression, resolveBounce, savePatterns, suppressAddress } from './mailings.service.js';
import { pollBounces } from './bounce-intake.js';
import { unsubscribe, unsubscribeState } from './unsubscribe.js';

const idParams = z.object({ id: z.uuid() });
const tokenParams = z.object({ token: z.string().max(100) });
const unsubscribeAnswer = z.object({ address: z.string(), listName: z.string().nullable(), unsubscribed: z.boolean() });

export const mailingsRoutes: RouteModule = (app, ctx) => {
  const access = { access: { kind: 'permission', permission: 'comms.publish' } } as const;
  const tags = ['mail'];

  app.get('/api/mailings/:id', {
    config: access, schema: { tags, params: idParams, response: { 200: z.object({ mailing: mailingViewSchema }) } },
  }, async (req) => ({ mailing: await readMailing(ctx, req.actor!, req.params.id) }));

  // The desk's recent mail: the comms lead for what the desk sends, whoever invites people for account mail.
  app.get('/api/mail/deliveries', {
    config: { access: { kind: 'anyPermission', permissions: ['comms.publish', 'invitations.manage'] } }, schema: {
      tags, querystring: z.object({ purpose: z.enum(MAIL_PURPOSES).optional() }),
      response: { 200: z.object({ deliveries: z.array(recentDeliveryViewSchema) }) },
    },
  }, async (req) => ({ deliveries: await listRecentDeliveries(ctx, req.actor!, req.query.purpose) }));

  const suppressionsAnswer = z.object({ suppressions: z.array(suppressionViewSchema) });
  app.get('/api/mail/suppressions', {
    config: access, schema: { tags, response: { 200: suppressionsAnswer } },
  }, async (req) => ({ suppressions: await listSuppressions(ctx, req.actor!) }));

  app.post('/api/mail/suppressions', {
    config: access, schema: { tags, body: suppressionInputSchema, response: { 201: suppressionsAnswer } },
  }, async (req, reply) => reply.status(201).send({ suppressions: await suppressAddress(ctx, req.actor!, req.body, req.ip) }));

  app.post('/api/mail/suppressions/:id/remove', {
    config: access, schema: { tags, params: idParams, body: suppressionRemovalSchema, response: { 200: suppressionsAnswer } },
  }, async (req) => ({ suppressions: await removeSuppression(ctx, req.actor!, req.params.id, req.body.note, req.ip) }));

  app.get('/api/mail/bounce-patterns', {
    config: access, schema: { tags, response: { 200: z.object({ patterns: z.array(bouncePatternViewSchema) }) } },
  }, async (req) => ({ patterns: await readPatterns(ctx, req.actor!) }));

  app.put('/api/mail/bounce-patterns', {
    config: access, schema: { tags, body: z.strictObject({ patterns: z.array(bouncePatternInputSchema).max(200) }), response: { 200: z.object({ patterns: z.array(bouncePatternViewSchema) }) } },
  }, async (req) => ({ patterns: await savePatterns(ctx, req.actor!, req.body.patterns, req.ip) }));

  app.get('/api/mail/bounces', {
    config: access, schema: { tags, querystring: z.object({ state: z.enum(['applied', 'counted', 'review', 'dismissed']).optional() }), response: { 200: z.object({ bounces: z.array(bounceViewSchema) }) } },
  }, async (req) => ({ bounces: await listBounces(ctx, req.actor!, req.query.state) }));

  app.post('/api/mail/bounces/poll', {
    config: access, schema: { tags, response: { 200: z.object({ read: z.number().int(), recognised: z.number().int(), applied: z.number().int(), review: z.number().int() }) } },
  }, async () => pollBounces(ctx));

  app.post('/api/mail/bounces/:id/resolve', {
    config: access, schema: { tags, params: idParams, body: z.strictObject({ bounceType: z.enum(BOUNCE_TYPES).nullable() }), response: { 200: z.object({ resolved: z.literal(true) }) } },
  }, async (req) => {
    await resolveBounce(ctx, req.actor!, req.params.id, req.body.bounceType, req.ip);
    return { resolved: true as const };
  });

  // Public: the unsubscribe page reads (GET, changes nothing) and the one click acts (POST only).
  app.get('/api/public/unsubscribe/:token', {
    config: { access: { kind: 'public' } }, schema: { tags, params: tokenParams, response: { 200: unsubscribeAnswer } },
  }, async (req) => unsubscribeState(ctx, req.params.token));

  app.register(async (plain) => {
    const scope = plain.withTypeProvider<ZodTypeProvider>();
    // RFC 8058: mail clients POST "List-Unsubscribe=One-Click" as a form; only this route parses forms.
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 1024 }, (_req, body, done) => done(null, { form: String(body) }));
    scope.post('/api/public/unsubscribe/:token', {
      config: { access: { kind: 'public' } }, schema: { tags, params: tokenParams, response: { 200: unsubscribeAnswer } },
    }, async (req) => unsubscribe(ctx, req.params.token, req.ip));
  });
};
