import type { AppContext } from '../../../platform/context.js';
import { inOrganisation } from '../../../platform/db/organisation-scope.js';
import { recordAudit } from '../../../platform/audit/audit-trail.js';
import { fileDecryptor } from '../../../platform/crypto/file-cipher.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import type { Actor } from '../../../platform/http/request-context.js';
import { findFile } from './applications.queries.js';
import type { CvType } from './cv-file.js';

/** The media type of each accepted format, as found in the bytes (never from the name). */
const MEDIA_TYPES: Record<CvType, string> = {
  pdf: 'application/pdf', doc: 'application/msword', docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  odt: 'application/vnd.oasis.opendocument.text', pages: 'application/vnd.apple.pages',
};

/**
 * A candidate's CV or letter, decrypted for a recruiter (recruitment.manage, checked by the
 * route). Every download is audited with the file's kind and fingerprint, not its name. The
 * file name is rebuilt from the detected type so a stored name cannot smuggle a header.
 */
export async function applicationFile(ctx: AppContext, actor: Actor, fileId: string, ip: string) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const file = await findFile(trx, fileId);
    if (!file) throw new AppError('application.file_not_found');
    const decipher = fileDecryptor(ctx.serverKey, file.id, file.iv, file.tag);
    const bytes = Buffer.concat([decipher.update(file.ciphertext), decipher.final()]);
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'application.file_downloaded', entityType: 'job_application', entityId: file.application_id,
      context: { ip, fileId, kind: file.kind, type: file.detected_type, sha256: file.sha256 },
    });
    const type = file.detected_type as CvType;
    const base = file.original_name.replace(/\.[^.]*$/, '').normalize('NFD').replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || file.kind;
    return { bytes, mediaType: MEDIA_TYPES[type], fileName: `${base}.${type}` };
  });
}
