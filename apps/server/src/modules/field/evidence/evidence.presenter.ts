import { canSeeUnverifiedOf, type EvidenceKind, type EvidenceView } from '@vigie/domain';
import type { Actor } from '../../../platform/http/request-context.js';
import type { EvidenceRow } from './evidence.table.js';

/**
 * An evidence record as `actor` may see it: where and how it was taken (GPS, EXIF) only for its
 * author, those who verify and the legal pole (canSeeUnverifiedOf); comms and other observers get the
 * record without its location.
 */
export function presentEvidence(e: EvidenceRow, actor: Pick<Actor, 'roles' | 'userId'>): EvidenceView {
  const located = canSeeUnverifiedOf(actor.roles, actor.userId, e.author_id);
  return {
    id: e.id,
    evictionId: e.eviction_id,
    incidentId: e.incident_id,
    kind: e.kind as EvidenceKind,
    declaredType: e.declared_type,
    detectedType: e.detected_type,
    originalName: e.original_name,
    sizeBytes: e.size_bytes,
    sha256Device: e.sha256_device,
    sha256Received: e.sha256_received,
    capturedAt: e.captured_at?.toISOString() ?? null,
    receivedAt: e.received_at?.toISOString() ?? null,
    gps: located && e.latitude !== null && e.longitude !== null ? { latitude: e.latitude, longitude: e.longitude, altitude: e.altitude } : null,
    exif: located ? (e.exif as EvidenceView['exif']) ?? null : null,
    authorId: e.author_id,
    status: e.status,
    rejectionReason: e.rejection_reason,
    uploadOffset: e.upload_offset,
    hasPublicCopy: e.public_copy_key !== null,
    publicCopyPending: e.public_copy_pending,
    publicCopyFailedAt: e.public_copy_failed_at?.toISOString() ?? null,
    publicCopySha256: e.public_copy_sha256,
    credit: e.credit,
    createdAt: e.created_at.toISOString(),
  };
}

/** What the chain of custody records about a file: who, when, which bytes. Never the location. */
export function custodyRecord(e: EvidenceRow) {
  return {
    authorId: e.author_id, kind: e.kind, declaredType: e.declared_type, detectedType: e.detected_type,
    originalName: e.original_name, sizeBytes: e.size_bytes, sha256Device: e.sha256_device,
    sha256Received: e.sha256_received, receivedAt: e.received_at?.toISOString() ?? null,
    capturedAt: e.captured_at?.toISOString() ?? null, status: e.status, rejectionReason: e.rejection_reason,
    publicCopySha256: e.public_copy_sha256,
  };
}
