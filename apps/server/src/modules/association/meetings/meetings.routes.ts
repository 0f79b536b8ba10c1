import { z } from 'zod';
import {
  actionInputSchema, agendaItemInputSchema, can, decisionInputSchema, decisionsCheckSchema, decisionViewSchema, meetingInputSchema, meetingSeriesInputSchema,
  meetingSeriesViewSchema, meetingViewSchema, minutesInputSchema, MEETING_KINDS, MEETING_STATUSES,
} from '@vigie/domain';
import type { RouteModule } from '../../../platform/context.js';
import { fileResponse } from '../../../platform/http/raw-bytes.js';
import { completeMeetingAction } from '../tasks/tasks.service.js';
import { addAction, checkDecisionsLog, decisionsLog, meetingMinutesPdf, recordDecision } from './decisions.service.js';
import { changeMeetingStatus, createSeries, meetingMembers, meetingsOf, planMeeting, proposeAgendaItem, readMeeting, saveMinutes, seriesList } from './meetings.service.js';

const idParams = z.object({ id: z.uuid() });

/** Meetings (issue 19): those who run them (meetings.manage) plan, minute and decide; every member reads and proposes items. */
export const meetingsRoutes: RouteModule = (app, ctx) => {
  const manage = { access: { kind: 'permission', permission: 'meetings.manage' } } as const;
  const member = { access: { kind: 'signed-in' } } as const;
  const tags = ['meetings'];
  const meeting = { 200: meetingViewSchema };

  app.get('/api/association/meeting-series', { config: member, schema: { tags, response: { 200: z.object({ series: z.array(meetingSeriesViewSchema) }) } } },
    async (req) => seriesList(ctx, req.actor!));
  app.post('/api/association/meeting-series', { config: manage, schema: { tags, body: meetingSeriesInputSchema, response: { 200: meetingSeriesViewSchema } } },
    async (req) => createSeries(ctx, req.actor!, req.body, req.ip));
  app.post('/api/association/meeting-series/:id/meetings', { config: manage, schema: { tags, params: idParams, body: meetingInputSchema, response: meeting } },
    async (req) => planMeeting(ctx, req.actor!, req.params.id, req.body, req.ip));

  app.get('/api/association/meetings', {
    config: member,
    schema: {
      tags, querystring: z.object({ seriesId: z.uuid().optional() }),
      response: { 200: z.object({ meetings: z.array(z.object({ id: z.uuid(), title: z.string(), kind: z.enum(MEETING_KINDS), startsAt: z.string(), status: z.enum(MEETING_STATUSES) })) }) },
    },
  }, async (req) => meetingsOf(ctx, req.actor!, req.query.seriesId));
  app.get('/api/association/meetings/:id', { config: member, schema: { tags, params: idParams, response: meeting } },
    async (req) => readMeeting(ctx, req.actor!, req.params.id));
  app.post('/api/association/meetings/:id/agenda', { config: member, schema: { tags, params: idParams, body: agendaItemInputSchema, response: meeting } },
    async (req) => proposeAgendaItem(ctx, req.actor!, req.params.id, req.body));
  app.post('/api/association/meetings/:id/start', { config: manage, schema: { tags, params: idParams, response: meeting } },
    async (req) => changeMeetingStatus(ctx, req.actor!, req.params.id, 'in_progress', req.ip));
  app.post('/api/association/meetings/:id/close', { config: manage, schema: { tags, params: idParams, response: meeting } },
    async (req) => changeMeetingStatus(ctx, req.actor!, req.params.id, 'closed', req.ip));
  app.put('/api/association/meetings/:id/minutes', { config: manage, schema: { tags, params: idParams, body: minutesInputSchema, response: meeting } },
    async (req) => saveMinutes(ctx, req.actor!, req.params.id, req.body.minutes));
  app.post('/api/association/meetings/:id/decisions', { config: manage, schema: { tags, params: idParams, body: decisionInputSchema, response: meeting } },
    async (req) => recordDecision(ctx, req.actor!, req.params.id, req.body, req.ip));
  app.post('/api/association/meetings/:id/actions', { config: manage, schema: { tags, params: idParams, body: actionInputSchema, response: meeting } },
    async (req) => addAction(ctx, req.actor!, req.params.id, req.body, req.ip));
  app.post('/api/association/meeting-actions/:id/done', { config: member, schema: { tags, params: idParams, response: meeting } },
    // Through the task board: an action carried by a task moves that task to done with it.
    async (req) => completeMeetingAction(ctx, req.actor!, req.params.id, can(req.actor!.roles, 'meetings.manage'), req.ip));
  app.get('/api/association/meetings/:id/minutes.pdf', {
    config: member, schema: { tags, params: idParams, response: { 200: fileResponse('The minutes as PDF') } },
  }, async (req, reply) => {
    const { pdf, fileName } = await meetingMinutesPdf(ctx, req.actor!, req.params.id);
    return reply.headers({ 'content-type': 'application/pdf', 'cache-control': 'no-store', 'content-disposition': `attachment; filename="${fileName}"` }).send(pdf);
  });

  app.get('/api/association/meeting-members', {
    config: manage, schema: { tags, response: { 200: z.object({ members: z.array(z.object({ id: z.uuid(), displayName: z.string() })) }) } },
  }, async (req) => meetingMembers(ctx, req.actor!));

  app.get('/api/association/decisions', {
    config: member,
    schema: { tags, querystring: z.object({ q: z.string().max(200).optional() }), response: { 200: z.object({ decisions: z.array(decisionViewSchema) }) } },
  }, async (req) => decisionsLog(ctx, req.actor!, req.query.q));
  app.get('/api/association/decisions/check', {
    config: manage,
    schema: { tags, description: 'Each decision compared with the audit entry that recorded it.', response: { 200: decisionsCheckSchema } },
  }, async (req) => checkDecisionsLog(ctx, req.actor!));
};
