import { z } from 'zod';
import { houseCalendarSchema, stayInputSchema, stayViewSchema } from '@vigie/domain';
import type { RouteModule } from '../../../platform/context.js';
import { addStay, houseCalendar, removeStay } from './stays.service.js';

/** The flat's beds (issue 19): who stays when, kept by those who keep the house. */
export const staysRoutes: RouteModule = (app, ctx) => {
  const manage = { access: { kind: 'permission', permission: 'house.manage' } } as const;
  const tags = ['house'];

  app.get('/api/association/stays', {
    config: manage,
    schema: {
      tags, querystring: z.object({ from: z.iso.date().optional(), days: z.coerce.number().int().min(1).max(92).optional() }),
      description: 'Beds by room with the stays having a night in [from, from + days) (default: today, 28 days).',
      response: { 200: houseCalendarSchema },
    },
  }, async (req) => houseCalendar(ctx, req.actor!, req.query.from, req.query.days));

  app.post('/api/association/stays', {
    config: manage, schema: { tags, body: stayInputSchema, response: { 200: stayViewSchema } },
  }, async (req) => addStay(ctx, req.actor!, req.body, req.ip));

  app.delete('/api/association/stays/:id', {
    config: manage, schema: { tags, params: z.object({ id: z.uuid() }), response: { 204: z.null() } },
  }, async (req, reply) => { await removeStay(ctx, req.actor!, req.params.id, req.ip); return reply.status(204).send(null); });
};
