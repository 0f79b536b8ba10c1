import { COUNT_FIELDS, flattenTallies, parisDate, type CountField, type OperationInput, type SiteInput } from '@vigie/domain';
import { sql } from 'kysely';
import type { Executor, Trx } from '../../../platform/db/database.js';
import { evictionColumns } from '../evictions/evictions.mapping.js';
import type { PlannedEviction, Reference } from './transfer.check.js';
import type { ImportRow } from './imports.table.js';
import './imports.table.js';

/** Multi-row inserts stay well under PostgreSQL's 65,535 parameters per statement. */
const BATCH = 400;

async function inBatches<T>(rows: T[], insert: (batch: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += BATCH) await insert(rows.slice(i, i + BATCH));
}

export async function loadReference(db: Executor): Promise<Reference> {
  const [areas, communes, sites, terms] = await Promise.all([
    db.selectFrom('areas').select(['id', 'code', 'name']).execute(),
    db.selectFrom('communes').select(['insee_code', 'name', 'area_id']).execute(),
    db.selectFrom('sites').select(['id', 'code', 'name', 'aliases', 'area_id', 'latitude', 'longitude', 'active', 'merged_into']).execute(),
    db.selectFrom('taxonomy_terms').select(['kind', 'code', 'label_fr', 'label_en', 'part_of']).orderBy('kind').orderBy('sort').orderBy('code').execute(),
  ]);
  return { areas, communes, sites, terms };
}

export async function insertImport(db: Executor, row: {
  id: string; organisationId: string; fileName: string; fileType: 'csv' | 'xlsx'; sizeBytes: number; sha256: string;
  columns: string[]; rows: string[][]; lines: number[]; createdBy: string;
}) {
  await db.insertInto('imports').values({
    id: row.id, organisation_id: row.organisationId, file_name: row.fileName, file_type: row.fileType, size_bytes: row.sizeBytes,
    sha256: row.sha256, columns: JSON.stringify(row.columns), rows: JSON.stringify({ cells: row.rows, lines: row.lines }),
    row_count: row.rows.length, created_by: row.createdBy,
  }).execute();
}

