import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import type { AppContext } from '../../../platform/context.js';
import { recordAudit } from '../../../platform/audit/audit-trail.js';
import { fileDecryptor, fileEncryptor } from '../../../platform/crypto/file-cipher.js';
import { sha256Hex } from '../../../platform/crypto/tokens.js';
import type { Trx } from '../../../platform/db/database.js';
import { inOrganisation } from '../../../platform/db/organisation-scope.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import type { Actor } from '../../../platform/http/request-context.js';
import type { ObjectStorage } from '../../../platform/storage/object-storage.js';
import { findCase } from './cases.queries.js';
import { findVersion, insertDocument, insertVersion, lockDocument, nextVersion } from './documents.queries.js';
import { changeCaseFile } from './cases.service.js';

/**
 * Case documents (requête, mémoire, décision…), each upload a new version. Stored like evidence
 * originals: AES-256-GCM with a per-file key derived from the server key and the version id,
 * SHA-256 of the plaintext kept so a lawyer can tell which version was filed. The file is
 * stored first and the rows written after; if the rows fail, the stored file is removed.
 */
export const DOCUMENT_MAX_BYTES = 25 * 1024 * 1024;

export type DocumentUpload = { title?: string | undefined; documentId?: string | undefined; originalName: string; contentType: string };

export async function uploadCaseDocument(ctx: AppContext, storage: ObjectStorage, actor: Actor, caseId: string, upload: DocumentUpload, body: Buffer, ip: string) {
  if (body.length === 0) throw new AppError('legal_document.empty');
  if (body.length > DOCUMENT_MAX_BYTES) throw new AppError('legal_document.too_large', { maxMb: DOCUMENT_MAX_BYTES / 1024 / 1024 });
  // Checked before storing anything, and again under lock when the rows are written.
  await inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    if (!(await findCase(trx, caseId))) throw new AppError('legal_case.not_found');
    if (upload.documentId && !(await lockDocument(trx, caseId, upload.documentId))) throw new AppError('legal_case.item_not_found');
  });
  const versionId = randomUUID();
  const { cipher, iv } = fileEncryptor(ctx.serverKey, versionId);
  const encrypted = Buffer.concat([cipher.update(body), cipher.final()]);
  const key = `legal/${actor.organisationId}/${caseId}/${versionId}`;
  await storage.put(key, Readable.from([encrypted]), encrypted.length);
  try {
    return await changeCaseFile(ctx, actor, caseId, 'legal_case.document_uploaded', ip, async (trx: Trx) => {
      let documentId = upload.documentId;
      if (documentId) {
        if (!(await lockDocument(trx, caseId, documentId))) throw new AppError('legal_case.item_not_found');
      } else {
        documentId = (await insertDocument(trx, { organisationId: actor.organisationId, caseId, title: upload.title ?? upload.originalName, createdBy: actor.userId })).id;
      }
      const version = await nextVersion(trx, documentId);
      const sha256 = sha256Hex(body);
      await insertVersion(trx, {
        id: versionId, organisationId: actor.organisationId, documentId, version, originalName: upload.originalName, contentType: upload.contentType,
        sizeBytes: body.length, sha256, storageKey: key, iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), uploadedBy: actor.userId,
      });
      return { documentId, versionId, version, sha256, sizeBytes: body.length, originalName: upload.originalName };
    });
  } catch (err) {
    await storage.delete(key).catch(() => {});
    throw err;
  }
}

/** Decrypts a whole version (25 MiB at most) before sending, so an altered copy fails loudly instead of arriving truncated. */
export async function decryptVersion(ctx: AppContext, storage: ObjectStorage, row: { id: string; storage_key: string; encryption_iv: string; encryption_tag: string }) {
  const decipher = fileDecryptor(ctx.serverKey, row.id, Buffer.from(row.encryption_iv, 'base64'), Buffer.from(row.encryption_tag, 'base64'));
  const encrypted = await buffer(await storage.get(row.storage_key));
  return Buffer.concat([decipher.update(encrypted), decipher.final()]);
}

export async function readCaseDocument(ctx: AppContext, storage: ObjectStorage, actor: Actor, caseId: string, versionId: string, ip: string) {
  const row = await inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const found = await findVersion(trx, caseId, versionId);
    if (!found) throw new AppError('legal_case.item_not_found');
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'legal_case.document_read', entityType: 'legal_case', entityId: caseId,
      context: { ip, versionId, documentId: found.document_id, version: found.version },
    });
    return found;
  });
  return { row, bytes: await decryptVersion(ctx, storage, row) };
}
