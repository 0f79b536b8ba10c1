import type { Insertable, Updateable } from 'kysely';
import type { Executor } from '../../../platform/db/database.js';
import type { IncidentsTable } from '../../../platform/db/schema.js';

/** A victim as the phone knows them: a pseudonym and an age bracket, never an identity. */
export async function upsertPseudonymousPerson(db: Executor, p: { id: string; organisationId: string; pseudonym: string; minor: boolean | null }) {
  await db.insertInto('persons').values({ id: p.id, organisation_id: p.organisationId, pseudonym: p.pseudonym, minor: p.minor })
    .onConflict((oc) => oc.column('id').doUpdateSet({ pseudonym: p.pseudonym, minor: p.minor })).execute();
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

export async function incidentsChangedSince(db: Executor, since: number, limit: number) {
  return db.selectFrom('incidents').selectAll().where('change_xid', '>=', since).where('deleted_at', 'is', null)
    .orderBy('change_xid').limit(limit).execute();
}