export async function findImport(db: Executor, id: string, lock = false): Promise<ImportRow | undefined> {
  let q = db.selectFrom('imports').selectAll().where('id', '=', id);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

/** The latest committed import of a file with these very bytes (same SHA-256), if any. */
export async function findCommittedBySha(db: Executor, sha256: string) {
  return db.selectFrom('imports').select(['id', 'file_name', 'committed_at']).where('sha256', '=', sha256)
    .where('status', '=', 'committed').orderBy('committed_at', 'desc').limit(1).executeTakeFirst();
}

export async function markCommitted(db: Executor, id: string, by: string, mapping: unknown, options: unknown, summary: unknown) {
  await db.updateTable('imports').set({
    status: 'committed', rows: null, committed_by: by, committed_at: new Date(),
    mapping: JSON.stringify(mapping), options: JSON.stringify(options), summary: JSON.stringify(summary),
  }).where('id', '=', id).execute();
}

export async function insertSites(db: Executor, organisationId: string, sites: SiteInput[]) {
  await inBatches(sites, (batch) => db.insertInto('sites').values(batch.map((s) => ({
    id: s.id, organisation_id: organisationId, code: s.code.toUpperCase(), name: s.name, aliases: s.aliases, area_id: s.areaId,
    commune_insee: s.communeInsee, latitude: s.latitude, longitude: s.longitude, active: s.active, notes: s.notes,
  }))).execute());
}

export async function insertOperations(db: Executor, organisationId: string, userId: string, ops: OperationInput[]) {
  await inBatches(ops, (batch) => db.insertInto('operations').values(batch.map((o) => ({
    id: o.id, organisation_id: organisationId, area_id: o.areaId, date: parisDate(o.startedAt), started_at: new Date(o.startedAt),
    ended_at: o.endedAt ? new Date(o.endedAt) : null, operation_type: o.operationType, officer_in_charge: o.officerInCharge,
    authorities_present: o.authoritiesPresent, weather_alert: o.weatherAlert, observer_ids: o.observerIds, notes: o.notes,
    created_by: userId, updated_by: userId,
  }))).execute());
}

export async function insertEvictions(db: Executor, organisationId: string, userId: string, status: string, evictions: PlannedEviction[]) {
  await inBatches(evictions, (batch) => db.insertInto('evictions').values(batch.map(({ input }) => ({
    id: input.id, organisation_id: organisationId, created_by: userId, updated_by: userId, status, ...evictionColumns(input),
  })) as never).execute());
  const tallies = evictions.flatMap(({ input }) => (['seized', 'destroyed'] as const).flatMap((kind) => flattenTallies(input[kind]).map((t) => ({
    eviction_id: input.id, organisation_id: organisationId, kind, term: t.term, n: t.n, at_least: t.atLeast, part_of: t.partOf,
  }))));
  await inBatches(tallies, (batch) => db.insertInto('eviction_tallies').values(batch).execute());
}

export async function insertVersions(db: Executor, organisationId: string, userId: string, versions: Array<{ entityType: string; entityId: string; data: unknown }>) {
  await inBatches(versions, (batch) => db.insertInto('record_versions').values(batch.map((v) => ({
    organisation_id: organisationId, entity_type: v.entityType, entity_id: v.entityId, version: 1, data: JSON.stringify(v.data), changed_by: userId,
  }))).execute());
}

export type ExportFilters = { from?: string; to?: string; area?: string; status: string };

/**
 * One exported eviction, everything the export writes already joined: times as Europe/Paris
 * 'HH:MM', each count as `<field>` and `<field>AtLeast`, tallies as {"seized.tent": [n, atLeast]}.
 */
export type ExportRow = {
  date: string; arrived_time: string; left_time: string | null; area_code: string; commune_insee: string;
  site_code: string; site_name: string; coverage: 'full' | 'partial' | 'reported';
  legal_basis_text: string | null; legal_basis_category: string | null;
  tallies: Record<string, [number, boolean]> | null;
} & Record<CountField, number | null> & Record<`${CountField}AtLeast`, boolean>;

/** The count columns follow the field names: personsEvicted is persons_evicted and persons_evicted_at_least. */
const countColumns = COUNT_FIELDS.flatMap((f) => {
  const column = f.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  return [sql.ref(`e.${column}`).as(f), sql.ref(`e.${column}_at_least`).as(`${f}AtLeast`)];
});

function exportQuery(db: Executor, f: ExportFilters) {
  let q = db.selectFrom('evictions as e')
    .innerJoin('sites as s', 's.id', 'e.site_id')
    .innerJoin('operations as o', 'o.id', 'e.operation_id')
    .innerJoin('areas as a', 'a.id', 'o.area_id')
    .select([
      'e.date', 'a.code as area_code', 's.commune_insee', 's.code as site_code', 's.name as site_name', 'e.coverage',
      'e.legal_basis_text', 'e.legal_basis_category',
      // Formatted here rather than with Intl in JS: a million Intl.formatToParts calls cost seconds.
      sql<string>`to_char(e.arrived_at AT TIME ZONE 'Europe/Paris', 'HH24:MI')`.as('arrived_time'),
      sql<string | null>`to_char(e.left_at AT TIME ZONE 'Europe/Paris', 'HH24:MI')`.as('left_time'),
      ...countColumns,
      // Tallies joined and grouped (not a subquery per eviction): for a whole export the planner
      // hashes them once; for a short period it still probes them by eviction.
      // One column per item, as spreadsheets keep them: a whole's column holds the whole less its
      // parts, each part its own column, so a re-import (whole = whole + part) gives the same record.
      sql<Record<string, [number, boolean]> | null>`json_object_agg(t.kind || '.' || t.term, json_build_array(
        t.n - coalesce((SELECT sum(p.n) FROM eviction_tallies p WHERE p.eviction_id = t.eviction_id AND p.kind = t.kind AND p.part_of = t.term), 0),
        t.at_least)) FILTER (WHERE t.term IS NOT NULL)`.as('tallies'),
    ])
    .leftJoin('eviction_tallies as t', 't.eviction_id', 'e.id')
    .groupBy(['e.id', 's.id', 'a.id'])
    .where('e.deleted_at', 'is', null).where('e.merged_into', 'is', null);
  if (f.status !== 'all') q = q.where('e.status', '=', f.status);
  if (f.from) q = q.where('e.date', '>=', f.from);
  if (f.to) q = q.where('e.date', '<=', f.to);
  if (f.area) q = q.where('a.code', '=', f.area);
  return q.orderBy('e.arrived_at').orderBy('e.id');
}

/**
 * Hands the export's rows to `each`, batch by batch, from a server-side cursor: one query and
 * one sort for the whole export (paging with LIMIT re-scanned and re-sorted the table for every
 * page), and never more than `batch` rows in memory. `each` may wait (a slow client): the
 * cursor waits with it. Runs inside the caller's transaction, where a cursor lives.
 */
export async function forEachExportBatch(trx: Trx, f: ExportFilters, batch: number, each: (rows: ExportRow[]) => Promise<void>) {
  // Every row is read: plan for the whole result, not for the first 10 % (the cursor default).
  // JIT compiles for seconds on a query this size and saves nothing (measured on 1M rows); a
  // larger sort memory keeps more of the sort off disk.
  await sql`SELECT set_config('cursor_tuple_fraction', '1', true), set_config('jit', 'off', true), set_config('work_mem', '64MB', true)`.execute(trx);
  await sql`DECLARE eviction_export NO SCROLL CURSOR FOR ${exportQuery(trx, f)}`.execute(trx);
  for (;;) {
    const { rows } = await sql<ExportRow>`FETCH ${sql.lit(batch)} FROM eviction_export`.execute(trx);
    if (rows.length) await each(rows);
    if (rows.length < batch) break;
  }
  await sql`CLOSE eviction_export`.execute(trx);
}
