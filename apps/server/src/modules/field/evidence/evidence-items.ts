import type { EvidenceItemView } from '@vigie/domain';
import type { Executor } from '../../../platform/db/database.js';
import { listEvidenceOfEviction } from './evidence.queries.js';

/**
 * The files of an eviction as its page lists them: name, kind, state and whether a publication
 * copy exists (the thumbnail). No hash, GPS or EXIF here: those travel with the original, whose
 * every read is audited (evidence.service readOriginal).
 */
export async function evidenceItemsOfEviction(db: Executor, evictionId: string): Promise<EvidenceItemView[]> {
  const rows = await listEvidenceOfEviction(db, evictionId);
  return rows.filter((e) => e.status !== 'uploading').map((e) => ({
    id: e.id, incidentId: e.incident_id, kind: e.kind, originalName: e.original_name, capturedAt: e.captured_at?.toISOString() ?? null,
    status: e.status, hasPublicCopy: e.public_copy_key !== null,
  }));
}
