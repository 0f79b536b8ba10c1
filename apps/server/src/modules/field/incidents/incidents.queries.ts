import { evictionIdsInScope, scopedAreaIds, type PullScope } from '../sync/pull-scope.js';
import { visibleEviction, type RecordReader } from '../evictions/eviction-visibility.js';
import { visibleOutsideIncident } from './incident-visibility.js';
import { sql, type Insertable, type Updateable } from 'kysely';
import type { Executor } from '../../../platform/db/database.js';
import type { IncidentsTable } from '../../../platform/db/schema.js';

/** A victim as the phone knows them: a pseudonym and an age bracket, never an identity. */
export async function findPseudonymousPerson(db: Executor, id: string) {
  return db.selectFrom('persons').select(['id', 'pseudonym', 'minor', 'created_by']).where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function insertPseudonymousPerson(db: Executor, p: { id: string; organisationId: string; pseudonym: string; minor: boolean | null; createdBy: string }) {
  await db.insertInto('persons').values({ id: p.id, organisation_id: p.organisationId, pseudonym: p.pseudonym, minor: p.minor, created_by: p.createdBy }).execute();
}

export async function updatePseudonymousPerson(db: Executor, p: { id: string; pseudonym: string; minor: boolean | null }) {
  await db.updateTable('persons').set({ pseudonym: p.pseudonym, minor: p.minor }).where('id', '=', p.id).execute();
}

export async function findIncidentForUpdate(db: Executor, id: string) {
  return db.selectFrom('incidents').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function insertIncident(db: Executor, row: Insertable<IncidentsTable>) {
  await db.insertInto('incidents').values(row).execute();
}

export async function updateIncident(db: Executor, id: string, changes: Updateable<IncidentsTable>) {
  await db.updateTable('incidents').set(changes).where('id', '=', id).execute();
}

/** One live incident (its page). */
export async function findIncident(db: Executor, id: string) {
  return db.selectFrom('incidents').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
}

export async function listIncidentsOfEviction(db: Executor, evictionId: string) {
  return db.selectFrom('incidents').selectAll().where('eviction_id', '=', evictionId).where('deleted_at', 'is', null)
    .orderBy('occurred_at').orderBy('id').limit(500).execute();
}

/** Pseudonyms and age brackets only: the identity column is the persons module's, behind identities.read. */
export async function pseudonymsOf(db: Executor, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('persons').select(['id', 'pseudonym', 'minor']).where('id', 'in', [...ids]).execute();
}

/** Evidence attached to each incident, by state (a photo still uploading is not yet evidence). */
export async function evidenceCountsOf(db: Executor, incidentIds: readonly string[]) {
  if (incidentIds.length === 0) return [];
  return db.selectFrom('evidence').select(['incident_id', 'status']).select((eb) => eb.fn.countAll<string>().as('n'))
    .where('incident_id', 'in', [...incidentIds]).groupBy(['incident_id', 'status']).execute();
}

/**
 * Incidents for a phone's pull: those of the evictions in scope, and the observer's own incidents
 * outside an eviction that a coordinator sent back (to be corrected, whatever their age): nothing
 * else outside an eviction, as a phone holds the minimum and a sent one leaves it once confirmed.
 */
export async function incidentsChangedSince(db: Executor, since: number, limit: number, scope: PullScope) {
  return db.selectFrom('incidents').selectAll().where('change_xid', '>=', since).where('deleted_at', 'is', null)
    .where((w) => w.or([
      w('eviction_id', 'in', evictionIdsInScope(db, scope)),
      w.and([
        w('eviction_id', 'is', null), w('created_by', '=', scope.userId), w('area_id', 'in', scopedAreaIds(scope)), w('status', '=', 'rejected'),
      ]),
    ]))
    .orderBy('change_xid').limit(limit).execute();
}

/** The area and, if any, the site of an incident outside an eviction (a site must be of that area). */
export async function areaByCode(db: Executor, code: string) {
  return db.selectFrom('areas').select(['id', 'code', 'name']).where('code', '=', code).executeTakeFirst();
}
export async function siteOfArea(db: Executor, areaId: string, siteId: string) {
  return db.selectFrom('sites').select(['id', 'code', 'name']).where('area_id', '=', areaId).where('id', '=', siteId)
    .where('merged_into', 'is', null).executeTakeFirst();
}
/** Area codes by id, for presenting incidents outside an eviction. */
export async function areaCodesOf(db: Executor, ids: readonly (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((x): x is string => x !== null))];
  if (wanted.length === 0) return new Map();
  return new Map((await db.selectFrom('areas').select(['id', 'code']).where('id', 'in', wanted).execute()).map((a) => [a.id, a.code]));
}
export async function placeOf(db: Executor, areaId: string, siteId: string | null) {
  const area = await db.selectFrom('areas').select(['id', 'code', 'name']).where('id', '=', areaId).executeTakeFirstOrThrow();
  const site = siteId ? await db.selectFrom('sites').select(['id', 'code', 'name']).where('id', '=', siteId).executeTakeFirst() : undefined;
  return { area, site: site ?? null };
}

export type OutsideIncidentFilter = { from?: string | undefined; to?: string | undefined; areaId?: string | undefined; status?: string | undefined };

/** Incidents outside an eviction the reader may see, newest first, with their area and site. */
export async function listOutsideIncidentRows(db: Executor, f: OutsideIncidentFilter, reader: RecordReader, limit: number) {
  let q = db.selectFrom('incidents as i').innerJoin('areas as a', 'a.id', 'i.area_id').leftJoin('sites as s', 's.id', 'i.site_id')
    .selectAll('i').select(['a.code as area_code', 'a.name as area_name', 's.code as site_code', 's.name as site_name'])
    .where('i.eviction_id', 'is', null).where('i.deleted_at', 'is', null).where(visibleOutsideIncident(reader, 'i'));
  if (f.from) q = q.where('i.eviction_date', '>=', f.from);
  if (f.to) q = q.where('i.eviction_date', '<=', f.to);
  if (f.areaId) q = q.where('i.area_id', '=', f.areaId);
  if (f.status) q = q.where('i.status', '=', f.status);
  return q.orderBy('i.occurred_at', 'desc').orderBy('i.id').limit(limit).execute();
}

/**
 * Incidents for the legal pole's picker: an eviction's with its site and day; one outside an
 * eviction with its own site or place and Paris day, seen on its own review state.
 */
export async function searchIncidentRows(db: Executor, f: { from?: string; to?: string; siteId?: string; incidentType?: string; pattern?: string }, limit: number, reader: RecordReader) {
  let q = db.selectFrom('incidents as i').leftJoin('evictions as e', 'e.id', 'i.eviction_id').leftJoin('sites as s', 's.id', 'i.site_id')
    .select(['i.id', 'i.eviction_id', 'i.kind', 'i.incident_type', 'i.occurred_at', 'i.description', 'i.place', 'i.site_id', 's.code as site_code', 's.name as site_name'])
    .select(sql<string>`coalesce(e.status, i.status)`.as('status'))
    .where('i.deleted_at', 'is', null)
    .where((eb) => eb.or([
      eb.and([eb('i.eviction_id', 'is not', null), eb('e.deleted_at', 'is', null), visibleEviction(reader, 'e')]),
      eb.and([eb('i.eviction_id', 'is', null), visibleOutsideIncident(reader, 'i')]),
    ]));
  // The incident's day and site are its eviction's copies (its own outside an eviction: migration 16d-01).
  if (f.from) q = q.where('i.eviction_date', '>=', f.from);
  if (f.to) q = q.where('i.eviction_date', '<=', f.to);
  if (f.siteId) q = q.where('i.site_id', '=', f.siteId);
  if (f.incidentType) q = q.where('i.incident_type', '=', f.incidentType);
  if (f.pattern) q = q.where((eb) => eb.or([eb('i.description', 'ilike', f.pattern!), eb('i.place', 'ilike', f.pattern!), eb('s.code', 'ilike', f.pattern!), eb('s.name', 'ilike', f.pattern!)]));
  return q.orderBy('i.occurred_at', 'desc').limit(limit).execute();
}

/** Incidents naming any of these persons on evictions the reader may see, newest first (where a party appears). */
export async function incidentsNamingRows(db: Executor, personIds: readonly string[], reader: RecordReader) {
  if (personIds.length === 0) return [];
  return db.selectFrom('incidents as i').innerJoin('evictions as e', 'e.id', 'i.eviction_id').leftJoin('sites as s', 's.id', 'e.site_id')
    .select(['i.id', 'e.id as eviction_id', 'i.occurred_at', 'i.person_ids', 'e.site_id', 's.code as site_code', 's.name as site_name'])
    .where(sql<boolean>`i.person_ids && ${sql.val([...personIds])}::uuid[]`)
    .where('i.deleted_at', 'is', null).where('e.deleted_at', 'is', null).where(visibleEviction(reader, 'e'))
    .orderBy('i.occurred_at', 'desc').limit(2000).execute();
}

/** An incident outside an eviction with what a witness statement states: its area, its site and commune, or its place in words. */
export async function findOutsideIncidentFacts(db: Executor, id: string) {
  return db.selectFrom('incidents as i').innerJoin('areas as a', 'a.id', 'i.area_id').leftJoin('sites as s', 's.id', 'i.site_id')
    .leftJoin('communes as c', 'c.insee_code', 's.commune_insee')
    .select(['i.id', 'i.kind', 'i.incident_type', 'i.occurred_at', 'i.unit', 'i.description', 'i.person_ids', 'i.place', 'i.created_by',
      'a.name as area_name', 's.code as site_code', 's.name as site_name', 's.commune_insee', 'c.name as commune_name'])
    .where('i.id', '=', id).where('i.eviction_id', 'is', null).where('i.deleted_at', 'is', null)
    .executeTakeFirst();
}

/** How many of these persons are recorded as minors (a statement counts the persons concerned, never names them). */
export async function minorsAmong(db: Executor, ids: readonly string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const row = await db.selectFrom('persons').select((eb) => eb.fn.countAll<string>().as('n')).where('id', 'in', [...ids]).where('minor', '=', true).executeTakeFirst();
  return Number(row?.n ?? 0);
}
