import { z } from 'zod';
import { fileResponse } from '../../../platform/http/raw-bytes.js';
import { annualReportRequestSchema, publishChecklistViewSchema, REPORT_FILES, REPORT_YEAR_KINDS } from '@vigie/domain';
import type { RouteModule } from '../../../platform/context.js';
import { createObjectStorage } from '../../../platform/storage/create-storage.js';
import { annualReportChecklist, recentReportJobs, reportFile, reportJob, requestAnnualReport } from './annual-report.service.js';
import { presentReportJob, reportJobSchema } from './reports.presenter.js';

/** The annual report pack: ask (202), follow the progress, download the workbook, PDF and charts. */
export const reportsRoutes: RouteModule = (app, ctx) => {
  const access = { access: { kind: 'permission', permission: 'stats.view' } } as const;
  const storage = createObjectStorage(ctx.config.storage);

  app.post('/api/reports/annual', {
    config: access,
    schema: { tags: ['reports'], body: annualReportRequestSchema, response: { 202: z.object({ id: z.string() }) } },
  }, async (req, reply) => reply.code(202).send(await requestAnnualReport(ctx, req.actor!, req.body, req.locale)));

  app.get('/api/reports/annual/checklist', {
    config: access,
    schema: {
      tags: ['reports'], querystring: z.strictObject({ year: z.coerce.number().int().min(2000).max(2100), yearKind: z.enum(REPORT_YEAR_KINDS).default('calendar') }),
      description: 'The publish checklist before generating the annual report: a year observed on too few days.',
      response: { 200: publishChecklistViewSchema },
    },
  }, async (req) => annualReportChecklist(ctx, req.actor!, req.query));

  app.get('/api/reports', {
    config: access,
    schema: { tags: ['reports'], response: { 200: z.object({ reports: z.array(reportJobSchema) }) } },
  }, async (req) => ({ reports: (await recentReportJobs(ctx.db, req.actor!)).map(presentReportJob) }));

  app.get('/api/reports/:id', {
    config: access,
    schema: { tags: ['reports'], params: z.object({ id: z.uuid() }), response: { 200: reportJobSchema } },
  }, async (req) => presentReportJob(await reportJob(ctx.db, req.actor!, req.params.id)));

  app.get('/api/reports/:id/files/:file', {
    config: access,
    schema: {
      tags: ['reports'], params: z.object({ id: z.uuid(), file: z.enum(REPORT_FILES) }),
      description: 'One file of a finished report: the XLSX workbook, the PDF or the ZIP of charts (SVG, PNG, CSV).',
      response: { 200: fileResponse('The report file') },
    },
  }, async (req, reply) => {
    const { stored, body } = await reportFile(ctx.db, storage, req.actor!, req.params.id, req.params.file);
    return reply.type(stored.mediaType).headers({
      'content-disposition': `attachment; filename="${stored.name}"`, 'content-length': String(stored.size), 'x-content-sha256': stored.sha256,
    }).send(body);
  });
};
