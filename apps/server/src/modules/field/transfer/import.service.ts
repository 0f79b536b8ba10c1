import { createHash, randomUUID } from 'node:crypto';
import { can, type Locale } from '@vigie/domain';
import type { AppContext } from '../../../platform/context.js';
import { recordAudit, recordAuditBatch, type AuditEntry } from '../../../platform/audit/audit-trail.js';
import { inOrganisation } from '../../../platform/db/organisation-scope.js';
import type { Trx } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import { translate, type MessageKey } from '../../../platform/errors/messages.js';
import type { Actor } from '../../../platform/http/request-context.js';
import { evictionsSaved } from '../../communication/statistics/statistics.promoter.js';
import { planImport, type ImportOptions, type ImportPlan, type ImportTable, type RowProblem } from './transfer.check.js';
import { allFields, suggestMapping } from './transfer.columns.js';
import { parseSpreadsheet } from './transfer.parse.js';
import {
  findCommittedBySha, findImport, insertEvictions, insertImport, insertOperations, insertSites, insertVersions, loadReference, markCommitted,
} from './transfer.queries.js';

/**
 * Import of historical eviction spreadsheets: upload (parsed and kept, nothing else written),
 * dry runs (a row-by-row report), then a commit that writes everything in one transaction or
 * nothing at all. Every record written names the import, the file and its row in the audit trail.
 */
export type Mapping = Record<string, string | null>;

export async function uploadImport(ctx: AppContext, actor: Actor, bytes: Buffer, fileName: string) {
  const table = await parseSpreadsheet(bytes);
  const id = randomUUID();
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const { ref, previous } = await inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const previous = await findCommittedBySha(trx, sha256);
    await insertImport(trx, {
      id, organisationId: actor.organisationId, fileName, fileType: table.fileType, sizeBytes: bytes.length, sha256,
      columns: table.headers, rows: table.rows, lines: table.lines, createdBy: actor.userId,
    });
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'import.uploaded', entityType: 'import', entityId: id,
      after: { fileName, fileType: table.fileType, sizeBytes: bytes.length, sha256, rows: table.rows.length },
    });
    return { ref: await loadReference(trx), previous };
  });
  const fields = allFields(ref.terms);
  return {
    importId: id, fileName, fileType: table.fileType, sha256, encoding: table.encoding ?? null, delimiter: table.delimiter ?? null,
    rowCount: table.rows.length, columns: table.headers, sampleRows: table.rows.slice(0, 5),
    suggestedMapping: suggestMapping(table.headers, fields),
    fields: fields.map((f) => ({ key: f.key, label: actor.locale === 'fr' ? f.header : f.labelEn })),
    sameFileImportedAt: previous?.committed_at ? previous.committed_at.toISOString() : null,
    sameFile: presentSameFile(previous),
  };
}

/** The earlier commit of the same bytes: importing them again would count every eviction twice. */
function presentSameFile(previous: Awaited<ReturnType<typeof findCommittedBySha>>) {
  return previous?.committed_at ? { importId: previous.id, fileName: previous.file_name, committedAt: previous.committed_at.toISOString() } : null;
}

async function openImport(trx: Trx, id: string, lock: boolean) {
  const row = await findImport(trx, id, lock);
  if (!row) throw new AppError('import.not_found');
  if (row.status !== 'uploaded' || !row.rows) throw new AppError('import.already_committed');
  const data = row.rows as { cells: string[][]; lines: number[] };
  const table: ImportTable = { headers: row.columns as string[], rows: data.cells, lines: data.lines };
  return { row, table };
}

function describe(p: RowProblem, locale: Locale): string {
  const text = translate(`import.problem.${p.code}` as MessageKey, locale, { value: p.value, column: p.column ?? p.field });
  return p.column ? `${p.column} : ${text}` : text;
}

