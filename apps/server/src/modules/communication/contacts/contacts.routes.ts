import { z } from 'zod';
import {
  consentEventInputSchema, contactExportSchema, contactFilterSchema, contactInputSchema, contactListInputSchema, contactListViewSchema,
  contactImportQuerySchema, contactImportReportSchema, contactMergeInputSchema, contactSummaryViewSchema, contactViewSchema, doNotContactInputSchema,
  interactionInputSchema, mailingInputSchema, mailingViewSchema,
} from '@vigie/domain';
import type { App, RouteModule } from '../../../platform/context.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import {
  addInteraction, changeContact, changeDoNotContact, createContact, eraseContact, exportContact, findContacts, mergeContacts, readContact, recordConsent,
} from './contacts.service.js';
import { commitContactImport, contactsCsv, dryRunContactImport } from './contact-transfer.js';
import { changeListMember, createList, listLists } from './contact-lists.js';
import { sendToList } from '../mailings/mailings.service.js';

const idParams = z.object({ id: z.uuid() });
const memberParams = z.object({ id: z.uuid(), contactId: z.uuid() });
const contactAnswer = z.object({ contact: contactViewSchema });
const listAnswer = z.object({ list: contactListViewSchema });

const IMPORT_MAX_BYTES = 10 * 1024 * 1024;
const FILE_TYPES = ['text/csv', 'application/csv', 'application/vnd.ms-excel', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/octet-stream'];
const importQuery = contactImportQuerySchema.extend({ fileName: z.string().trim().min(1).max(255).default('contacts.csv') });

/** The CSV import: the file is the raw body (a dry run first, then the same file committed). */
function importRoutes(app: App, ctx: Parameters<RouteModule>[1]) {
  const access = { access: { kind: 'permission', permission: 'comms.publish' } } as const;
  app.addContentTypeParser(FILE_TYPES, { parseAs: 'buffer', bodyLimit: IMPORT_MAX_BYTES }, (_req, body, done) => done(null, body));
  const file = (body: unknown) => {
    if (!Buffer.isBuffer(body)) throw new AppError('import.unsupported_type');
    return body;
  };
  app.post('/api/contacts/import/dry-run', {
    config: access, bodyLimit: IMPORT_MAX_BYTES, schema: { tags: ['contacts'], querystring: importQuery, response: { 200: contactImportReportSchema } },
  }, async (req) => dryRunContactImport(ctx, req.actor!, file(req.body), req.query.listId));
  app.post('/api/contacts/import/commit', {
    config: access, bodyLimit: IMPORT_MAX_BYTES, schema: { tags: ['contacts'], querystring: importQuery, response: { 200: contactImportReportSchema } },
  }, async (req) => commitContactImport(ctx, req.actor!, file(req.body), req.query.fileName, req.query.listId));
}

export const contactsRoutes: RouteModule = (app, ctx) => {
  const access = { access: { kind: 'permission', permission: 'comms.publish' } } as const;
  const tags = ['contacts'];
  void app.register(async (scope) => importRoutes(scope as unknown as App, ctx));

  app.get('/api/contacts/export.csv', {
    config: access, schema: { tags, querystring: contactFilterSchema },
  }, async (req, reply) => reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="contacts.csv"')
    .header('cache-control', 'no-store').send(await contactsCsv(ctx, req.actor!, req.query, req.ip)));

  app.post('/api/contacts/:id/merge', {
    config: access, schema: { tags, params: idParams, body: contactMergeInputSchema, response: { 200: contactAnswer } },
  }, async (req) => ({ contact: await mergeContacts(ctx, req.actor!, req.params.id, req.body.duplicateId, req.ip) }));

  app.get('/api/contacts', {
    config: access, schema: { tags, querystring: contactFilterSchema, response: { 200: z.object({ contacts: z.array(contactSummaryViewSchema) }) } },
  }, async (req) => ({ contacts: await findContacts(ctx, req.actor!, req.query) }));

  app.post('/api/contacts', {
    config: access, schema: { tags, body: contactInputSchema, response: { 201: contactAnswer } },
  }, async (req, reply) => reply.status(201).send({ contact: await createContact(ctx, req.actor!, req.body, req.ip) }));

  app.get('/api/contacts/:id', {
    config: access, schema: { tags, params: idParams, response: { 200: contactAnswer } },
  }, async (req) => ({ contact: await readContact(ctx, req.actor!, req.params.id, req.ip) }));

  app.put('/api/contacts/:id', {
    config: access, schema: { tags, params: idParams, body: contactInputSchema, response: { 200: contactAnswer } },
  }, async (req) => ({ contact: await changeContact(ctx, req.actor!, req.params.id, req.body, req.ip) }));

  app.post('/api/contacts/:id/consents', {
    config: access, schema: { tags, params: idParams, body: consentEventInputSchema, response: { 200: contactAnswer } },
  }, async (req) => ({ contact: await recordConsent(ctx, req.actor!, req.params.id, req.body, req.ip) }));

  app.put('/api/contacts/:id/do-not-contact', {
    config: access, schema: { tags, params: idParams, body: doNotContactInputSchema, response: { 200: contactAnswer } },
  }, async (req) => ({ contact: await changeDoNotContact(ctx, req.actor!, req.params.id, req.body, req.ip) }));

  app.post('/api/contacts/:id/interactions', {
    config: access, schema: { tags, params: idParams, body: interactionInputSchema, response: { 200: contactAnswer } },
  }, async (req) => ({ contact: await addInteraction(ctx, req.actor!, req.params.id, req.body, req.ip) }));

  app.get('/api/contacts/:id/export', {
    config: access, schema: { tags, params: idParams, response: { 200: contactExportSchema } },
  }, async (req, reply) => {
    const data = await exportContact(ctx, req.actor!, req.params.id, req.ip);
    return reply.header('content-disposition', `attachment; filename="contact-${req.params.id}.json"`).send(data);
  });

  app.delete('/api/contacts/:id', {
    config: access, schema: { tags, params: idParams, response: { 200: z.object({ erased: z.literal(true) }) } },
  }, async (req) => {
    await eraseContact(ctx, req.actor!, req.params.id, req.ip);
    return { erased: true as const };
  });

  app.get('/api/contact-lists', {
    config: access, schema: { tags, response: { 200: z.object({ lists: z.array(contactListViewSchema) }) } },
  }, async (req) => ({ lists: await listLists(ctx, req.actor!) }));

  app.post('/api/contact-lists', {
    config: access, schema: { tags, body: contactListInputSchema, response: { 201: listAnswer } },
  }, async (req, reply) => reply.status(201).send({ list: await createList(ctx, req.actor!, req.body, req.ip) }));

  app.put('/api/contact-lists/:id/members/:contactId', {
    config: access, schema: { tags, params: memberParams, response: { 200: listAnswer } },
  }, async (req) => ({ list: await changeListMember(ctx, req.actor!, req.params.id, req.params.contactId, true, req.ip) }));

  app.delete('/api/contact-lists/:id/members/:contactId', {
    config: access, schema: { tags, params: memberParams, response: { 200: listAnswer } },
  }, async (req) => ({ list: await changeListMember(ctx, req.actor!, req.params.id, req.params.contactId, false, req.ip) }));

  app.post('/api/contact-lists/:id/mailings', {
    config: access, schema: { tags, params: idParams, body: mailingInputSchema, response: { 201: z.object({ mailing: mailingViewSchema }) } },
  }, async (req, reply) => reply.status(201).send({ mailing: await sendToList(ctx, req.actor!, req.params.id, req.body, req.ip) }));
};
