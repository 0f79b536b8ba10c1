import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { kindOfContent, matchesDeclaration, type EvidenceKind } from '@vigie/domain';
import type { AppContext } from '../../../platform/context.js';
import { recordAudit } from '../../../platform/audit/audit-trail.js';
import { fileEncryptor } from '../../../platform/crypto/file-cipher.js';
import { inOrganisation } from '../../../platform/db/organisation-scope.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import type { Actor } from '../../../platform/http/request-context.js';
import type { ObjectStorage } from '../../../platform/storage/object-storage.js';
import { detectType, imageDimensions, makePublicCopy, readMetadata } from './evidence.media.js';
import { custodyRecord } from './evidence.presenter.js';
import { finishUpload } from './evidence.queries.js';
import type { EvidenceRow } from './evidence.table.js';

/**
 * What happens once the last byte of an upload has arrived, in this order: check the bytes
 * against the phone's hash, check the real type, read the metadata, store the encrypted
 * original (and a clean copy of a photo), then mark the row stored and write the chain of
 * custody in one transaction. Any failure before that commit leaves nothing in storage.
 */
export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
}

export const originalKey = (e: EvidenceRow) => `originals/${e.organisation_id}/${e.id}`;
export const publicCopyKey = (e: EvidenceRow) => `public/${e.organisation_id}/${e.id}.jpg`;

export async function completeUpload(
  ctx: AppContext, storage: ObjectStorage, actor: Actor, row: EvidenceRow, partPath: string, ip: string,
): Promise<EvidenceRow> {
  const received = await sha256OfFile(partPath);
  if (received !== row.sha256_device) {
    await reject(ctx, actor, row, partPath, ip, { rejection_reason: 'hash_mismatch', sha256_received: received });
    throw new AppError('evidence.hash_mismatch', { expected: row.sha256_device, received });
  }
  const detected = await detectType(partPath);
  // The declaration (from the file's name or the phone's type) was checked against the kinds'
  // allowed types when the upload began; here the bytes must be what it said: a program renamed
  // "ordonnance.pdf" is refused and nothing is kept.
  if (!matchesDeclaration(row.declared_type, detected)) {
    await reject(ctx, actor, row, partPath, ip, { rejection_reason: 'type_mismatch', sha256_received: received, detected_type: detected });
    throw new AppError('evidence.type_mismatch', { declared: row.declared_type, detected: detected ?? 'unknown', name: row.original_name });
  }
  const kind = kindOfContent(row.declared_type, detected!) ?? (row.kind as EvidenceKind);
  if (kind === 'photo' || detected?.startsWith('image/')) {
    const size = await imageDimensions(partPath);
    const maxPixels = ctx.config.imageMaxPixels;
    if (size && size.width * size.height > maxPixels) {
      await reject(ctx, actor, row, partPath, ip, { rejection_reason: 'too_many_pixels', sha256_received: received, detected_type: detected });
      throw new AppError('image.too_many_pixels', { width: size.width, height: size.height, maxPixels });
    }
  }
  const metadata = await readMetadata(partPath, kind);
  const stored: string[] = [];
  try {
    // Every kind is encrypted at rest the same way, whatever its size: streamed, never held whole.
    const { iv, tag } = await storeEncrypted(ctx, storage, row, partPath);
    stored.push(originalKey(row));
    // Video, audio and documents get no automatic copy: stripping their metadata needs
    // re-encoding tools (ffmpeg, a PDF rewriter) we do not ship, and faces or voices in them
    // must be blurred by a person before anything is published anyway.
    const publicCopy = kind === 'photo' ? await storePublicCopy(storage, row, partPath, ctx.config.imageMaxPixels) : null;
    if (publicCopy) stored.push(publicCopyKey(row));
    const done = await inOrganisation(ctx.db, row.organisation_id, async (trx) => {
      const updated = await finishUpload(trx, row.id, {
        status: 'stored', kind, sha256_received: received, detected_type: detected, received_at: new Date(),
        storage_key: originalKey(row), encryption_iv: iv, encryption_tag: tag,
        public_copy_key: publicCopy ? publicCopyKey(row) : null, public_copy_sha256: publicCopy?.sha256 ?? null,
        exif: metadata.exif ? JSON.stringify(metadata.exif) : null,
        latitude: metadata.gps?.latitude ?? null, longitude: metadata.gps?.longitude ?? null, altitude: metadata.gps?.altitude ?? null,
        captured_at: row.captured_at ?? metadata.capturedAt,
      });
      if (!updated) throw new AppError('evidence.not_uploading', { status: 'unknown' });
      await recordAudit(trx, {
        organisationId: row.organisation_id, actorId: actor.userId, action: 'evidence.received', entityType: 'evidence',
        entityId: row.id, after: custodyRecord(updated), context: { ip, storageKey: updated.storage_key },
      });
      return updated;
    });
    await rm(partPath, { force: true });
    return done;
  } catch (err) {
    // Nothing half-saved: objects written before a failed commit are removed again.
    await Promise.all(stored.map((key) => storage.delete(key).catch(() => {})));
    throw err;
  }
}

async function reject(
  ctx: AppContext, actor: Actor, row: EvidenceRow, partPath: string, ip: string,
  changes: { rejection_reason: 'hash_mismatch' | 'type_mismatch' | 'too_many_pixels'; sha256_received: string; detected_type?: string | null },
) {
  await inOrganisation(ctx.db, row.organisation_id, async (trx) => {
    const updated = await finishUpload(trx, row.id, { status: 'rejected', received_at: new Date(), ...changes });
    if (!updated) return;
    // Refusals are part of the custody record too: the device's hash and what arrived instead.
    await recordAudit(trx, {
      organisationId: row.organisation_id, actorId: actor.userId, action: 'evidence.rejected', entityType: 'evidence',
      entityId: row.id, after: custodyRecord(updated), context: { ip },
    });
  });
  await rm(partPath, { force: true });
}

/** Encrypts into a file beside the upload, then hands that file to storage with its exact size. */
async function storeEncrypted(ctx: AppContext, storage: ObjectStorage, row: EvidenceRow, partPath: string) {
  const encPath = `${partPath}.enc`;
  try {
    const { cipher, iv } = fileEncryptor(ctx.serverKey, row.id);
    await pipeline(createReadStream(partPath), cipher, createWriteStream(encPath, { mode: 0o600 }));
    const tag = cipher.getAuthTag();
    // GCM is a stream mode: the ciphertext is exactly as long as the original.
    await storage.put(originalKey(row), createReadStream(encPath), row.size_bytes);
    return { iv: iv.toString('base64'), tag: tag.toString('base64') };
  } finally {
    await rm(encPath, { force: true });
  }
}

async function storePublicCopy(storage: ObjectStorage, row: EvidenceRow, partPath: string, maxPixels: number) {
  const copyPath = `${partPath}.public.jpg`;
  try {
    if (!(await makePublicCopy(partPath, copyPath, maxPixels))) return null;
    const sha256 = await sha256OfFile(copyPath);
    const { size } = await stat(copyPath);
    await storage.put(publicCopyKey(row), createReadStream(copyPath), size);
    return { sha256 };
  } finally {
    await rm(copyPath, { force: true });
  }
}
