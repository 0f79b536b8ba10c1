import type { EvidenceItemView } from '@vigie/domain';
import type { Executor } from '../../../platform/db/database.js';
import { listEvidenceOfEviction, listEvidenceOfIncident } from './evidence.queries.js';
import type { EvidenceRow } from './evidence.table.js';

/**
 * The files of an eviction as its page lists them: name, kind, state and whether a publication
 * copy exists (the thumbnail). No hash, GPS or EXIF here: those travel with the original, whose
 * every read is audited (evidence.service readOriginal).
 */
export async function evidenceItemsOfEviction(db: Executor, evictionId: string): Promise<EvidenceItemView[]> {
  return itemsOf(await listEvidenceOfEviction(db, evictionId));
}

/** The files of an incident outside an eviction (they have no eviction to be listed with). */
export async function evidenceItemsOfIncident(db: Executor, incidentId: string): Promise<EvidenceItemView[]> {
  return itemsOf(await listEvidenceOfIncident(db, incidentId));
}

function itemsOf(rows: EvidenceRow[]): EvidenceItemView[] {
  return rows.filter((e) => e.status !== 'uploading').map((e) => ({
    id: e.id, incidentId: e.incident_id, kind: e.kind, originalName: e.original_name, capturedAt: e.captured_at?.toISOString() ?? null,
    status: e.status, hasPublicCopy: e.public_copy_key !== null, publicCopyPending: e.public_copy_pending, publicCopyFailed: e.public_copy_failed_at !== null, sizeBytes: e.size_bytes, detectedType: e.detected_type,
  }));
}
