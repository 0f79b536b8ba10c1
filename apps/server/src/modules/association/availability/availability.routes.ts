import { z } from 'zod';
import { availabilityInputSchema, availabilityViewSchema, availabilityWeekQuerySchema, availabilityWeekSchema } from '@vigie/domain';
import type { RouteModule } from '../../../platform/context.js';
import { availabilityOfPerson, myAvailability, saveAvailability, weekAvailability } from './availability.service.js';

const idParams = z.object({ id: z.uuid() });

/**
 * Volunteer availability (issue 18, item 5): one's own for anyone signed in; anyone's and the week
 * for coordinators (association.manage — someone else's without it is refused 403 here).
 */
export const availabilityRoutes: RouteModule = (app, ctx) => {
  const member = { access: { kind: 'signed-in' } } as const;
  const coordinator = { access: { kind: 'permission', permission: 'association.manage' } } as const;
  const tags = ['association'];
  const response = { 200: availabilityViewSchema };
  app.get('/api/association/availability/mine', { config: member, schema: { tags, response } }, async (req) => myAvailability(ctx, req.actor!));
  app.put('/api/association/availability/mine', { config: member, schema: { tags, body: availabilityInputSchema, response } },
    async (req) => saveAvailability(ctx, req.actor!, req.actor!.userId, req.body, req.ip));
  app.get('/api/association/availability/people/:id', { config: coordinator, schema: { tags, params: idParams, response } },
    async (req) => availabilityOfPerson(ctx, req.actor!, req.params.id));
  app.put('/api/association/availability/people/:id', { config: coordinator, schema: { tags, params: idParams, body: availabilityInputSchema, response } },
    async (req) => saveAvailability(ctx, req.actor!, req.params.id, req.body, req.ip));
  app.get('/api/association/availability/week', { config: coordinator, schema: { tags, querystring: availabilityWeekQuerySchema, response: { 200: availabilityWeekSchema } } },
    async (req) => weekAvailability(ctx, req.actor!, req.query.week));
};
