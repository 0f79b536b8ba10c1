import type { Readable } from 'node:stream';
import { can, canonicalType, EVIDENCE_MAX_BYTES, kindOfType, type EvidenceCreate, type EvidenceKind } from '@vigie/domain';
import type { AppContext } from '../../../platform/context.js';
import { recordAudit } from '../../../platform/audit/audit-trail.js';
import { inOrganisation } from '../../../platform/db/organisation-scope.js';
import type { Trx } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import type { Actor } from '../../../platform/http/request-context.js';
import type { ObjectStorage } from '../../../platform/storage/object-storage.js';
import { ChunkTooLargeError, partLength, partPath, writeChunk } from './evidence.chunks.js';
import { completeUpload } from './evidence.intake.js';
import { isAllowedDeclaration } from './evidence.media.js';
import { custodyRecord, presentEvidence } from './evidence.presenter.js';
import { advanceOffset, findEvidence, findLiveEviction, findLiveIncident, insertEvidence, listEvidenceOfEviction } from './evidence.queries.js';
import type { EvidenceRow } from './evidence.table.js';
import { evictionVisibility, recordReader } from '../evictions/eviction-visibility.js';
import { outsideIncidentVisibility } from '../incidents/incident-lookup.js';

/** Each PATCH carries at most this much: a phone on a weak network resends little after a drop. */
export const CHUNK_MAX_BYTES = 8 * 1024 * 1024;

/** Who sees evidence records: the field pole, the legal pole, and comms (for photos to publish). */
function canSeeEvidence(actor: Actor) {
  return can(actor.roles, 'field.record') || can(actor.roles, 'identities.read') || can(actor.roles, 'comms.publish');
}

async function visibleEvidence(trx: Trx, actor: Actor, id: string): Promise<EvidenceRow> {
  const row = await findEvidence(trx, id);
  // Another organisation's evidence is invisible (row-level security): it does not exist here.
  if (!row) throw new AppError('evidence.not_found');
  if (!canSeeEvidence(actor)) throw new AppError('auth.forbidden');
  // A file follows its eviction: unverified, it is for its author and those who may open the eviction.
  if (row.author_id !== actor.userId && row.eviction_id && await evictionVisibility(trx, recordReader(actor), row.eviction_id) === 'hidden') {
    throw new AppError('eviction.unverified');
  }
  if (row.author_id !== actor.userId && !row.eviction_id && row.incident_id && await outsideIncidentVisibility(trx, recordReader(actor), row.incident_id) === 'hidden') {
    throw new AppError('incident.unverified');
  }
  return row;
}

/** The kind is left out: it follows the declared type, and the bytes may have corrected it since. */
function sameUpload(row: EvidenceRow, input: EvidenceCreate, actor: Actor, evictionId: string | null): boolean {
  return row.author_id === actor.userId && row.eviction_id === evictionId && row.incident_id === (input.incidentId ?? null)
    && row.declared_type === canonicalType(input.declaredType) && row.original_name === input.originalName
    && row.size_bytes === input.sizeBytes && row.sha256_device === input.sha256 && row.credit === (input.credit ?? null)
    && (row.captured_at?.getTime() ?? null) === (input.capturedAt ? new Date(input.capturedAt).getTime() : null);
}

/** The largest file of a kind: the domain's ceiling, lowered by the EVIDENCE_MAX_BYTES setting. */
export const maxBytesOf = (ctx: AppContext, kind: EvidenceKind) => Math.min(EVIDENCE_MAX_BYTES[kind], ctx.config.evidenceMaxBytes);

/**
 * Starts an upload, or answers again for one already started with the same content. The kind
 * is the declared type's (checked against the bytes when the last one arrives, evidence.intake.ts).
 */
export async function createUpload(ctx: AppContext, actor: Actor, input: EvidenceCreate, ip: string) {
  const kind = kindOfType(input.declaredType);
  if (kind === null || !isAllowedDeclaration(input.kind, input.declaredType)) {
    throw new AppError('evidence.type_not_allowed', { kind: input.kind ?? '', type: input.declaredType });
  }
  const maxBytes = maxBytesOf(ctx, kind);
  if (input.sizeBytes > maxBytes) throw new AppError('evidence.too_large', { maxBytes, maxMb: Math.floor(maxBytes / 1024 / 1024), kind });
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const evictionId = await targetEviction(trx, input);
    const existing = await findEvidence(trx, input.id);
    if (existing) {
      if (!sameUpload(existing, input, actor, evictionId)) throw new AppError('evidence.id_conflict');
      return { created: false, evidence: presentEvidence(existing, actor) };
    }
    const row = await insertEvidence(trx, {
      id: input.id, organisation_id: actor.organisationId, eviction_id: evictionId, incident_id: input.incidentId ?? null,
      kind, declared_type: canonicalType(input.declaredType), original_name: input.originalName,
      size_bytes: input.sizeBytes, sha256_device: input.sha256, captured_at: input.capturedAt ?? null,
      author_id: actor.userId, credit: input.credit ?? null,
    });
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'evidence.upload_started', entityType: 'evidence',
      entityId: row.id, after: custodyRecord(row), context: { ip },
    });
    return { created: true, evidence: presentEvidence(row, actor) };
  });
}

