import { z } from 'zod';
import {
  calendarDateSchema, calendarFeedViewSchema, deadlineCreateSchema, deadlineRuleInputSchema, deadlineRuleViewSchema, deadlineUpdateSchema, deadlineViewSchema,
} from '@vigie/domain';
import type { RouteModule } from '../../../platform/context.js';
import { calendarFeedState, createCalendarFeed, renderCalendarFeed, revokeCalendarFeed } from './calendar-feed.js';
import { addDeadline, changeDeadline, changeDeadlineRule, createDeadlineRule, deadlineCalendar, listDeadlineRules } from './deadlines.service.js';

export const deadlinesRoutes: RouteModule = (app, ctx) => {
  const access = { access: { kind: 'permission', permission: 'legal.manage' } } as const;
  const tags = ['legal'];

  app.get('/api/legal/deadline-rules', {
    config: access, schema: { tags, response: { 200: z.object({ rules: z.array(deadlineRuleViewSchema) }) } },
  }, async (req) => ({ rules: await listDeadlineRules(ctx, req.actor!) }));

  app.post('/api/legal/deadline-rules', {
    config: access, schema: { tags, body: deadlineRuleInputSchema, response: { 201: z.object({ rule: deadlineRuleViewSchema }) } },
  }, async (req, reply) => reply.status(201).send({ rule: await createDeadlineRule(ctx, req.actor!, req.body, req.ip) }));

  app.put('/api/legal/deadline-rules/:id', {
    config: access,
    schema: { tags, params: z.object({ id: z.uuid() }), body: deadlineRuleInputSchema, response: { 200: z.object({ rule: deadlineRuleViewSchema }) } },
  }, async (req) => ({ rule: await changeDeadlineRule(ctx, req.actor!, req.params.id, req.body, req.ip) }));

  app.get('/api/legal/deadlines', {
    config: access,
    schema: {
      tags, querystring: z.object({ from: calendarDateSchema.optional(), to: calendarDateSchema.optional(), caseId: z.uuid().optional() }),
      response: { 200: z.object({ deadlines: z.array(deadlineViewSchema) }) },
    },
  }, async (req) => ({ deadlines: await deadlineCalendar(ctx, req.actor!, req.ip, req.query) }));

  app.post('/api/legal/cases/:id/deadlines', {
    config: access,
    schema: { tags, params: z.object({ id: z.uuid() }), body: deadlineCreateSchema, response: { 201: z.object({ deadline: deadlineViewSchema }) } },
  }, async (req, reply) => reply.status(201).send({ deadline: await addDeadline(ctx, req.actor!, req.params.id, req.body, req.ip) }));

  app.patch('/api/legal/cases/:id/deadlines/:deadlineId', {
    config: access,
    schema: { tags, params: z.object({ id: z.uuid(), deadlineId: z.uuid() }), body: deadlineUpdateSchema, response: { 200: z.object({ deadline: deadlineViewSchema }) } },
  }, async (req) => ({ deadline: await changeDeadline(ctx, req.actor!, req.params.id, req.params.deadlineId, req.body, req.ip) }));

  app.get('/api/legal/calendar-feed', {
    config: access, schema: { tags, response: { 200: calendarFeedViewSchema } },
  }, async (req) => calendarFeedState(ctx, req.actor!));

  app.post('/api/legal/calendar-feed', {
    config: access, schema: { tags, response: { 201: calendarFeedViewSchema } },
  }, async (req, reply) => reply.status(201).send(await createCalendarFeed(ctx, req.actor!, req.ip)));

  app.delete('/api/legal/calendar-feed', {
    config: access, schema: { tags, response: { 204: z.null() } },
  }, async (req, reply) => {
    await revokeCalendarFeed(ctx, req.actor!, req.ip);
    return reply.status(204).send(null);
  });

  // Calendar apps cannot sign in: the secret URL is the credential (see calendar-feed.ts).
  app.get('/api/legal/calendar/:token', {
    config: { access: { kind: 'public' } }, exposeHeadRoute: false,
    schema: { tags, params: z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,100}(\.ics)?$/) }), response: { 200: z.string() } },
  }, async (req, reply) => {
    const body = await renderCalendarFeed(ctx, req.params.token.replace(/\.ics$/, ''), req.ip);
    return reply.headers({ 'content-type': 'text/calendar; charset=utf-8', 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' }).send(body);
  });
};
