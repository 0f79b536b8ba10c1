import type { Executor } from '../../../platform/db/database.js';
import { searchEvidenceRows } from './evidence.queries.js';

/** Stored evidence matching the legal pole's picker filters, as pickable rows (name, kind, incident type). */
export async function searchEvidence(db: Executor, f: Parameters<typeof searchEvidenceRows>[1], limit: number) {
  const rows = await searchEvidenceRows(db, f, limit);
  return rows.map((r) => ({
    target: 'evidence' as const, id: r.id, evictionId: r.eviction_id!, at: (r.captured_at ?? r.arrived_at).toISOString(), status: r.status,
    site: { id: r.site_id, code: r.site_code ?? '?', name: r.site_name ?? '' }, place: null,
    detail: `${r.kind}: ${r.original_name}${r.incident_type ? ` — ${r.incident_kind}:${r.incident_type}` : ''}`,
  }));
}
