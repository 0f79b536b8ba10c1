import { randomBytes, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { checkProfile, type AgreementCreate } from '@vigie/domain';
import type { AppContext } from '../../../platform/context.js';
import { contactForResearchRecipient } from '../contacts/research-recipients.js';
import { recordAudit } from '../../../platform/audit/audit-trail.js';
import { fileDecryptor, fileEncryptor } from '../../../platform/crypto/file-cipher.js';
import { sha256Hex } from '../../../platform/crypto/tokens.js';
import { inOrganisation } from '../../../platform/db/organisation-scope.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import type { Actor } from '../../../platform/http/request-context.js';
import type { ObjectStorage } from '../../../platform/storage/object-storage.js';
import { buffer } from 'node:stream/consumers';
import { presentAgreement } from './research.presenter.js';
import { findAgreement, insertAgreement, listAgreements, setAgreementDocument, setAgreementContact } from './research.queries.js';

/**
 * Data-sharing agreements: who receives data, for what, until when, and how detailed it may be.
 * The signed agreement is stored like evidence originals (AES-256-GCM, per-file key from the
 * server key, SHA-256 of the plaintext kept). Every release belongs to one agreement.
 */
export const AGREEMENT_DOCUMENT_MAX_BYTES = 25 * 1024 * 1024;

export async function createAgreement(ctx: AppContext, actor: Actor, input: AgreementCreate, ip: string) {
  if (input.endsOn < input.startsOn) throw new AppError('research.period_reversed');
  // The grant is checked with the profile rules: no free text, no identities, only known counts.
  const problem = checkProfile({ dateLevel: input.finestDate, placeLevel: input.finestPlace, measures: input.measures, k: 5, hxl: false });
  if (problem) throw new AppError(problem.code, 'field' in problem ? { field: problem.field } : {});
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const row = await insertAgreement(trx, {
      id: randomUUID(), organisationId: actor.organisationId, recipientName: input.recipientName, recipientEmail: input.recipientEmail,
      institution: input.institution, purpose: input.purpose, startsOn: input.startsOn, endsOn: input.endsOn, finestDate: input.finestDate,
      finestPlace: input.finestPlace, measures: input.measures, pseudonymSalt: randomBytes(32).toString('base64'), createdBy: actor.userId,
    });
    // The recipient joins the one contacts registry (found by address, else created), and the
    // agreement is noted on their timeline.
    const { contactId } = await contactForResearchRecipient(trx, {
      organisationId: actor.organisationId, name: input.recipientName, email: input.recipientEmail, institution: input.institution,
      summary: `Convention de partage de données (${input.institution}) du ${input.startsOn} au ${input.endsOn} : ${input.purpose}`, recordedBy: actor.userId,
    });
    const view = presentAgreement(await setAgreementContact(trx, row.id, contactId));
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'research.agreement_created', entityType: 'research_agreement', entityId: row.id,
      after: view, context: { ip },
    });
    return view;
  });
}

export async function agreementsOf(ctx: AppContext, actor: Actor) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => (await listAgreements(trx)).map(presentAgreement));
}

export async function uploadAgreementDocument(ctx: AppContext, storage: ObjectStorage, actor: Actor, id: string, upload: { name: string; contentType: string }, body: Buffer, ip: string) {
  if (body.length === 0) throw new AppError('research.document_empty');
  if (body.length > AGREEMENT_DOCUMENT_MAX_BYTES) throw new AppError('research.document_too_large', { maxMb: AGREEMENT_DOCUMENT_MAX_BYTES / 1024 / 1024 });
  await inOrganisation(ctx.db, actor.organisationId, async (trx) => { if (!(await findAgreement(trx, id))) throw new AppError('research.agreement_not_found'); });
  const fileId = randomUUID();
  const { cipher, iv } = fileEncryptor(ctx.serverKey, fileId);
  const encrypted = Buffer.concat([cipher.update(body), cipher.final()]);
  const key = `research/${actor.organisationId}/${id}/${fileId}`;
  await storage.put(key, Readable.from([encrypted]), encrypted.length);
  try {
    return await inOrganisation(ctx.db, actor.organisationId, async (trx) => {
      const row = await setAgreementDocument(trx, id, {
        name: upload.name, contentType: upload.contentType, sha256: sha256Hex(body), size: body.length, key, iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'),
      });
      const view = presentAgreement(row);
      await recordAudit(trx, {
        organisationId: actor.organisationId, actorId: actor.userId, action: 'research.agreement_document_uploaded', entityType: 'research_agreement', entityId: id,
        context: { ip, sha256: view.document?.sha256, fileId },
      });
      return view;
    });
  } catch (err) {
    await storage.delete(key).catch(() => {});
    throw err;
  }
}

/** The file id is the last part of the storage key: the per-file key is derived from it. */
export async function readAgreementDocument(ctx: AppContext, storage: ObjectStorage, actor: Actor, id: string, ip: string) {
  const row = await inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const found = await findAgreement(trx, id);
    if (!found) throw new AppError('research.agreement_not_found');
    if (!found.document_storage_key) throw new AppError('research.document_missing');
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'research.agreement_document_read', entityType: 'research_agreement', entityId: id, context: { ip },
    });
    return found;
  });
  const fileId = row.document_storage_key!.split('/').pop()!;
  const decipher = fileDecryptor(ctx.serverKey, fileId, Buffer.from(row.document_iv!, 'base64'), Buffer.from(row.document_tag!, 'base64'));
  const encrypted = await buffer(await storage.get(row.document_storage_key!));
  return { name: row.document_name ?? 'agreement', sha256: row.document_sha256!, bytes: Buffer.concat([decipher.update(encrypted), decipher.final()]) };
}