/**
 * Evidence of an incident is also listed with its eviction, so the eviction is recorded on both;
 * evidence of an incident outside an eviction has none.
 */
async function targetEviction(trx: Trx, input: EvidenceCreate): Promise<string | null> {
  if (input.incidentId) {
    const incident = await findLiveIncident(trx, input.incidentId);
    if (!incident || (input.evictionId && input.evictionId !== incident.eviction_id)) throw new AppError('evidence.unknown_target');
    return incident.eviction_id;
  }
  if (!(await findLiveEviction(trx, input.evictionId!))) throw new AppError('evidence.unknown_target');
  return input.evictionId!;
}

export async function uploadState(ctx: AppContext, actor: Actor, id: string) {
  return inOrganisation(ctx.db, actor.organisationId, (trx) => visibleEvidence(trx, actor, id));
}

/**
 * One upload at a time per file in this process. Part files live on this server's disk, so
 * uploads are served by one process (the data folder lock already guarantees that).
 */
const busy = new Set<string>();

export async function appendChunk(
  ctx: AppContext, storage: ObjectStorage, actor: Actor, id: string,
  chunk: { offset: number; length: number | undefined; body: Readable }, ip: string,
) {
  const { offset, body } = chunk;
  if (busy.has(id)) throw new AppError('evidence.upload_busy');
  busy.add(id);
  try {
    const row = await inOrganisation(ctx.db, actor.organisationId, (trx) => visibleEvidence(trx, actor, id));
    if (row.author_id !== actor.userId) throw new AppError('auth.forbidden');
    if (row.status !== 'uploading') throw new AppError('evidence.not_uploading', { status: row.status });
    const path = partPath(ctx.config.dataDir, id);
    const onDisk = await partLength(path);
    let current = row.upload_offset;
    if (current > 0 && (onDisk === null || onDisk < current)) {
      // The waiting bytes were lost on the server: the phone must send the file from the start.
      await inOrganisation(ctx.db, actor.organisationId, (trx) => advanceOffset(trx, id, current, 0));
      current = 0;
    }
    if (offset !== current) throw new AppError('evidence.offset_mismatch', { offset: current }, { 'upload-offset': String(current) });
    // A chunk announced longer than what is left is refused before a byte is written.
    if (chunk.length !== undefined && chunk.length > row.size_bytes - offset) {
      throw new AppError('evidence.chunk_too_large', { offset }, { 'upload-offset': String(offset) });
    }
    const { written, error } = await writeChunk(path, offset, body, Math.min(CHUNK_MAX_BYTES, row.size_bytes - offset));
    const now = offset + written;
    if (written > 0) {
      const moved = await inOrganisation(ctx.db, actor.organisationId, (trx) => advanceOffset(trx, id, offset, now));
      if (!moved) throw new AppError('evidence.upload_busy');
    }
    if (error instanceof ChunkTooLargeError) throw new AppError('evidence.chunk_too_large', { offset: now }, { 'upload-offset': String(now) });
    if (error) throw error;
    if (now < row.size_bytes) return { offset: now, evidence: presentEvidence({ ...row, upload_offset: now }, actor) };
    const stored = await completeUpload(ctx, storage, actor, { ...row, upload_offset: now }, path, ip);
    return { offset: now, evidence: presentEvidence(stored, actor) };
  } finally {
    busy.delete(id);
  }
}

export async function getEvidence(ctx: AppContext, actor: Actor, id: string) {
  return presentEvidence(await uploadState(ctx, actor, id), actor);
}

export async function listEvictionEvidence(ctx: AppContext, actor: Actor, evictionId: string) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const visibility = await evictionVisibility(trx, recordReader(actor), evictionId);
    if (visibility === 'missing') throw new AppError('eviction.not_found');
    if (!canSeeEvidence(actor)) throw new AppError('auth.forbidden');
    if (visibility === 'hidden') throw new AppError('eviction.unverified');
    return (await listEvidenceOfEviction(trx, evictionId)).map((e) => presentEvidence(e, actor));
  });
}

/**
 * The original is for the legal pole and for the person who filmed it. The read is written
 * to the audit trail before a byte leaves: if the entry cannot be written, nothing is sent.
 */
export async function readOriginal(ctx: AppContext, storage: ObjectStorage, actor: Actor, id: string, ip: string) {
  const row = await inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const found = await visibleEvidence(trx, actor, id);
    if (!can(actor.roles, 'identities.read') && found.author_id !== actor.userId) throw new AppError('auth.forbidden');
    if (found.status !== 'stored') throw new AppError('evidence.not_found');
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'evidence.original_read', entityType: 'evidence',
      entityId: id, context: { ip, sha256: found.sha256_received },
    });
    return found;
  });
  return { row, stream: await storage.get(row.storage_key!) };
}

export async function readPublicCopy(ctx: AppContext, storage: ObjectStorage, actor: Actor, id: string) {
  const row = await uploadState(ctx, actor, id);
  // Never the original instead: its EXIF holds the GPS position.
  if (row.public_copy_pending) throw new AppError('evidence.public_copy_pending');
  if (row.public_copy_failed_at) throw new AppError('evidence.public_copy_failed');
  if (!row.public_copy_key) throw new AppError('evidence.no_public_copy');
  return { row, stream: await storage.get(row.public_copy_key) };
}
