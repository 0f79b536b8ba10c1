import { parisDate, type OperationInput, type SiteInput } from '@vigie/domain';
import type { Executor } from '../../platform/db/database.js';
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
    db.selectFrom('sites').select(['id', 'code', 'name', 'aliases', 'area_id']).execute(),
    db.selectFrom('taxonomy_terms').select(['kind', 'code', 'label_fr', 'label_en']).orderBy('kind').orderBy('sort').orderBy('code').execute(),
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
  const tallies = evictions.flatMap(({ input }) => [
    ...input.seized.map((t) => ({ kind: 'seized', ...t })), ...input.destroyed.map((t) => ({ kind: 'destroyed', ...t })),
  ].map((t) => ({ eviction_id: input.id, organisation_id: organisationId, kind: t.kind, term: t.term, n: t.n, at_least: t.atLeast })));
  await inBatches(tallies, (batch) => db.insertInto('eviction_tallies').values(batch).execute());
}

export async function insertVersions(db: Executor, organisationId: string, userId: string, versions: Array<{ entityType: string; entityId: string; data: unknown }>) {
  await inBatches(versions, (batch) => db.insertInto('record_versions').values(batch.map((v) => ({
    organisation_id: organisationId, entity_type: v.entityType, entity_id: v.entityId, version: 1, data: JSON.stringify(v.data), changed_by: userId,
  }))).execute());
}

export type ExportFilters = { from?: string; to?: string; area?: string; status: string };
export type ExportCursor = { arrivedAt: Date; id: string } | null;

/** One page of evictions to export, in time order, after `cursor` (keyset: constant cost per page). */
export async function exportPage(db: Executor, f: ExportFilters, cursor: ExportCursor, limit: number) {
  let q = db.selectFrom('evictions as e')
    .innerJoin('sites as s', 's.id', 'e.site_id')
    .innerJoin('operations as o', 'o.id', 'e.operation_id')
    .innerJoin('areas as a', 'a.id', 'o.area_id')
    .selectAll('e')
    .select(['s.code as site_code', 's.name as site_name', 's.commune_insee', 'a.code as area_code'])
    .where('e.deleted_at', 'is', null).where('e.merged_into', 'is', null);
  if (f.status !== 'all') q = q.where('e.status', '=', f.status);
  if (f.from) q = q.where('e.date', '>=', f.from);
  if (f.to) q = q.where('e.date', '<=', f.to);
  if (f.area) q = q.where('a.code', '=', f.area);
  if (cursor) {
    q = q.where((eb) => eb.or([
      eb('e.arrived_at', '>', cursor.arrivedAt),
      eb.and([eb('e.arrived_at', '=', cursor.arrivedAt), eb('e.id', '>', cursor.id)]),
    ]));
  }
  return q.orderBy('e.arrived_at').orderBy('e.id').limit(limit).execute();
}
