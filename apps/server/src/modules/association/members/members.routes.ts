import { z } from 'zod';
import {
  donationInputSchema, donationViewSchema, memberInputSchema, membersRegisterSchema, membershipInputSchema, memberViewSchema, receiptCancelInputSchema,
  receiptSettingsInputSchema, receiptSettingsViewSchema, receiptViewSchema, membershipReminderSettingsSchema,
} from '@vigie/domain';
import type { RouteModule } from '../../../platform/context.js';
import { fileResponse } from '../../../platform/http/raw-bytes.js';
import { addDonation, addMember, addMembership, membersRegister, receiptSettings, saveReceiptSettings } from './members.service.js';
import { membershipReminderSettings, saveMembershipReminderSettings } from './renewal-reminders.js';
import { cancelReceipt, issueDuesReceipt, issueTaxReceipt, receiptFile } from './receipts.service.js';

const idParams = z.object({ id: z.uuid() });

/** Members, dues, gifts and receipts (issue 18, item 7): those who run the association (association.manage). */
export const membersRoutes: RouteModule = (app, ctx) => {
  const config = { access: { kind: 'permission', permission: 'association.manage' } } as const;
  const tags = ['members'];
  const settings = { 200: z.object({ settings: receiptSettingsViewSchema.nullable() }) };

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
