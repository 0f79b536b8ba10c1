import type { Executor } from '../../../platform/db/database.js';
import './cases.table.js';

/** SQL of case documents and their versions. */

/** One row per version (or one row with null version fields for a document without any yet). */
export async function caseDocuments(db: Executor, caseId: string) {
  return db.selectFrom('legal_case_documents as d')
    .leftJoin('legal_case_document_versions as v', 'v.document_id', 'd.id')
    .leftJoin('users as u', 'u.id', 'v.uploaded_by')
    .select(['d.id as document_id', 'd.title', 'd.created_at', 'v.id as version_id', 'v.version', 'v.original_name', 'v.content_type',
      'v.size_bytes', 'v.sha256', 'v.uploaded_at', 'u.display_name as uploaded_by_name'])
    .where('d.case_id', '=', caseId).orderBy('d.created_at').orderBy('v.version', 'desc').execute();
}

export async function insertDocument(db: Executor, values: { organisationId: string; caseId: string; title: string; createdBy: string }) {
  return db.insertInto('legal_case_documents').values({
    organisation_id: values.organisationId, case_id: values.caseId, title: values.title, created_by: values.createdBy,
  }).returning('id').executeTakeFirstOrThrow();
}

/** Locks the document so two uploads of a new version cannot both take the same number. */
export async function lockDocument(db: Executor, caseId: string, documentId: string) {
  return db.selectFrom('legal_case_documents').select(['id', 'title']).where('case_id', '=', caseId).where('id', '=', documentId).forUpdate().executeTakeFirst();
}

export async function nextVersion(db: Executor, documentId: string) {
  const row = await db.selectFrom('legal_case_document_versions').select((eb) => eb.fn.max('version').as('max'))
    .where('document_id', '=', documentId).executeTakeFirst();
  return Number(row?.max ?? 0) + 1;
}

export async function insertVersion(db: Executor, values: {
  id: string; organisationId: string; documentId: string; version: number; originalName: string; contentType: string; sizeBytes: number;
  sha256: string; storageKey: string; iv: string; tag: string; uploadedBy: string;
}) {
  await db.insertInto('legal_case_document_versions').values({
    id: values.id, organisation_id: values.organisationId, document_id: values.documentId, version: values.version,
    original_name: values.originalName, content_type: values.contentType, size_bytes: values.sizeBytes, sha256: values.sha256,
    storage_key: values.storageKey, encryption_iv: values.iv, encryption_tag: values.tag, uploaded_by: values.uploadedBy,
  }).execute();
}

export async function findVersion(db: Executor, caseId: string, versionId: string) {
  return db.selectFrom('legal_case_document_versions as v').innerJoin('legal_case_documents as d', 'd.id', 'v.document_id')
    .selectAll('v').select(['d.title', 'd.case_id'])
    .where('v.id', '=', versionId).where('d.case_id', '=', caseId).executeTakeFirst();
}
