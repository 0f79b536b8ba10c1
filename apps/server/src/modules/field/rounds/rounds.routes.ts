import { z } from 'zod';
import { roundInputSchema, roundViewSchema } from '@vigie/domain';
import type { RouteModule } from '../../../platform/context.js';
import { listRounds, readRound, recordRound } from './rounds.service.js';

/** Outreach rounds: recorded by observers, read by their team and coordinators (checked in the service). */
export const roundsRoutes: RouteModule = (app, ctx) => {
  const tags = ['rounds'];
  const field = { access: { kind: 'anyPermission', permissions: ['field.record', 'field.verify'] } } as const;
  const answer = z.object({ round: roundViewSchema });

  app.post('/api/rounds', {
    config: field,
    schema: { tags, description: 'Records a round; sending the same id again answers with the round recorded (200), never a second one.', body: roundInputSchema, response: { 200: answer, 201: answer } },
  }, async (req, reply) => {
    const { created, round } = await recordRound(ctx, req.actor!, req.body, req.ip);
    return reply.status(created ? 201 : 200).send({ round });
  });

  app.get('/api/rounds', {
    config: field, schema: { tags, response: { 200: z.object({ rounds: z.array(roundViewSchema) }) } },
  }, async (req) => ({ rounds: await listRounds(ctx, req.actor!) }));

  app.get('/api/rounds/:id', {
    config: field, schema: { tags, params: z.object({ id: z.uuid() }), response: { 200: answer } },
  }, async (req) => ({ round: await readRound(ctx, req.actor!, req.params.id) }));
};
