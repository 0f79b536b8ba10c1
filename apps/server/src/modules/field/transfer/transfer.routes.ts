import { z } from 'zod';
import { EVICTION_STATUSES } from '@vigie/domain';
import type { App, RouteModule } from '../../../platform/context.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import { DATE_FORMATS } from './transfer.cells.js';
import { commitImport, dryRunImport, uploadImport } from './import.service.js';
import { evictionsCsv, evictionsXlsx } from './export.service.js';

/** Import of historical spreadsheets (coordinators) and exports of evictions (stats readers). */
export const IMPORT_MAX_BYTES = 10 * 1024 * 1024;
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** The file is the raw request body; its kind is detected from its bytes, not trusted from the header. */
const FILE_TYPES = ['text/csv', 'application/csv', 'application/vnd.ms-excel', XLSX_TYPE, 'application/octet-stream'];

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const mappingSchema = z.record(z.string().max(80), z.string().max(300).nullable()).refine((m) => Object.keys(m).length <= 300);
const optionsSchema = z.strictObject({
  defaultAtLeast: z.boolean().default(false),
  dateFormat: z.enum(DATE_FORMATS).default('DD/MM/YYYY'),
  areaCode: z.string().max(40).nullable().default(null),
  createUnknownSites: z.boolean().default(false),
  markVerified: z.boolean().default(false),
  defaultTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/).default('00:00'),
  /** Commit a file whose very bytes were already imported (otherwise refused: every eviction would count twice). */
  confirmSameFile: z.boolean().default(false),
}).prefault({});
const runBody = z.strictObject({ mapping: mappingSchema, options: optionsSchema });
const params = z.object({ id: z.uuid() });
const problem = z.object({ field: z.string(), column: z.string().nullable(), code: z.string(), value: z.string(), message: z.string() });
const count = z.object({ n: z.number(), atLeast: z.boolean() });
const totals = z.object({ evictions: z.number(), distinctSites: z.number(), counts: z.record(z.string(), count), tallies: z.record(z.string(), count) });
const report = z.object({
  importId: z.string(), rowCount: z.number(), rowsOk: z.number(), rowsWithProblems: z.number(), mappingProblems: z.array(problem),
  rows: z.array(z.object({ row: z.number(), ok: z.boolean(), problems: z.array(problem) })),
  wouldCreate: z.object({ operations: z.number(), evictions: z.number(), sites: z.number() }),
  newSites: z.array(z.object({
    row: z.number(), code: z.string(), name: z.string(), communeInsee: z.string(), latitude: z.number().nullable(), longitude: z.number().nullable(),
    warning: z.enum(['outside_area']).nullable(), warningMessage: z.string().nullable(),
  })),
  totals,
  sameFile: z.object({ importId: z.string(), fileName: z.string(), committedAt: z.string() }).nullable(),
});
const exportQuery = z.object({
  from: isoDay.optional(), to: isoDay.optional(), area: z.string().max(40).optional(),
  status: z.enum([...EVICTION_STATUSES, 'all']).default('verified'),
});

function importRoutes(app: App, ctx: Parameters<RouteModule>[1]) {
  const verify = { access: { kind: 'permission', permission: 'field.verify' } } as const;
  // Scoped to these routes only: the rest of the API keeps accepting JSON alone.
  app.addContentTypeParser(FILE_TYPES, { parseAs: 'buffer', bodyLimit: IMPORT_MAX_BYTES }, (_req, body, done) => done(null, body));

  app.post('/api/imports', {
    config: verify, bodyLimit: IMPORT_MAX_BYTES,
    schema: {
      tags: ['transfer'], description: 'Upload a CSV or XLSX file as the raw body; its name in ?fileName=.',
      querystring: z.object({ fileName: z.string().trim().min(1).max(255).default('import') }),
      response: {
        201: z.object({
          importId: z.string(), fileName: z.string(), fileType: z.enum(['csv', 'xlsx']), sha256: z.string(), encoding: z.string().nullable(),
          delimiter: z.string().nullable(), rowCount: z.number(), columns: z.array(z.string()), sampleRows: z.array(z.array(z.string())),
          suggestedMapping: z.record(z.string(), z.string().nullable()), fields: z.array(z.object({ key: z.string(), label: z.string() })),
          sameFileImportedAt: z.string().nullable(),
          sameFile: z.object({ importId: z.string(), fileName: z.string(), committedAt: z.string() }).nullable(),
        }),
      },
    },
  }, async (req, reply) => {
    if (!Buffer.isBuffer(req.body)) throw new AppError('import.unsupported_type');
    return reply.status(201).send(await uploadImport(ctx, req.actor!, req.body, req.query.fileName));
  });

  app.post('/api/imports/:id/dry-run', {
    config: verify, schema: { tags: ['transfer'], params, body: runBody, response: { 200: report } },
  }, async (req) => dryRunImport(ctx, req.actor!, req.params.id, req.body.mapping, req.body.options));

  app.post('/api/imports/:id/commit', {
    config: verify,
    schema: {
      tags: ['transfer'], params, body: runBody,
      response: {
        200: z.object({
          importId: z.string(), status: z.literal('committed'), rows: z.number(), evictionStatus: z.string(), durationMs: z.number(),
          created: z.object({ sites: z.number(), operations: z.number(), evictions: z.number() }), totals,
        }),
      },
    },
  }, async (req) => commitImport(ctx, req.actor!, req.params.id, req.body.mapping, req.body.options));
}

export const transferRoutes: RouteModule = (app, ctx) => {
  void app.register(async (scope) => importRoutes(scope as unknown as App, ctx));

  // The exports are row-level (one line per eviction): field access only, never researchers.
  const stats = { access: { kind: 'permission', permission: 'stats.view', rowLevel: true } } as const;
  const fileName = (q: z.infer<typeof exportQuery>, ext: string) => `expulsions_${q.from ?? 'debut'}_${q.to ?? 'fin'}${q.area ? `_${q.area}` : ''}.${ext}`
    .replace(/[^A-Za-z0-9._-]/g, '_');
  app.get('/api/exports/evictions.csv', {
    config: stats, schema: { tags: ['transfer'], querystring: exportQuery },
  }, async (req, reply) => {
    const stream = await evictionsCsv(ctx, req.actor!, req.query);
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${fileName(req.query, 'csv')}"`)
      .header('cache-control', 'no-store').send(stream);
  });
  app.get('/api/exports/evictions.xlsx', {
    config: stats, schema: { tags: ['transfer'], querystring: exportQuery },
  }, async (req, reply) => {
    const stream = await evictionsXlsx(ctx, req.actor!, req.query);
    return reply.type(XLSX_TYPE).header('content-disposition', `attachment; filename="${fileName(req.query, 'xlsx')}"`)
      .header('cache-control', 'no-store').send(stream);
  });
};