/** The report a person reads: every row OK or its problems, and what would be created. */
export function presentReport(importId: string, plan: ImportPlan, locale: Locale) {
  const byRow = new Map<number, RowProblem[]>();
  for (const p of plan.problems) byRow.set(p.row, [...(byRow.get(p.row) ?? []), p]);
  const present = (p: RowProblem) => ({ field: p.field, column: p.column, code: p.code, value: p.value, message: describe(p, locale) });
  const okRows = new Set(plan.evictions.map((e) => e.row));
  const rows = [...new Set([...okRows, ...byRow.keys()].filter((r) => r > 0))].sort((a, b) => a - b)
    .map((row) => (byRow.has(row) ? { row, ok: false, problems: byRow.get(row)!.map(present) } : { row, ok: true, problems: [] }));
  return {
    importId,
    rowCount: plan.rows, rowsOk: plan.rowsOk, rowsWithProblems: plan.rowsWithProblems,
    mappingProblems: (byRow.get(0) ?? []).map(present),
    rows,
    wouldCreate: { operations: plan.operations.length, evictions: plan.evictions.length, sites: plan.sites.length },
    newSites: plan.sites.map((s) => ({
      row: s.row, code: s.input.code, name: s.input.name, communeInsee: s.input.communeInsee,
      latitude: s.input.latitude, longitude: s.input.longitude, warning: s.warning,
      warningMessage: s.warning ? translate(`import.warning.${s.warning}`, locale, {}) : null,
    })),
    totals: plan.totals,
  };
}
export type ImportReport = ReturnType<typeof presentReport>;

export async function dryRunImport(ctx: AppContext, actor: Actor, id: string, mapping: Mapping, options: ImportOptions, now = new Date()) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const { row, table } = await openImport(trx, id, false);
    const plan = planImport(table, mapping, options, await loadReference(trx), now);
    return { ...presentReport(id, plan, actor.locale), sameFile: presentSameFile(await findCommittedBySha(trx, row.sha256)) };
  });
}

export async function commitImport(ctx: AppContext, actor: Actor, id: string, mapping: Mapping, options: ImportOptions, now = new Date()) {
  const started = performance.now();
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const { row, table } = await openImport(trx, id, true);
    const sameFile = presentSameFile(await findCommittedBySha(trx, row.sha256));
    if (sameFile && !options.confirmSameFile) throw new AppError('import.same_file', sameFile);
    const plan = planImport(table, mapping, options, await loadReference(trx), now);
    if (plan.problems.length > 0) {
      const report = presentReport(id, plan, actor.locale);
      throw new AppError('import.has_problems', {
        rowsWithProblems: plan.rowsWithProblems + (report.mappingProblems.length ? 1 : 0),
        mappingProblems: report.mappingProblems, rows: report.rows.filter((r) => !r.ok).slice(0, 200),
      });
    }
    const status = options.markVerified && can(actor.roles, 'field.verify') ? 'verified' : 'submitted';
    const org = actor.organisationId;
    await insertSites(trx, org, plan.sites.map((s) => s.input));
    await insertOperations(trx, org, actor.userId, plan.operations.map((o) => o.input));
    await insertEvictions(trx, org, actor.userId, status, plan.evictions);
    evictionsSaved();
    await insertVersions(trx, org, actor.userId, [
      ...plan.sites.map((s) => ({ entityType: 'site', entityId: s.input.id, data: s.input })),
      ...plan.operations.map((o) => ({ entityType: 'operation', entityId: o.input.id, data: o.input })),
      ...plan.evictions.map((e) => ({ entityType: 'eviction', entityId: e.input.id, data: { ...e.input, status } })),
    ]);
    const provenance = (r: number) => ({ importId: id, fileName: row.file_name, sha256: row.sha256, row: r, version: 1 });
    const entry = (action: string, entityType: string, entityId: string, after: unknown, r: number): AuditEntry => ({
      organisationId: org, actorId: actor.userId, action, entityType, entityId, after, context: provenance(r),
    });
    const summary = {
      created: { sites: plan.sites.length, operations: plan.operations.length, evictions: plan.evictions.length },
      evictionStatus: status, rows: plan.rows,
    };
    await recordAuditBatch(trx, [
      ...plan.sites.map((s) => entry('site.created', 'site', s.input.id, s.input, s.row)),
      ...plan.operations.map((o) => entry('operation.created', 'operation', o.input.id, o.input, o.row)),
      ...plan.evictions.map((e) => entry('eviction.created', 'eviction', e.input.id, { ...e.input, status }, e.row)),
      { organisationId: org, actorId: actor.userId, action: 'import.committed', entityType: 'import', entityId: id, after: summary, context: { fileName: row.file_name, sha256: row.sha256, mapping, options } },
    ]);
    await markCommitted(trx, id, actor.userId, mapping, options, summary);
    return { importId: id, status: 'committed' as const, ...summary, totals: plan.totals, durationMs: Math.round(performance.now() - started) };
  });
}
