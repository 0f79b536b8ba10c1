import { sql, type Insertable, type Updateable } from 'kysely';
import type { Executor } from '../../../platform/db/database.js';
import type { EvidenceRow, EvidenceTable } from './evidence.table.js';
import { visibleEviction, type RecordReader } from '../evictions/eviction-visibility.js';
import { visibleOutsideIncident } from '../incidents/incident-visibility.js';

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
 * Stored evidence for the legal pole's picker, with where it was taken: at an eviction (and its
 * incident, if any), or at an incident outside an eviction (its own day, site or place, and review
 * state: migration 16d-01). Filtered by the day, the site, the eviction's forces, the incident's
 * type, or words; only what the reader may see (the eviction's rule, or the incident's own).
 */
export async function searchEvidenceRows(db: Executor, f: {
  from?: string; to?: string; siteId?: string; corps?: string; incidentType?: string; pattern?: string;
}, limit: number, reader: RecordReader) {
  let q = db.selectFrom('evidence as x').leftJoin('incidents as i', 'i.id', 'x.incident_id')
    .leftJoin('evictions as e', (j) => j.on(sql<boolean>`e.id = coalesce(x.eviction_id, i.eviction_id)`))
    .leftJoin('sites as s', (j) => j.on(sql<boolean>`s.id = coalesce(e.site_id, i.site_id)`))
    .select(['x.id', 'x.eviction_id', 'x.incident_id', 'x.kind', 'x.original_name', 'x.captured_at', 's.code as site_code', 's.name as site_name',
      'i.kind as incident_kind', 'i.incident_type', 'i.place'])
    .select([
      sql<string | null>`coalesce(e.id, x.eviction_id)`.as('at_eviction_id'),
      sql<Date>`coalesce(e.arrived_at, i.occurred_at)`.as('arrived_at'),
      sql<string>`coalesce(e.status, i.status)`.as('status'),
      sql<string | null>`coalesce(e.site_id, i.site_id)`.as('site_id'),
    ])
    .where('x.status', '=', 'stored')
    .where((eb) => eb.or([
      eb.and([eb('e.id', 'is not', null), eb('e.deleted_at', 'is', null), visibleEviction(reader, 'e')]),
      eb.and([eb('e.id', 'is', null), eb('i.eviction_id', 'is', null), eb('i.deleted_at', 'is', null), visibleOutsideIncident(reader, 'i')]),
    ]));
  // An eviction's day, or the incident's own Paris day outside one (its statistics copy).
  const day = sql<string>`coalesce(e.date, i.eviction_date)`;
  if (f.from) q = q.where(day, '>=', f.from);
  if (f.to) q = q.where(day, '<=', f.to);
  if (f.siteId) q = q.where(sql<string>`coalesce(e.site_id, i.site_id)`, '=', f.siteId);
  if (f.corps) q = q.where(sql<boolean>`e.forces @> ${JSON.stringify([{ corps: f.corps }])}::jsonb`);
  if (f.incidentType) q = q.where('i.incident_type', '=', f.incidentType);
  if (f.pattern) {
    q = q.where((eb) => eb.or([eb('x.original_name', 'ilike', f.pattern!), eb('s.code', 'ilike', f.pattern!), eb('s.name', 'ilike', f.pattern!),
      eb('i.description', 'ilike', f.pattern!), eb('i.place', 'ilike', f.pattern!)]));
  }
  return q.orderBy(sql`coalesce(e.arrived_at, i.occurred_at)`, 'desc').orderBy('x.captured_at').limit(limit).execute();
}

/** Photos whose publication copy failed its last try, latest first (the review page's list). */
export async function listFailedPublicCopies(db: Executor): Promise<EvidenceRow[]> {
  return db.selectFrom('evidence').selectAll().where('public_copy_failed_at', 'is not', null)
    .orderBy('public_copy_failed_at', 'desc').limit(500).execute();
}

/** Puts a failed copy back in preparation; undefined when it had not failed (or another try won). */
export async function reopenFailedPublicCopy(db: Executor, id: string): Promise<EvidenceRow | undefined> {
  return db.updateTable('evidence').set({ public_copy_pending: true, public_copy_failed_at: null })
    .where('id', '=', id).where('public_copy_failed_at', 'is not', null).returningAll().executeTakeFirst();
}
