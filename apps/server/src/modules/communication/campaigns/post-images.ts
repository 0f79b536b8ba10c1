import { randomUUID } from 'node:crypto';
import { buffer } from 'node:stream/consumers';
import type { PostImageView } from '@vigie/domain';
import type { AppContext } from '../../../platform/context.js';
import { recordAudit } from '../../../platform/audit/audit-trail.js';
import { sha256Hex } from '../../../platform/crypto/tokens.js';
import { inOrganisation } from '../../../platform/db/organisation-scope.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import type { Actor } from '../../../platform/http/request-context.js';
import type { ObjectStorage } from '../../../platform/storage/object-storage.js';
import { discardImage, takeInImage } from '../../field/evidence/image-intake.js';
import { findPostImage, insertPostImage } from './campaigns.queries.js';
import { postImageView } from './campaigns.presenter.js';

/**
 * An image uploaded for social posts (rather than a field photo): taken in by the file intake
 * (real type, size and pixel limits, original encrypted at rest, publication copy re-encoded
 * without metadata), then recorded with its alt text in one transaction; if that fails, what
 * the intake stored is removed. Only the publication copy is ever served back.
 */
export async function uploadPostImage(
  ctx: AppContext, storage: ObjectStorage, actor: Actor, upload: { name: string; alt: string }, bytes: Buffer, ip: string,
): Promise<PostImageView> {
  // Checked before the bytes are even looked at: an image without alt text is never kept.
  const alt = upload.alt.trim();
  if (alt === '') throw new AppError('campaign.alt_required');
  const id = randomUUID();
  const taken = await takeInImage(ctx, storage, { fileId: id, keyBase: `post-images/${actor.organisationId}/${id}`, bytes });
  try {
    return await inOrganisation(ctx.db, actor.organisationId, async (trx) => {
      const row = await insertPostImage(trx, {
        id, organisationId: actor.organisationId, originalName: upload.name, detectedType: taken.detectedType, sizeBytes: taken.sizeBytes,
        width: taken.width, height: taken.height, sha256: taken.sha256, storageKey: taken.originalKey, iv: taken.iv, tag: taken.tag,
        publicCopyKey: taken.publicCopyKey, publicCopySha256: taken.publicCopySha256, alt, uploadedBy: actor.userId,
      });
      await recordAudit(trx, {
        organisationId: actor.organisationId, actorId: actor.userId, action: 'social_post_image.uploaded', entityType: 'social_post_image', entityId: id,
        after: { sha256: taken.sha256, publicCopySha256: taken.publicCopySha256, type: taken.detectedType, width: taken.width, height: taken.height },
        context: { ip },
      });
      return postImageView(row);
    });
  } catch (err) {
    await discardImage(storage, [taken.originalKey, taken.publicCopyKey]);
    throw err;
  }
}

/** The publication copy's bytes (JPEG, no metadata), checked against the hash recorded at intake. */
export async function postImageCopy(ctx: AppContext, storage: ObjectStorage, actor: Actor, id: string) {
  const row = await inOrganisation(ctx.db, actor.organisationId, (trx) => findPostImage(trx, id));
  if (!row) throw new AppError('campaign.image_not_found');
  const bytes = await buffer(await storage.get(row.public_copy_key));
  if (sha256Hex(bytes) !== row.public_copy_sha256) throw new AppError('campaign.image_not_found');
  return { bytes, sha256: row.public_copy_sha256 };
}
