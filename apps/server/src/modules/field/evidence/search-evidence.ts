import type { Executor } from '../../../platform/db/database.js';
import type { RecordReader } from '../evictions/eviction-visibility.js';
import { searchEvidenceRows } from './evidence.queries.js';

/**
 * Stored evidence matching the legal pole's picker filters, as pickable rows (name, kind, incident
 * type): taken at an eviction, or at an incident outside one (no eviction; its site or place).
 */
export async function searchEvidence(db: Executor, f: Parameters<typeof searchEvidenceRows>[1], limit: number, reader: RecordReader) {
  const rows = await searchEvidenceRows(db, f, limit, reader);
  return rows.map((r) => ({
    target: 'evidence' as const, id: r.id, evictionId: r.at_eviction_id, incidentId: r.incident_id,
    at: (r.captured_at ?? new Date(r.arrived_at)).toISOString(), status: r.status,
    site: r.site_id === null ? null : { id: r.site_id, code: r.site_code ?? '?', name: r.site_name ?? '' }, place: r.at_eviction_id === null ? r.place : null,
    detail: `${r.kind}: ${r.original_name}${r.incident_type ? ` — ${r.incident_kind}:${r.incident_type}` : ''}`,
  }));
}
