import { once } from 'node:events';
import { PassThrough, Readable, pipeline } from 'node:stream';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import type { AppContext } from '../../platform/context.js';
import { recordAudit } from '../../platform/audit/audit-trail.js';
import { inOrganisation } from '../../platform/db/organisation-scope.js';
import type { Actor } from '../../platform/http/request-context.js';
import { evictionInputFromRow } from '../evictions/evictions.mapping.js';
import { talliesOf } from '../evictions/evictions.queries.js';
import { allFields, type FieldDef } from './transfer.columns.js';
import { COVERAGE_LABEL_FR, formatCountCell, formatDateCell, parisTime } from './transfer.cells.js';
import { exportPage, type ExportCursor, type ExportFilters } from './transfer.queries.js';

/**
 * Exports of evictions, one row per eviction, with the very columns the import recognises
 * (an export re-imports as is). Counts read "au moins N" when they are minimums and "N" when
 * exact — how the team writes them, and lossless with the import's default. No identities and
 * no free-text descriptions leave this way (notes are left out); the legal basis as stated is kept.
 * Rows are read page by page (keyset) and streamed: memory stays flat whatever the period.
 */
const PAGE = 1000;
const TEXT_FIELDS = new Set(['siteCode', 'siteName', 'legalBasisText', 'legalBasisCategory', 'commune', 'area']);

type Cell = string | Date;

async function exportFields(ctx: AppContext, actor: Actor, filters: ExportFilters, format: string): Promise<FieldDef[]> {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const terms = await trx.selectFrom('taxonomy_terms').select(['kind', 'code', 'label_fr', 'label_en']).orderBy('kind').orderBy('sort').orderBy('code').execute();
    // Who took which data out, and which: the audit trail records every export.
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'export.evictions', entityType: 'export', context: { format, ...filters },
    });
    return allFields(terms).filter((f) => f.key !== 'notes');
  });
}

/** A spreadsheet would run a cell starting with = + - @ as a formula: such text gets a leading apostrophe. */
export function neutralise(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

async function* exportRows(ctx: AppContext, actor: Actor, filters: ExportFilters, fields: FieldDef[], xlsx: boolean): AsyncGenerator<Cell[]> {
  let cursor: ExportCursor = null;
  for (;;) {
    const { rows, tallies } = await inOrganisation(ctx.db, actor.organisationId, async (trx) => {
      const rows = await exportPage(trx, filters, cursor, PAGE);
      return { rows, tallies: await talliesOf(trx, rows.map((r) => r.id)) };
    });
    for (const r of rows) {
      const e = evictionInputFromRow(r, tallies.get(r.id)!);
      const seized = new Map(e.seized.map((t) => [`seized.${t.term}`, t]));
      const destroyed = new Map(e.destroyed.map((t) => [`destroyed.${t.term}`, t]));
      const fixed: Record<string, Cell> = {
        date: xlsx ? new Date(`${r.date}T00:00:00Z`) : formatDateCell(r.date), arrivedTime: parisTime(r.arrived_at),
        leftTime: r.left_at ? parisTime(r.left_at) : '', area: r.area_code, commune: r.commune_insee, siteCode: r.site_code,
        siteName: r.site_name, coverage: COVERAGE_LABEL_FR[e.coverage], legalBasisText: e.legalBasisText ?? '',
        legalBasisCategory: e.legalBasisCategory ?? '',
      };
      yield fields.map((f) => {
        if (f.count) return formatCountCell(e.counts[f.count]);
        if (f.key in fixed) return TEXT_FIELDS.has(f.key) && !xlsx ? neutralise(fixed[f.key] as string) : fixed[f.key]!;
        return formatCountCell(seized.get(f.key) ?? destroyed.get(f.key) ?? null);
      });
    }
    if (rows.length < PAGE) return;
    const last = rows[rows.length - 1]!;
    cursor = { arrivedAt: last.arrived_at, id: last.id };
  }
}

/** UTF-8 with BOM, ';' and CRLF: what Excel in French opens correctly with a double click. */
export async function evictionsCsv(ctx: AppContext, actor: Actor, filters: ExportFilters): Promise<Readable> {
  const fields = await exportFields(ctx, actor, filters, 'csv');
  const out = stringify({ delimiter: ';', bom: true, header: true, columns: fields.map((f) => f.header), record_delimiter: 'windows' });
  pipeline(Readable.from(exportRows(ctx, actor, filters, fields, false)), out, (err) => {
    if (err) ctx.log.error({ err }, 'evictions CSV export failed');
  });
  return out;
}

export async function evictionsXlsx(ctx: AppContext, actor: Actor, filters: ExportFilters): Promise<Readable> {
  const fields = await exportFields(ctx, actor, filters, 'xlsx');
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet('Expulsions');
  sheet.columns = fields.map((f) => ({
    header: f.header, key: f.key, width: Math.min(Math.max(f.header.length + 2, 10), 40),
    ...(f.key === 'date' && { style: { numFmt: 'dd/mm/yyyy' } }),
  }));
  void (async () => {
    try {
      for await (const values of exportRows(ctx, actor, filters, fields, true)) {
        sheet.addRow(values).commit();
        // The zip writer does not wait for a slow client: pause while the socket drains.
        if (out.writableNeedDrain) await once(out, 'drain');
      }
      sheet.commit();
      await workbook.commit();
    } catch (err) {
      ctx.log.error({ err }, 'evictions XLSX export failed');
      out.destroy(err as Error);
    }
  })();
  return out;
}
