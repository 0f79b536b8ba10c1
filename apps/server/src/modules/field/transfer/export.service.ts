import { PassThrough, type Readable, type Writable } from 'node:stream';
import { canSeeUnverifiedOf } from '@vigie/domain';
import { stringify } from 'csv-stringify/sync';
import type { AppContext } from '../../../platform/context.js';
import { recordAudit } from '../../../platform/audit/audit-trail.js';
import { inOrganisation, inOrganisationReadOnly } from '../../../platform/db/organisation-scope.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import { fullCollection } from '../../../platform/full-collection.js';
import { loadExcelJS } from '../../../platform/on-first-use.js';
import type { Actor } from '../../../platform/http/request-context.js';
import { allFields, type FieldDef } from './transfer.columns.js';
import { COVERAGE_LABEL_FR, formatCountCell } from './transfer.cells.js';
import { forEachExportLines } from './transfer.csv-lines.js';
import { forEachExportBatch, type ExportFilters, type ExportRow } from './transfer.queries.js';

/**
 * Exports of evictions, one row per eviction, with the very columns the import recognises
 * (an export re-imports as is). Counts read "au moins N" when they are minimums and "N" when
 * exact — how the team writes them, and lossless with the import's default. No identities and
 * no free-text descriptions leave this way (notes are left out); the legal basis as stated is kept.
 * Rows come from one server-side cursor in batches and are written with backpressure: memory
 * stays flat whatever the period, and the database waits while a slow client drains.
 */
const BATCH = 2000;
const LINE_BATCH = 5000;
/** A full garbage collection every so many CSV lines keeps a long export's memory flat (platform/full-collection.ts). */
const LINES_BETWEEN_COLLECTIONS = 100_000;

type Cell = string | Date | null;

async function exportFields(ctx: AppContext, actor: Actor, filters: ExportFilters, format: string): Promise<FieldDef[]> {
  // Unverified records leave the server only for those who verify them and the legal pole (nobody is the author of a whole export).
  if (filters.status !== 'verified' && !canSeeUnverifiedOf(actor.roles, actor.userId, null)) throw new AppError('records.unverified_forbidden');
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const terms = await trx.selectFrom('taxonomy_terms').select(['kind', 'code', 'label_fr', 'label_en']).orderBy('kind').orderBy('sort').orderBy('code').execute();
    // Who took which data out, and which: the audit trail records every export.
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'export.evictions', entityType: 'export', context: { format, ...filters },
    });
    // Positions belong to the site, not the eviction: the sites page places them.
    return allFields(terms).filter((f) => !['notes', 'latitude', 'longitude'].includes(f.key));
  });
}

type CellOf = (r: ExportRow) => Cell;

/**
 * How each XLSX column's cell is made, decided once per export rather than once per cell. The
 * CSV's cells are made by PostgreSQL (transfer.csv-lines.ts) with the same wording; an XLSX cell
 * is typed (a date is a date), and a spreadsheet never runs an XLSX text cell as a formula.
 */
function cellMaker(fields: FieldDef[]): (r: ExportRow) => Cell[] {
  const fixed: Record<string, CellOf> = {
    date: (r) => new Date(`${r.date}T00:00:00Z`),
    arrivedTime: (r) => r.arrived_time, leftTime: (r) => r.left_time ?? '', area: (r) => r.area_code,
    commune: (r) => r.commune_insee, siteCode: (r) => r.site_code, siteName: (r) => r.site_name,
    coverage: (r) => COVERAGE_LABEL_FR[r.coverage], legalBasisText: (r) => r.legal_basis_text ?? '',
    legalBasisCategory: (r) => r.legal_basis_category ?? '',
  };
  const makers = fields.map((f): CellOf => {
    const count = f.count;
    if (count) {
      const atLeast = `${count}AtLeast` as const;
      return (r) => formatCountCell(r[count] === null ? null : { n: r[count], atLeast: r[atLeast] });
    }
    const make = fixed[f.key];
    if (make) return make;
    return (r) => {
      const t = r.tallies?.[f.key];
      return formatCountCell(t ? { n: t[0], atLeast: t[1] } : null);
    };
  });
  return (r) => makers.map((make) => make(r));
}

/** Resolves when `out` can take more, rejects if it was closed meanwhile (the client went away). */
async function drained(out: Writable): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const done = () => {
      out.off('drain', done).off('close', done);
      if (out.destroyed) reject(new Error('export stream closed before the end'));
      else resolve();
    };
    out.on('drain', done).on('close', done);
  });
}

/** UTF-8 with BOM, ';' and CRLF: what Excel in French opens correctly with a double click. */
export async function evictionsCsv(ctx: AppContext, actor: Actor, filters: ExportFilters): Promise<Readable> {
  const fields = await exportFields(ctx, actor, filters, 'csv');
  const out = new PassThrough();
  out.write(stringify([fields.map((f) => f.header)], { delimiter: ';', bom: true, record_delimiter: 'windows' }));
  // The rows themselves stream from the read database (a replica when configured); the audit
  // entry was written on the primary before the first row.
  let sinceCollection = 0;
  inOrganisationReadOnly(ctx.readDb, actor.organisationId, (trx) => forEachExportLines(trx, filters, fields, LINE_BATCH, async (lines) => {
    if (out.destroyed) throw new Error('export stream closed before the end');
    if (!out.write(`${lines.join('\r\n')}\r\n`)) await drained(out);
    sinceCollection += lines.length;
    if (sinceCollection >= LINES_BETWEEN_COLLECTIONS) {
      sinceCollection = 0;
      fullCollection();
    }
  })).then(() => out.end(), (err: Error) => {
    if (!out.destroyed) ctx.log.error({ err }, 'evictions CSV export failed');
    out.destroy(err);
  });
  return out;
}

export async function evictionsXlsx(ctx: AppContext, actor: Actor, filters: ExportFilters): Promise<Readable> {
  const fields = await exportFields(ctx, actor, filters, 'xlsx');
  const out = new PassThrough();
  const workbook = new (await loadExcelJS()).stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet('Expulsions');
  sheet.columns = fields.map((f) => ({
    header: f.header, key: f.key, width: Math.min(Math.max(f.header.length + 2, 10), 40),
    ...(f.key === 'date' && { style: { numFmt: 'dd/mm/yyyy' } }),
  }));
  const make = cellMaker(fields);
  // The zip writer does not wait for a slow client: writing pauses while the socket drains.
  inOrganisationReadOnly(ctx.readDb, actor.organisationId, (trx) => forEachExportBatch(trx, filters, BATCH, async (rows) => {
    for (const r of rows) {
      if (out.destroyed) throw new Error('export stream closed before the end');
      sheet.addRow(make(r)).commit();
      if (out.writableNeedDrain) await drained(out);
    }
  })).then(async () => {
    sheet.commit();
    await workbook.commit();
  }).catch((err: Error) => {
    if (!out.destroyed) ctx.log.error({ err }, 'evictions XLSX export failed');
    out.destroy(err);
  });
  return out;
}
