import type { EvictionRowView, EvictionStatus, EvictionView } from '@vigie/domain';
import { evictionInputFromRow, type EvictionRow, type Tallies } from './evictions.mapping.js';

/** The whitelist of what leaves the server about an eviction (its domain view). */
export function presentEviction(r: EvictionRow, tallies: Tallies): EvictionView {
  return {
    ...evictionInputFromRow(r, tallies),
    version: r.version,
    status: r.status as EvictionStatus,
    rejectionReason: r.rejection_reason,
    date: r.date,
    createdBy: r.created_by,
    updatedAt: r.updated_at.toISOString(),
    mergedInto: r.merged_into,
  };
}

/** An eviction as a full row beside others: with its site and its author's name. */
export function presentEvictionRow(
  r: EvictionRow, tallies: Tallies, site: { id: string; code: string; name: string } | undefined, authorName: string | null,
): EvictionRowView {
  return { ...presentEviction(r, tallies), site: site ?? { id: r.site_id, code: '?', name: '' }, createdByName: authorName };
}
