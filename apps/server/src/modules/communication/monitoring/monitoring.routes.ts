import { z } from 'zod';
import {
  clippingDetailViewSchema, clippingQuerySchema, clippingUpdateSchema, clippingViewSchema, digestSettingsSchema, digestSettingsViewSchema,
  monitoringRuleInputSchema, monitoringRuleViewSchema, monitoringSourceInputSchema, monitoringSourceViewSchema, pollResultSchema,
} from '@vigie/domain';
import type { RouteModule } from '../../../platform/context.js';
import { changeClipping, readClipping, searchClippings } from './clippings.service.js';
import { readDigestSettings, saveDigestSettings } from './monitoring-digest.js';
import {
  addRule, addSource, changeRule, changeSource, listMonitoringRules, listMonitoringSources, pollSourceNow, removeRule, removeSource,
} from './monitoring.service.js';

const idParams = z.object({ id: z.uuid() });
const removed = z.object({ removed: z.literal(true) });

export const monitoringRoutes: RouteModule = (app, ctx) => {
  const access = { access: { kind: 'permission', permission: 'comms.publish' } } as const;
  const tags = ['media monitoring'];
  const sourceAnswer = z.object({ source: monitoringSourceViewSchema });
  const ruleAnswer = z.object({ rule: monitoringRuleViewSchema });
  const clippingAnswer = z.object({ clipping: clippingDetailViewSchema });

  app.get('/api/monitoring/sources', {
    config: access, schema: { tags, response: { 200: z.object({ sources: z.array(monitoringSourceViewSchema) }) } },
  }, async (req) => ({ sources: await listMonitoringSources(ctx, req.actor!, req.locale) }));

  app.post('/api/monitoring/sources', {
    config: access, schema: { tags, body: monitoringSourceInputSchema, response: { 201: sourceAnswer } },
  }, async (req, reply) => reply.status(201).send({ source: await addSource(ctx, req.actor!, req.body, req.locale, req.ip) }));

  app.put('/api/monitoring/sources/:id', {
    config: access, schema: { tags, params: idParams, body: monitoringSourceInputSchema, response: { 200: sourceAnswer } },
  }, async (req) => ({ source: await changeSource(ctx, req.actor!, req.params.id, req.body, req.locale, req.ip) }));

  app.delete('/api/monitoring/sources/:id', {
    config: access, schema: { tags, params: idParams, response: { 200: removed } },
  }, async (req) => { await removeSource(ctx, req.actor!, req.params.id, req.ip); return { removed: true as const }; });

  app.post('/api/monitoring/sources/:id/poll', {
    config: access, schema: { tags, params: idParams, response: { 200: z.object({ result: pollResultSchema, source: monitoringSourceViewSchema }) } },
  }, async (req) => {
    const result = await pollSourceNow(ctx, req.actor!, req.params.id);
    const source = (await listMonitoringSources(ctx, req.actor!, req.locale)).find((s) => s.id === req.params.id)!;
    return { result, source };
  });

  app.get('/api/monitoring/rules', {
    config: access, schema: { tags, response: { 200: z.object({ rules: z.array(monitoringRuleViewSchema) }) } },
  }, async (req) => ({ rules: await listMonitoringRules(ctx, req.actor!) }));

  app.post('/api/monitoring/rules', {
    config: access, schema: { tags, body: monitoringRuleInputSchema, response: { 201: ruleAnswer } },
  }, async (req, reply) => reply.status(201).send({ rule: await addRule(ctx, req.actor!, req.body, req.ip) }));

  app.put('/api/monitoring/rules/:id', {
    config: access, schema: { tags, params: idParams, body: monitoringRuleInputSchema, response: { 200: ruleAnswer } },
  }, async (req) => ({ rule: await changeRule(ctx, req.actor!, req.params.id, req.body, req.ip) }));

  app.delete('/api/monitoring/rules/:id', {
    config: access, schema: { tags, params: idParams, response: { 200: removed } },
  }, async (req) => { await removeRule(ctx, req.actor!, req.params.id, req.ip); return { removed: true as const }; });

  app.get('/api/monitoring/clippings', {
    config: access, schema: { tags, querystring: clippingQuerySchema, response: { 200: z.object({ clippings: z.array(clippingViewSchema) }) } },
  }, async (req) => ({ clippings: await searchClippings(ctx, req.actor!, req.query) }));

  app.get('/api/monitoring/clippings/:id', {
    config: access, schema: { tags, params: idParams, response: { 200: clippingAnswer } },
  }, async (req) => ({ clipping: await readClipping(ctx, req.actor!, req.params.id) }));

  app.patch('/api/monitoring/clippings/:id', {
    config: access, schema: { tags, params: idParams, body: clippingUpdateSchema, response: { 200: clippingAnswer } },
  }, async (req) => ({ clipping: await changeClipping(ctx, req.actor!, req.params.id, req.body, req.ip) }));

  app.get('/api/monitoring/digest', {
    config: access, schema: { tags, response: { 200: digestSettingsViewSchema } },
  }, async (req) => readDigestSettings(ctx, req.actor!));

  app.put('/api/monitoring/digest', {
    config: access, schema: { tags, body: digestSettingsSchema, response: { 200: digestSettingsViewSchema } },
  }, async (req) => saveDigestSettings(ctx, req.actor!, req.body.recipientIds, req.ip));
};
