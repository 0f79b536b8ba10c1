import { z } from 'zod';
import {
  legalCaseCreateSchema, legalCaseLinkSchema, legalCasePartySchema, legalCaseStatusChangeSchema, legalCaseSummaryViewSchema,
  legalCaseTaskSchema, legalCaseTaskUpdateSchema, legalCaseUpdateSchema, legalCaseViewSchema,
} from '@vigie/domain';
import type { RouteModule } from '../../../platform/context.js';
import { addCaseParty, addCaseTask, changeCaseTask, linkCaseRecord, removeCaseItem } from './case-parts.js';
import { changeLegalCase, listLegalCases, openLegalCase, readLegalCase, recordCaseEvent } from './cases.service.js';

const caseParams = z.object({ id: z.uuid() });
const itemParams = z.object({ id: z.uuid(), itemId: z.uuid() });
const caseAnswer = z.object({ case: legalCaseViewSchema });

export const legalCasesRoutes: RouteModule = (app, ctx) => {
  const access = { access: { kind: 'permission', permission: 'legal.manage' } } as const;
  const tags = ['legal'];

  app.get('/api/legal/cases', {
    config: access,
    schema: { tags, querystring: z.object({ evictionId: z.uuid().optional() }), response: { 200: z.object({ cases: z.array(legalCaseSummaryViewSchema) }) } },
  }, async (req) => ({ cases: await listLegalCases(ctx, req.actor!, req.query, req.ip) }));

  app.post('/api/legal/cases', {
    config: access,
    schema: { tags, body: legalCaseCreateSchema, response: { 201: caseAnswer } },
  }, async (req, reply) => {
    const { id } = await openLegalCase(ctx, req.actor!, req.body, req.ip);
    return reply.status(201).send({ case: await readLegalCase(ctx, req.actor!, id, req.ip) });
  });

  app.get('/api/legal/cases/:id', {
    config: access, schema: { tags, params: caseParams, response: { 200: caseAnswer } },
  }, async (req) => ({ case: await readLegalCase(ctx, req.actor!, req.params.id, req.ip) }));

  app.patch('/api/legal/cases/:id', {
    config: access, schema: { tags, params: caseParams, body: legalCaseUpdateSchema, response: { 200: caseAnswer } },
  }, async (req) => ({ case: await changeLegalCase(ctx, req.actor!, req.params.id, req.body, req.ip) }));

  app.post('/api/legal/cases/:id/events', {
    config: access, schema: { tags, params: caseParams, body: legalCaseStatusChangeSchema, response: { 200: caseAnswer } },
  }, async (req) => ({ case: await recordCaseEvent(ctx, req.actor!, req.params.id, req.body, req.ip) }));

  app.post('/api/legal/cases/:id/parties', {
    config: access, schema: { tags, params: caseParams, body: legalCasePartySchema, response: { 200: caseAnswer } },
  }, async (req) => ({ case: await addCaseParty(ctx, req.actor!, req.params.id, req.body, req.ip) }));

  app.delete('/api/legal/cases/:id/parties/:itemId', {
    config: access, schema: { tags, params: itemParams, response: { 200: caseAnswer } },
  }, async (req) => ({ case: await removeCaseItem(ctx, req.actor!, req.params.id, 'party', req.params.itemId, req.ip) }));

  app.post('/api/legal/cases/:id/links', {
    config: access, schema: { tags, params: caseParams, body: legalCaseLinkSchema, response: { 200: caseAnswer } },
  }, async (req) => ({ case: await linkCaseRecord(ctx, req.actor!, req.params.id, req.body, req.ip) }));

  app.delete('/api/legal/cases/:id/links/:itemId', {
    config: access, schema: { tags, params: itemParams, response: { 200: caseAnswer } },
  }, async (req) => ({ case: await removeCaseItem(ctx, req.actor!, req.params.id, 'link', req.params.itemId, req.ip) }));

  app.post('/api/legal/cases/:id/tasks', {
    config: access, schema: { tags, params: caseParams, body: legalCaseTaskSchema, response: { 200: caseAnswer } },
  }, async (req) => ({ case: await addCaseTask(ctx, req.actor!, req.params.id, req.body, req.ip) }));

  app.patch('/api/legal/cases/:id/tasks/:itemId', {
    config: access, schema: { tags, params: itemParams, body: legalCaseTaskUpdateSchema, response: { 200: caseAnswer } },
  }, async (req) => ({ case: await changeCaseTask(ctx, req.actor!, req.params.id, req.params.itemId, req.body, req.ip) }));

  app.delete('/api/legal/cases/:id/tasks/:itemId', {
    config: access, schema: { tags, params: itemParams, response: { 200: caseAnswer } },
  }, async (req) => ({ case: await removeCaseItem(ctx, req.actor!, req.params.id, 'task', req.params.itemId, req.ip) }));
};
