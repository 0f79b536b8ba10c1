import { z } from 'zod';
import {
  can, equipmentInputSchema, equipmentViewSchema, housePersonSchema, loanHandOverSchema, loanReturnSchema, loanViewSchema,
} from '@vigie/domain';
import type { RouteModule } from '../../../platform/context.js';
import { fileResponse } from '../../../platform/http/raw-bytes.js';
import { addEquipment, editEquipment, housePeople, listEquipment } from './equipment.service.js';
import { handOver, listHouseLoans, loanDocument, myLoans, readLoan, takeBack } from './loans.service.js';

const idParams = z.object({ id: z.uuid() });
const loans = z.object({ loans: z.array(loanViewSchema) });

/** The house (issue 19): inventory and loans for those who manage it; each person sees what they hold. */
export const equipmentRoutes: RouteModule = (app, ctx) => {
  const manage = { access: { kind: 'permission', permission: 'house.manage' } } as const;
  const signedIn = { access: { kind: 'signed-in' } } as const;
  const tags = ['house'];

  app.get('/api/association/equipment', {
    config: manage, schema: { tags, response: { 200: z.object({ items: z.array(equipmentViewSchema) }) } },
  }, async (req) => listEquipment(ctx, req.actor!));

  app.post('/api/association/equipment', {
    config: manage, schema: { tags, body: equipmentInputSchema, response: { 200: equipmentViewSchema } },
  }, async (req) => addEquipment(ctx, req.actor!, req.body, req.ip));

  app.put('/api/association/equipment/:id', {
    config: manage, schema: { tags, params: idParams, body: equipmentInputSchema, response: { 200: equipmentViewSchema } },
  }, async (req) => editEquipment(ctx, req.actor!, req.params.id, req.body, req.ip));

  app.get('/api/association/house-people', {
    config: manage, schema: { tags, response: { 200: z.object({ people: z.array(housePersonSchema) }) } },
  }, async (req) => housePeople(ctx, req.actor!));

  app.get('/api/association/loans', {
    config: manage,
    schema: {
      tags, querystring: z.object({ borrowerId: z.uuid().optional(), open: z.enum(['1', '0']).optional() }),
      description: 'Loans, newest first; `open=1` is what is still out (the offboarding list), `borrowerId` one person.',
      response: { 200: loans },
    },
  }, async (req) => listHouseLoans(ctx, req.actor!, { borrowerId: req.query.borrowerId, open: req.query.open === '1' }));

  app.get('/api/association/loans/mine', { config: signedIn, schema: { tags, response: { 200: loans } } },
    async (req) => myLoans(ctx, req.actor!));

  app.post('/api/association/loans', {
    config: manage,
    // Two signatures drawn on a phone screen: a few hundred kilobytes at most.
    bodyLimit: 1024 * 1024,
    schema: { tags, body: loanHandOverSchema, response: { 200: loanViewSchema } },
  }, async (req) => handOver(ctx, req.actor!, req.body, req.ip));

  app.get('/api/association/loans/:id', {
    config: manage, schema: { tags, params: idParams, response: { 200: loanViewSchema } },
  }, async (req) => readLoan(ctx, req.actor!, req.params.id));

  app.post('/api/association/loans/:id/return', {
    config: manage, bodyLimit: 1024 * 1024,
    schema: { tags, params: idParams, body: loanReturnSchema, response: { 200: loanViewSchema } },
  }, async (req) => takeBack(ctx, req.actor!, req.params.id, req.body, req.ip));

  app.get('/api/association/loans/:id/documents/:kind', {
    config: signedIn,
    schema: {
      tags, params: idParams.extend({ kind: z.enum(['out', 'in']) }),
      description: 'The signed loan form (out: hand-over, in: return) as a PDF, to the house managers and to the borrower.',
      response: { 200: fileResponse('The PDF bytes') },
    },
  }, async (req, reply) => {
    const { pdf, fileName } = await loanDocument(ctx, req.actor!, req.params.id, req.params.kind, can(req.actor!.roles, 'house.manage'));
    return reply.headers({
      'content-type': 'application/pdf', 'cache-control': 'no-store', 'content-disposition': `attachment; filename="${fileName}"`,
    }).send(pdf);
  });
};
