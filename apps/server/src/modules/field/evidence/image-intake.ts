import { createReadStream } from 'node:fs';
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { AppContext } from '../../../platform/context.js';
import { fileEncryptor } from '../../../platform/crypto/file-cipher.js';
import { sha256Hex } from '../../../platform/crypto/tokens.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import type { ObjectStorage } from '../../../platform/storage/object-storage.js';
import { sha256OfFile } from './evidence.intake.js';
import { detectType, imageDimensions, makePublicCopy } from './evidence.media.js';

/**
 * The file intake's entry for a picture other modules publish (a social post's image): the same
 * checks and storage as an evidence photo, in the same order — size, real type read from the
 * bytes (never the name or the header the browser sent), pixel dimensions read from the header
 * before any decoding, the original encrypted at rest with its own key, and a publication copy
 * re-encoded by sharp with no metadata block. The caller writes its row and, if that fails,
 * calls `discardImage` so nothing is left in storage.
 */
export const PUBLISHABLE_IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export const PUBLISHABLE_IMAGE_MAX_BYTES = 15 * 1024 * 1024;

export type TakenImage = {
  sha256: string; detectedType: string; sizeBytes: number; width: number; height: number;
  iv: string; tag: string; originalKey: string; publicCopyKey: string; publicCopySha256: string;
};

/** `keyBase` is chosen by the caller (e.g. `post-images/<org>/<id>`); `fileId` keys the encryption. */
export async function takeInImage(
  ctx: AppContext, storage: ObjectStorage, input: { fileId: string; keyBase: string; bytes: Buffer },
): Promise<TakenImage> {
  const { bytes, fileId } = input;
  if (bytes.length === 0) throw new AppError('image.empty');
  if (bytes.length > PUBLISHABLE_IMAGE_MAX_BYTES) throw new AppError('image.too_large', { maxMb: PUBLISHABLE_IMAGE_MAX_BYTES / 1024 / 1024 });
  const dir = join(ctx.config.dataDir, 'uploads');
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${randomUUID()}.image`);
  const copyPath = `${path}.public.jpg`;
  const stored: string[] = [];
  try {
    await writeFile(path, bytes, { mode: 0o600 });
    const detected = await detectType(path);
    if (!detected || !(PUBLISHABLE_IMAGE_TYPES as readonly string[]).includes(detected)) {
      throw new AppError('image.unsupported_type', { detected: detected ?? 'unknown' });
    }
    const size = await imageDimensions(path);
    const maxPixels = ctx.config.imageMaxPixels;
    if (!size) throw new AppError('image.undecodable');
    if (size.width * size.height > maxPixels) throw new AppError('image.too_many_pixels', { width: size.width, height: size.height, maxPixels });
    if (!(await makePublicCopy(path, copyPath, maxPixels))) throw new AppError('image.undecodable');

    const originalKey = `${input.keyBase}/original`;
    const publicCopyKey = `${input.keyBase}/public.jpg`;
    const { cipher, iv } = fileEncryptor(ctx.serverKey, fileId);
    const encrypted = Buffer.concat([cipher.update(bytes), cipher.final()]);
    await storage.put(originalKey, Readable.from([encrypted]), encrypted.length);
    stored.push(originalKey);
    const { size: copySize } = await stat(copyPath);
    const publicCopySha256 = await sha256OfFile(copyPath);
    await storage.put(publicCopyKey, createReadStream(copyPath), copySize);
    stored.push(publicCopyKey);
    return {
      sha256: sha256Hex(bytes), detectedType: detected, sizeBytes: bytes.length, width: size.width, height: size.height,
      iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), originalKey, publicCopyKey, publicCopySha256,
    };
  } catch (err) {
    await discardImage(storage, stored);
    throw err;
  } finally {
    await rm(path, { force: true });
    await rm(copyPath, { force: true });
  }
}

/** Removes what `takeInImage` stored, when the caller's row could not be written (compensation may repeat). */
export async function discardImage(storage: ObjectStorage, keys: string[]) {
  await Promise.all(keys.map((key) => storage.delete(key).catch(() => {})));
}
