import type { Executor } from '../../../platform/db/database.js';
import type { RecordReader } from '../evictions/eviction-visibility.js';
import { findIncident, incidentsNamingRows, visibleOutsideIncident } from './incidents.queries.js';

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
