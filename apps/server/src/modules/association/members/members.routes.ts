import { z } from 'zod';
import {
  donationInputSchema, donationViewSchema, memberInputSchema, membersRegisterSchema, membershipInputSchema, memberViewSchema, receiptCancelInputSchema,
  receiptSettingsInputSchema, receiptSettingsViewSchema, receiptViewSchema, membershipReminderSettingsSchema,
  paymentImportQuerySchema, paymentImportReportSchema,
} from '@vigie/domain';
import type { App, RouteModule } from '../../../platform/context.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import { fileResponse } from '../../../platform/http/raw-bytes.js';
import { addDonation, addMember, addMembership, membersRegister, receiptSettings, saveReceiptSettings } from './members.service.js';
import { membershipReminderSettings, saveMembershipReminderSettings } from './renewal-reminders.js';
import { cancelReceipt, issueDuesReceipt, issueTaxReceipt, receiptFile } from './receipts.service.js';
import { commitPaymentImport, dryRunPaymentImport } from './payment-import.js';

const idParams = z.object({ id: z.uuid() });
const IMPORT_MAX_BYTES = 10 * 1024 * 1024;
const FILE_TYPES = ['text/csv', 'application/csv', 'application/vnd.ms-excel', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/octet-stream'];

/** A payment platform's export: the file is the raw body, a dry run first, then the same file confirmed. */
function paymentImportRoutes(app: App, ctx: Parameters<RouteModule>[1]) {
  const config = { access: { kind: 'permission', permission: 'association.manage' } } as const;
  app.addContentTypeParser(FILE_TYPES, { parseAs: 'buffer', bodyLimit: IMPORT_MAX_BYTES }, (_req, body, done) => done(null, body));
  const file = (body: unknown) => {
    if (!Buffer.isBuffer(body)) throw new AppError('import.unsupported_type');
    return body;
  };
  const schema = { tags: ['members'], querystring: paymentImportQuerySchema, response: { 200: paymentImportReportSchema } };
  app.post('/api/association/payment-import/dry-run', { config, bodyLimit: IMPORT_MAX_BYTES, schema },
    async (req) => dryRunPaymentImport(ctx, req.actor!, file(req.body), req.query.platform));
  app.post('/api/association/payment-import/commit', { config, bodyLimit: IMPORT_MAX_BYTES, schema },
    async (req) => commitPaymentImport(ctx, req.actor!, file(req.body), req.query.fileName, req.query.platform, req.ip));
}

/** Members, dues, gifts and receipts (issue 18, item 7): those who run the association (association.manage). */
export const membersRoutes: RouteModule = (app, ctx) => {
  const config = { access: { kind: 'permission', permission: 'association.manage' } } as const;
  const tags = ['members'];
  const settings = { 200: z.object({ settings: receiptSettingsViewSchema.nullable() }) };
  void app.register(async (scope) => paymentImportRoutes(scope as unknown as App, ctx));

  app.get('/api/association/receipt-settings', { config, schema: { tags, response: settings } }, async (req) => receiptSettings(ctx, req.actor!));
  app.put('/api/association/receipt-settings', { config, schema: { tags, body: receiptSettingsInputSchema, response: settings } },
    async (req) => saveReceiptSettings(ctx, req.actor!, req.body, req.ip));

  app.get('/api/association/membership-reminders', { config, schema: { tags, response: { 200: membershipReminderSettingsSchema } } },
    async (req) => membershipReminderSettings(ctx, req.actor!));
  app.put('/api/association/membership-reminders', { config, schema: { tags, body: membershipReminderSettingsSchema, response: { 200: membershipReminderSettingsSchema } } },
    async (req) => saveMembershipReminderSettings(ctx, req.actor!, req.body, req.ip));

  app.get('/api/association/members', {
    config, schema: { tags, querystring: z.object({ q: z.string().max(200).optional() }), response: { 200: membersRegisterSchema } },
  }, async (req) => membersRegister(ctx, req.actor!, req.query.q));
  app.post('/api/association/members', { config, schema: { tags, body: memberInputSchema, response: { 200: memberViewSchema } } },
    async (req) => addMember(ctx, req.actor!, req.body, req.ip));
  app.post('/api/association/members/:id/memberships', { config, schema: { tags, params: idParams, body: membershipInputSchema, response: { 200: memberViewSchema } } },
    async (req) => addMembership(ctx, req.actor!, req.params.id, req.body, req.ip));
  app.post('/api/association/donations', { config, schema: { tags, body: donationInputSchema, response: { 200: donationViewSchema } } },
    async (req) => addDonation(ctx, req.actor!, req.body, req.ip));

  app.post('/api/association/memberships/:id/receipt', { config, schema: { tags, params: idParams, response: { 200: receiptViewSchema } } },
    async (req) => issueDuesReceipt(ctx, req.actor!, req.params.id, req.ip));
  app.post('/api/association/donations/:id/tax-receipt', { config, schema: { tags, params: idParams, response: { 200: receiptViewSchema } } },
    async (req) => issueTaxReceipt(ctx, req.actor!, req.params.id, req.ip));
  app.post('/api/association/receipts/:id/cancel', { config, schema: { tags, params: idParams, body: receiptCancelInputSchema, response: { 200: receiptViewSchema } } },
    async (req) => cancelReceipt(ctx, req.actor!, req.params.id, req.body.reason, req.ip));
  app.get('/api/association/receipts/:id/pdf', { config, schema: { tags, params: idParams, response: { 200: fileResponse('The receipt as issued (PDF)') } } },
    async (req, reply) => {
      const { pdf, fileName } = await receiptFile(ctx, req.actor!, req.params.id, req.ip);
      return reply.headers({ 'content-type': 'application/pdf', 'cache-control': 'no-store', 'content-disposition': `attachment; filename="${fileName}"` }).send(pdf);
    });
};
