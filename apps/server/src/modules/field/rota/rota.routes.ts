import { z } from 'zod';
import {
  rotaDaySchema, rotaExceptionInputSchema, rotaNoShowSchema, rotaQuerySchema, rotaRuleInputSchema, rotaSignUpSchema, rotaViewSchema,
} from '@vigie/domain';
import type { RouteModule } from '../../../platform/context.js';
import { addException, markNoShow, nothingToReport, removeException, rotaView, saveRule, signUp, withdraw } from './rota.service.js';

/** The observation rota: read and sign up (rota.signup), rules, exceptions and no-shows (association.manage). */
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

  app.post('/api/rota/withdraw', { config: volunteer, schema: { tags, body: rotaDaySchema, response: { 204: z.null() } } },
    async (req, reply) => { await withdraw(ctx, req.actor!, req.body); return reply.status(204).send(null); });

  app.post('/api/rota/nothing-to-report', { config: volunteer, schema: { tags, body: rotaDaySchema, response: { 204: z.null() } } },
    async (req, reply) => { await nothingToReport(ctx, req.actor!, req.body); return reply.status(204).send(null); });

  app.post('/api/rota/no-show', { config: manager, schema: { tags, body: rotaNoShowSchema, response: { 204: z.null() } } },
    async (req, reply) => { await markNoShow(ctx, req.actor!, req.body); return reply.status(204).send(null); });
};
