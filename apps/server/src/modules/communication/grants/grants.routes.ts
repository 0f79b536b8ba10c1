import { z } from 'zod';
import { grantInputSchema, grantSummaryViewSchema, grantViewSchema, indicatorInputSchema, reportQuerySchema } from '@vigie/domain';
import type { RouteModule } from '../../../platform/context.js';
import { fileResponse } from '../../../platform/http/raw-bytes.js';
import { grantReportFile } from './grant-report.js';
import { addIndicator, createGrant, editGrant, editIndicator, grantList, readGrant, removeIndicator } from './grants.service.js';

const idParams = z.object({ id: z.uuid() });
const indicatorParams = z.object({ id: z.uuid(), indicatorId: z.uuid() });
const grantAnswer = z.object({ grant: grantViewSchema });
const TYPES = { xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', pdf: 'application/pdf' } as const;

/** Grants and funder indicators: the communication pole's (comms.publish: the communication lead and coordinators). */
export const grantsRoutes: RouteModule = (app, ctx) => {
  const access = { access: { kind: 'permission', permission: 'comms.publish' } } as const;
  const tags = ['grants'];

  app.get('/api/grants', { config: access, schema: { tags, response: { 200: z.object({ grants: z.array(grantSummaryViewSchema) }) } } },
    async (req) => ({ grants: await grantList(ctx, req.actor!) }));
  app.post('/api/grants', { config: access, schema: { tags, body: grantInputSchema, response: { 201: grantAnswer } } },
    async (req, reply) => reply.status(201).send({ grant: await createGrant(ctx, req.actor!, req.body, req.locale, req.ip) }));
  app.get('/api/grants/:id', { config: access, schema: { tags, params: idParams, response: { 200: grantAnswer } } },
    async (req) => ({ grant: await readGrant(ctx, req.actor!, req.params.id, req.locale) }));
  app.put('/api/grants/:id', { config: access, schema: { tags, params: idParams, body: grantInputSchema, response: { 200: grantAnswer } } },
    async (req) => ({ grant: await editGrant(ctx, req.actor!, req.params.id, req.body, req.locale, req.ip) }));

  app.post('/api/grants/:id/indicators', { config: access, schema: { tags, params: idParams, body: indicatorInputSchema, response: { 201: grantAnswer } } },
    async (req, reply) => reply.status(201).send({ grant: await addIndicator(ctx, req.actor!, req.params.id, req.body, req.locale, req.ip) }));
  app.put('/api/grants/:id/indicators/:indicatorId', {
    config: access, schema: { tags, params: indicatorParams, body: indicatorInputSchema, response: { 200: grantAnswer } },
  }, async (req) => ({ grant: await editIndicator(ctx, req.actor!, req.params.id, req.params.indicatorId, req.body, req.locale, req.ip) }));
  app.delete('/api/grants/:id/indicators/:indicatorId', { config: access, schema: { tags, params: indicatorParams, response: { 200: grantAnswer } } },
    async (req) => ({ grant: await removeIndicator(ctx, req.actor!, req.params.id, req.params.indicatorId, req.locale, req.ip) }));

  for (const format of ['xlsx', 'pdf'] as const) {
    app.get(`/api/grants/:id/report.${format}`, {
      config: access, schema: { tags, params: idParams, querystring: reportQuerySchema, response: { 200: fileResponse(`The grant report for a period as ${format.toUpperCase()}`) } },
    }, async (req, reply) => {
      const { fileName, bytes } = await grantReportFile(ctx, req.actor!, req.params.id, req.query, format, req.ip);
      return reply.headers({ 'content-type': TYPES[format], 'cache-control': 'no-store', 'content-disposition': `attachment; filename="${fileName}"` }).send(bytes);
    });
  }
};
