import type { Executor } from '../../../platform/db/database.js';
import type { RecordReader } from '../evictions/eviction-visibility.js';
import { findIncident, findOutsideIncidentFacts, incidentsNamingRows, minorsAmong } from './incidents.queries.js';
import { visibleOutsideIncident } from './incident-visibility.js';

/**
 * The incident as other modules need it (a case opened from an incident links it and its
 * eviction; the party picker shows where a person appears): they ask here rather than reading the
 * incidents table themselves.
 */
export async function lookupIncident(db: Executor, id: string): Promise<{ id: string; evictionId: string | null } | null> {
  const row = await findIncident(db, id);
  return row ? { id: row.id, evictionId: row.eviction_id } : null;
}

export type Appearance = { incidentId: string; evictionId: string; at: string; site: { id: string; code: string; name: string } };

/** For each person, the incidents naming them that the reader may see, newest first. */
export async function appearancesOf(db: Executor, personIds: readonly string[], reader: RecordReader): Promise<Map<string, Appearance[]>> {
  const byPerson = new Map<string, Appearance[]>();
  const wanted = new Set(personIds);
  for (const r of await incidentsNamingRows(db, personIds, reader)) {
    const appearance = {
      incidentId: r.id, evictionId: r.eviction_id, at: r.occurred_at.toISOString(),
      site: { id: r.site_id, code: r.site_code ?? '?', name: r.site_name ?? '' },
    };
    for (const p of r.person_ids) if (wanted.has(p)) byPerson.set(p, [...(byPerson.get(p) ?? []), appearance]);
  }
  return byPerson;
}

/**
 * Whether this reader may open an incident outside an eviction (its files follow it as an
 * eviction's files follow their eviction): 'hidden' when unverified and not theirs to see.
 */
export async function outsideIncidentVisibility(db: Executor, reader: RecordReader, id: string): Promise<'missing' | 'hidden' | 'visible'> {
  const row = await db.selectFrom('incidents as i').select(visibleOutsideIncident(reader, 'i').as('visible'))
    .where('i.id', '=', id).where('i.eviction_id', 'is', null).where('i.deleted_at', 'is', null).executeTakeFirst();
  if (!row) return 'missing';
  return row.visible ? 'visible' : 'hidden';
}

export type OutsideIncidentFacts = {
  id: string; kind: string; incidentType: string; occurredAt: Date; unit: string | null; description: string | null;
  createdBy: string; persons: number; minors: number;
  area: string; site: { code: string; name: string } | null; place: string | null; commune: { insee: string; name: string | null } | null;
};

/**
 * What a witness statement about an incident outside an eviction states (legal/witness): its time,
 * area, site or place, nature, unit and description, and how many persons it concerned (never who).
 * Null when there is no such live incident outside an eviction.
 */
export async function outsideIncidentFacts(db: Executor, id: string): Promise<OutsideIncidentFacts | null> {
  const r = await findOutsideIncidentFacts(db, id);
  if (!r) return null;
  return {
    id: r.id, kind: r.kind, incidentType: r.incident_type, occurredAt: r.occurred_at, unit: r.unit, description: r.description,
    createdBy: r.created_by, persons: r.person_ids.length, minors: await minorsAmong(db, r.person_ids),
    area: r.area_name, site: r.site_code ? { code: r.site_code, name: r.site_name ?? '' } : null, place: r.place,
    commune: r.commune_insee ? { insee: r.commune_insee, name: r.commune_name } : null,
  };
}
