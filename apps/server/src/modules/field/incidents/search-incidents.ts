import type { Executor } from '../../../platform/db/database.js';
import type { RecordReader } from '../evictions/eviction-visibility.js';
import { searchIncidentRows } from './incidents.queries.js';

/** Incidents matching the legal pole's picker filters (outside an eviction too, with their place), newest first, as pickable rows. */
export async function searchIncidents(db: Executor, f: { from?: string; to?: string; siteId?: string; incidentType?: string; pattern?: string }, limit: number, reader: RecordReader) {
  const rows = await searchIncidentRows(db, f, limit, reader);
  return rows.map((r) => ({
    target: 'incident' as const, id: r.id, evictionId: r.eviction_id, incidentId: r.id, at: r.occurred_at.toISOString(), status: r.status,
    site: r.site_id === null ? null : { id: r.site_id, code: r.site_code ?? '?', name: r.site_name ?? '' }, place: r.place, detail: `${r.kind}:${r.incident_type}${r.description ? ` — ${r.description}` : ''}`,
  }));
}
