import { sql, type Insertable, type Updateable } from 'kysely';
import type { Executor } from '../../../platform/db/database.js';
import type { EvidenceRow, EvidenceTable } from './evidence.table.js';

export async function insertEvidence(db: Executor, row: Insertable<EvidenceTable>): Promise<EvidenceRow> {
  return db.insertInto('evidence').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findEvidence(db: Executor, id: string): Promise<EvidenceRow | undefined> {
  return db.selectFrom('evidence').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listEvidenceOfEviction(db: Executor, evictionId: string): Promise<EvidenceRow[]> {
  return db.selectFrom('evidence').selectAll().where('eviction_id', '=', evictionId).orderBy('created_at').limit(1000).execute();
}

export async function listEvidenceOfIncident(db: Executor, incidentId: string): Promise<EvidenceRow[]> {
  return db.selectFrom('evidence').selectAll().where('incident_id', '=', incidentId).orderBy('created_at').limit(1000).execute();
}

/** Moves the offset only if nobody else moved it meanwhile: the row is the truth on where to resume. */
export async function advanceOffset(db: Executor, id: string, from: number, to: number): Promise<boolean> {
  const res = await db.updateTable('evidence').set({ upload_offset: to })
    .where('id', '=', id).where('status', '=', 'uploading').where('upload_offset', '=', from).executeTakeFirst();
  return res.numUpdatedRows === 1n;
}

/** Ends an upload in 'stored' or 'rejected'; only an upload still in progress can end. */
export async function finishUpload(db: Executor, id: string, changes: Updateable<EvidenceTable>): Promise<EvidenceRow | undefined> {
  return db.updateTable('evidence').set(changes).where('id', '=', id).where('status', '=', 'uploading').returningAll().executeTakeFirst();
}

export async function findLiveEviction(db: Executor, id: string) {
  return db.selectFrom('evictions').select(['id']).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
}

export async function findLiveIncident(db: Executor, id: string) {
  return db.selectFrom('incidents').select(['id', 'eviction_id']).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
}

/**
 * Stored evidence for the legal pole's picker, with the eviction it was taken at (and its incident,
 * if any): filtered by the eviction's day, site and forces, the incident's type, or words.
 */
export async function searchEvidenceRows(db: Executor, f: {
  from?: string; to?: string; siteId?: string; corps?: string; incidentType?: string; pattern?: string;
}, limit: number) {
  let q = db.selectFrom('evidence as x').innerJoin('evictions as e', 'e.id', 'x.eviction_id').leftJoin('incidents as i', 'i.id', 'x.incident_id')
    .leftJoin('sites as s', 's.id', 'e.site_id')
    .select(['x.id', 'x.eviction_id', 'x.kind', 'x.original_name', 'x.captured_at', 'e.arrived_at', 'e.status', 'e.site_id', 's.code as site_code', 's.name as site_name',
      'i.kind as incident_kind', 'i.incident_type'])
    .where('x.status', '=', 'stored').where('e.deleted_at', 'is', null);
  if (f.from) q = q.where('e.date', '>=', f.from);
  if (f.to) q = q.where('e.date', '<=', f.to);
  if (f.siteId) q = q.where('e.site_id', '=', f.siteId);
  if (f.corps) q = q.where(sql<boolean>`e.forces @> ${JSON.stringify([{ corps: f.corps }])}::jsonb`);
  if (f.incidentType) q = q.where('i.incident_type', '=', f.incidentType);
  if (f.pattern) {
    q = q.where((eb) => eb.or([eb('x.original_name', 'ilike', f.pattern!), eb('s.code', 'ilike', f.pattern!), eb('s.name', 'ilike', f.pattern!), eb('i.description', 'ilike', f.pattern!)]));
  }
  return q.orderBy('e.arrived_at', 'desc').orderBy('x.captured_at').limit(limit).execute();
}
