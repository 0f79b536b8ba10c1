import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { kindOfContent, matchesDeclaration, type EvidenceKind } from '@vigie/domain';
import type { AppContext } from '../../../platform/context.js';
import { recordAudit } from '../../../platform/audit/audit-trail.js';
import { fileEncryptor } from '../../../platform/crypto/file-cipher.js';
import { inOrganisation } from '../../../platform/db/organisation-scope.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import type { Actor } from '../../../platform/http/request-context.js';
import type { ObjectStorage } from '../../../platform/storage/object-storage.js';
import { detectType, imageDimensions, readMetadata } from './evidence.media.js';
import { enqueuePublicCopy } from './public-copy.job.js';
import { custodyRecord } from './evidence.presenter.js';
import { originalKey } from './evidence.files.js';
import { finishUpload } from './evidence.queries.js';
import type { EvidenceRow } from './evidence.table.js';

/**
 * What happens once the last byte of an upload has arrived, in this order: one pass over the
 * bytes that hashes them and encrypts them beside the upload, check the hash against the
 * phone's, check the real type, read the metadata, store the encrypted original, then mark the
 * row stored and write the chain of custody in one transaction — which also enqueues a photo's
 * publication copy (`public-copy.job.ts`: re-encoding is the heavy part, and the phone need not
 * wait for it). Any failure before that commit leaves nothing in storage.
 */
export { originalKey, publicCopyKey, sha256OfFile } from './evidence.files.js';

export async function completeUpload(
  ctx: AppContext, storage: ObjectStorage, actor: Actor, row: EvidenceRow, partPath: string, ip: string,
): Promise<EvidenceRow> {
  // Every kind is encrypted at rest the same way, whatever its size: streamed, never held whole;
  // the same read computes the hash, so the bytes are read once for both.
  const encrypted = await hashAndEncrypt(ctx, row, partPath);
  try {
    const received = encrypted.sha256;
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
    await storage.put(originalKey(row), createReadStream(encrypted.path), row.size_bytes);
    try {
      const done = await inOrganisation(ctx.db, row.organisation_id, async (trx) => {
        // Video, audio and documents get no automatic copy: stripping their metadata needs
        // re-encoding tools (ffmpeg, a PDF rewriter) we do not ship, and faces or voices in them
        // must be blurred by a person before anything is published anyway.
        const updated = await finishUpload(trx, row.id, {
          status: 'stored', kind, sha256_received: received, detected_type: detected, received_at: new Date(),
          storage_key: originalKey(row), encryption_iv: encrypted.iv, encryption_tag: encrypted.tag,
          public_copy_key: null, public_copy_sha256: null, public_copy_pending: kind === 'photo',
          exif: metadata.exif ? JSON.stringify(metadata.exif) : null,
          latitude: metadata.gps?.latitude ?? null, longitude: metadata.gps?.longitude ?? null, altitude: metadata.gps?.altitude ?? null,
          captured_at: row.captured_at ?? metadata.capturedAt,
        });
        if (!updated) throw new AppError('evidence.not_uploading', { status: 'unknown' });
        await recordAudit(trx, {
          organisationId: row.organisation_id, actorId: actor.userId, action: 'evidence.received', entityType: 'evidence',
          entityId: row.id, after: custodyRecord(updated), context: { ip, storageKey: updated.storage_key },
        });
        if (kind === 'photo') await enqueuePublicCopy(ctx.queue, trx, { organisationId: row.organisation_id, evidenceId: row.id });
        return updated;
      });
      await rm(partPath, { force: true });
      return done;
    } catch (err) {
      // Nothing half-saved: the original written before a failed commit is removed again.
      await storage.delete(originalKey(row)).catch(() => {});
      throw err;
    }
  } finally {
    await rm(encrypted.path, { force: true });
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

/** Hashes the upload and encrypts it into a file beside it, in one read; the caller removes that file. */
async function hashAndEncrypt(ctx: AppContext, row: EvidenceRow, partPath: string) {
  const path = `${partPath}.enc`;
  const hash = createHash('sha256');
  const { cipher, iv } = fileEncryptor(ctx.serverKey, row.id);
  const tee = new Transform({
    transform(chunk: Buffer, _enc, next) {
      hash.update(chunk);
      next(null, chunk);
    },
  });
  try {
    await pipeline(createReadStream(partPath), tee, cipher, createWriteStream(path, { mode: 0o600 }));
  } catch (err) {
    await rm(path, { force: true });
    throw err;
  }
  // GCM is a stream mode: the ciphertext is exactly as long as the original.
  return { path, sha256: hash.digest('hex'), iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64') };
}
