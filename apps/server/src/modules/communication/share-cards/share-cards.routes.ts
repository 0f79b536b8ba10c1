import { z } from 'zod';
import { brandingInputSchema, brandingViewSchema, figureShareCardQuerySchema, shareCardOptionsSchema } from '@vigie/domain';
import type { FastifyReply } from 'fastify';
import type { RouteModule } from '../../../platform/context.js';
import { fileResponse } from '../../../platform/http/raw-bytes.js';
import { bulletinCard, cardPng, changeBranding, figureCard, readBranding, type RenderedCard } from './share-cards.service.js';

export const shareCardsRoutes: RouteModule = (app, ctx) => {
  const access = { access: { kind: 'permission', permission: 'comms.publish' } } as const;
  const tags = ['share cards'];

  const send = async (reply: FastifyReply, card: RenderedCard, format: 'png' | 'svg') => {
    reply.header('cache-control', 'private, no-store').header('content-disposition', `attachment; filename="${card.name}.${format}"`);
    if (format === 'svg') return reply.type('image/svg+xml; charset=utf-8').send(card.svg);
    return reply.type('image/png').send(await cardPng(card.svg));
  };

  app.get('/api/share-cards/figure', {
    config: access,
    schema: { tags, querystring: figureShareCardQuerySchema, description: 'A figure reference as a share card (PNG or SVG).', response: { 200: fileResponse('The card as PNG or SVG') } },
  }, async (req, reply) => send(reply, await figureCard(ctx, req.actor!, req.query), req.query.format));

  app.get('/api/share-cards/bulletins/:id', {
    config: access,
    schema: { tags, params: z.object({ id: z.uuid() }), querystring: shareCardOptionsSchema, response: { 200: fileResponse('The card as PNG or SVG') } },
  }, async (req, reply) => send(reply, await bulletinCard(ctx, req.actor!, req.params.id, req.query.lang, req.query.size), req.query.format));

  app.get('/api/share-cards/branding', {
    config: access, schema: { tags, response: { 200: brandingViewSchema } },
  }, async (req) => readBranding(ctx, req.actor!));

  app.put('/api/share-cards/branding', {
    config: { access: { kind: 'permission', permission: 'comms.publish' } },
    schema: { tags, body: brandingInputSchema, response: { 200: brandingViewSchema } },
  }, async (req) => changeBranding(ctx, req.actor!, req.body, req.ip));
};
