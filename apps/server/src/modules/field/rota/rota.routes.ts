import { z } from 'zod';
import {
  rotaCalendarFeedViewSchema, rotaDaySchema, rotaExceptionInputSchema, rotaMineViewSchema, rotaNoShowSchema, rotaOfferSchema, rotaQuerySchema,
  rotaReassignSchema, rotaRuleInputSchema, rotaShiftStateSchema, rotaSignUpSchema, rotaTakeSchema, rotaViewSchema,
} from '@vigie/domain';
import type { App, AppContext, RouteModule } from '../../../platform/context.js';
import type { Permission } from '@vigie/domain';
import { calendarLinkState, createCalendarLink, renderRotaFeed, revokeCalendarLink, type SecretCalendar } from './rota-calendar.js';
import {
  addException, markNoShow, myRota, nothingToReport, offerPlace, reassignPlace, removeException, rotaView, saveRule, signUp, takePlace, withdraw,
} from './rota.service.js';

/**
 * The observation rota: read, sign up, swap and the calendar link (rota.signup); rules,
 * exceptions, reassigning and no-shows (association.manage); the calendar feed itself is
 * public, its secret URL being the credential (rota-calendar.ts).
 */
export const rotaRoutes: RouteModule = (app, ctx) => {
  const volunteer = { access: { kind: 'permission', permission: 'rota.signup' } } as const;
  const manager = { access: { kind: 'permission', permission: 'association.manage' } } as const;
  const tags = ['rota'];
  const view = { 200: rotaViewSchema };

  app.get('/api/rota', { config: volunteer, schema: { tags, querystring: rotaQuerySchema, response: view } },
    async (req) => rotaView(ctx, req.actor!, req.query));

  app.put('/api/rota/areas/:code/rule', {
    config: manager, schema: { tags, params: z.object({ code: z.string().max(40) }), body: rotaRuleInputSchema, response: { 204: z.null() } },
  }, async (req, reply) => { await saveRule(ctx, req.actor!, req.params.code, req.body); return reply.status(204).send(null); });

  app.post('/api/rota/areas/:code/exceptions', {
    config: manager, schema: { tags, params: z.object({ code: z.string().max(40) }), body: rotaExceptionInputSchema, response: { 201: z.object({ id: z.string() }) } },
  }, async (req, reply) => reply.status(201).send({ id: await addException(ctx, req.actor!, req.params.code, req.body) }));

  app.delete('/api/rota/exceptions/:id', {
    config: manager, schema: { tags, params: z.object({ id: z.uuid() }), response: { 204: z.null() } },
  }, async (req, reply) => { await removeException(ctx, req.actor!, req.params.id); return reply.status(204).send(null); });

  app.post('/api/rota/sign-up', { config: volunteer, schema: { tags, body: rotaSignUpSchema, response: { 204: z.null() } } },
    async (req, reply) => { await signUp(ctx, req.actor!, req.body); return reply.status(204).send(null); });

  app.get('/api/rota/mine', { config: volunteer, schema: { tags, response: { 200: rotaMineViewSchema } } },
    async (req) => myRota(ctx, req.actor!));

  const shiftState = { 200: rotaShiftStateSchema };
  app.post('/api/rota/withdraw', { config: volunteer, schema: { tags, body: rotaDaySchema, response: shiftState } },
    async (req) => withdraw(ctx, req.actor!, req.body));

  app.post('/api/rota/offer', { config: volunteer, schema: { tags, body: rotaOfferSchema, response: { 204: z.null() } } },
    async (req, reply) => { await offerPlace(ctx, req.actor!, req.body); return reply.status(204).send(null); });

  app.post('/api/rota/take', { config: volunteer, schema: { tags, body: rotaTakeSchema, response: shiftState } },
    async (req) => takePlace(ctx, req.actor!, req.body));

  app.post('/api/rota/reassign', { config: manager, schema: { tags, body: rotaReassignSchema, response: shiftState } },
    async (req) => reassignPlace(ctx, req.actor!, req.body));

  app.post('/api/rota/nothing-to-report', { config: volunteer, schema: { tags, body: rotaDaySchema, response: { 204: z.null() } } },
    async (req, reply) => { await nothingToReport(ctx, req.actor!, req.body); return reply.status(204).send(null); });

  app.post('/api/rota/no-show', { config: manager, schema: { tags, body: rotaNoShowSchema, response: { 204: z.null() } } },
    async (req, reply) => { await markNoShow(ctx, req.actor!, req.body); return reply.status(204).send(null); });

  secretCalendarRoutes(app, ctx, { base: '/api/rota', access: volunteer, tags, calendar: 'rota', render: renderRotaFeed });
};

/**
 * A secret calendar's routes (the rota's, the communication pole's): the signed-in person's link
 * (`<base>/calendar-feed`: state, create, revoke) and the feed itself (`<base>/calendar/<token>.ics`,
 * public: calendar apps cannot sign in, the secret URL is the credential — see rota-calendar.ts).
 */
export function secretCalendarRoutes(app: App, ctx: AppContext, o: {
  base: string; access: { access: { kind: 'permission'; permission: Permission } }; tags: string[]; calendar: SecretCalendar;
  render: (ctx: AppContext, token: string, ip: string) => Promise<string>;
}) {
  const { access, tags } = o;
  app.get(`${o.base}/calendar-feed`, { config: access, schema: { tags, response: { 200: rotaCalendarFeedViewSchema } } },
    async (req) => calendarLinkState(ctx, req.actor!, o.calendar));
  app.post(`${o.base}/calendar-feed`, { config: access, schema: { tags, response: { 201: rotaCalendarFeedViewSchema } } },
    async (req, reply) => reply.status(201).send(await createCalendarLink(ctx, req.actor!, req.ip, o.calendar)));
  app.delete(`${o.base}/calendar-feed`, { config: access, schema: { tags, response: { 204: z.null() } } },
    async (req, reply) => { await revokeCalendarLink(ctx, req.actor!, req.ip, o.calendar); return reply.status(204).send(null); });
  app.get(`${o.base}/calendar/:token`, {
    config: { access: { kind: 'public' } }, exposeHeadRoute: false,
    schema: { tags, params: z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,100}(\.ics)?$/) }), response: { 200: z.string() } },
  }, async (req, reply) => {
    const body = await o.render(ctx, req.params.token.replace(/\.ics$/, ''), req.ip);
    return reply.headers({ 'content-type': 'text/calendar; charset=utf-8', 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' }).send(body);
  });
}
