import { sql, type Insertable } from 'kysely';
import type { Executor } from '../../../platform/db/database.js';
import type { JobApplicationFilesTable } from './applications.table.js';
import './applications.table.js';

export async function findApplicationByEmail(db: Executor, postingId: string, email: string) {
  return db.selectFrom('job_applications').selectAll().where('posting_id', '=', postingId).where(sql`lower(email)`, '=', email.toLowerCase()).executeTakeFirst();
}

export async function findApplication(db: Executor, id: string) {
  return db.selectFrom('job_applications').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertApplication(db: Executor, v: { organisationId: string; postingId: string; name: string; email: string; message: string }) {
  return db.insertInto('job_applications').values({ organisation_id: v.organisationId, posting_id: v.postingId, name: v.name, email: v.email, message: v.message })
    .returningAll().executeTakeFirstOrThrow();
}

/** A second application by the same person to the same posting: one record, the latest message added, files replaced. */
export async function mergeApplication(db: Executor, id: string, v: { name: string; message: string; kinds: string[] }) {
  await db.deleteFrom('job_application_files').where('application_id', '=', id).where('kind', 'in', v.kinds).execute();
  return db.updateTable('job_applications').set((eb) => ({
    name: v.name, submissions: eb('submissions', '+', 1), last_contact_at: new Date(), updated_at: new Date(),
    message: v.message ? sql<string>`CASE WHEN message = '' THEN ${v.message} ELSE message || E'\n\n---\n\n' || ${v.message} END` : sql<string>`message`,
  })).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export async function insertFile(db: Executor, file: Insertable<JobApplicationFilesTable>) {
  await db.insertInto('job_application_files').values(file).execute();
}

export async function findFile(db: Executor, id: string) {
  return db.selectFrom('job_application_files').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function saveExtraction(db: Executor, id: string, r: { status: string; text: string | null; note: string | null }) {
  await db.updateTable('job_application_files').set({
    extraction_status: r.status, extracted_text: r.text, extraction_note: r.note,
    search_vector: r.text === null ? null : sql<string>`to_tsvector('simple', ${r.text})`,
  }).where('id', '=', id).execute();
}

/** Applications to a posting, optionally those whose files' text matches a web-style search ("plaidoyer -anglais"). */
export async function listApplications(db: Executor, postingId: string, q: string | undefined) {
  let query = db.selectFrom('job_applications as a').selectAll('a').where('a.posting_id', '=', postingId);
  if (q) {
    query = query.where((eb) => eb.exists(eb.selectFrom('job_application_files as f').select('f.id').whereRef('f.application_id', '=', 'a.id')
      .where(sql<boolean>`f.search_vector @@ websearch_to_tsquery('simple', ${q})`)));
  }
  return query.orderBy('a.created_at', 'asc').execute();
}

export async function filesOf(db: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('job_application_files').select(['id', 'application_id', 'kind', 'original_name', 'detected_type', 'size_bytes', 'extraction_status', 'extraction_note'])
    .where('application_id', 'in', ids).orderBy('kind').orderBy('created_at').execute();
}

export async function notesOf(db: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('job_application_notes as n').innerJoin('users as u', 'u.id', 'n.author_id')
    .select(['n.id', 'n.application_id', 'n.body', 'n.created_at', 'u.display_name']).where('n.application_id', 'in', ids).orderBy('n.created_at').execute();
}

export async function ratingsOf(db: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('job_application_ratings as r').innerJoin('users as u', 'u.id', 'r.reviewer_id')
    .select(['r.application_id', 'r.score', 'u.display_name']).where('r.application_id', 'in', ids).orderBy('u.display_name').execute();
}

export async function setStage(db: Executor, id: string, stage: string) {
  return db.updateTable('job_applications').set({ stage, updated_at: new Date() }).where('id', '=', id).returningAll().executeTakeFirst();
}

export async function insertNote(db: Executor, v: { organisationId: string; applicationId: string; authorId: string; body: string }) {
  await db.insertInto('job_application_notes').values({ organisation_id: v.organisationId, application_id: v.applicationId, author_id: v.authorId, body: v.body }).execute();
}

export async function upsertRating(db: Executor, v: { organisationId: string; applicationId: string; reviewerId: string; score: number }) {
  await db.insertInto('job_application_ratings').values({ organisation_id: v.organisationId, application_id: v.applicationId, reviewer_id: v.reviewerId, score: v.score })
    .onConflict((oc) => oc.columns(['application_id', 'reviewer_id']).doUpdateSet({ score: v.score, updated_at: new Date() })).execute();
}

export async function markErasureRequested(db: Executor, id: string) {
  await db.updateTable('job_applications').set({ erasure_requested_at: new Date(), updated_at: new Date() }).where('id', '=', id).execute();
}

export async function declinedApplications(db: Executor) {
  return db.selectFrom('job_applications').select(['id', 'organisation_id', 'stage', 'last_contact_at', 'erasure_requested_at']).where('stage', '=', 'declined').execute();
}

export async function deleteApplication(db: Executor, id: string) {
  await db.deleteFrom('job_applications').where('id', '=', id).execute();
}

/** A reply to the candidate is a contact: the retention delay counts from it. */
export async function touchLastContact(db: Executor, id: string) {
  await db.updateTable('job_applications').set({ last_contact_at: new Date(), updated_at: new Date() }).where('id', '=', id).execute();
}

export async function listReplyTemplates(db: Executor) {
  return db.selectFrom('recruitment_reply_templates').selectAll().orderBy(sql`lower(name)`).execute();
}
export async function findReplyTemplate(db: Executor, id: string) {
  return db.selectFrom('recruitment_reply_templates').selectAll().where('id', '=', id).executeTakeFirst();
}
export async function replyTemplateNamed(db: Executor, name: string, exceptId?: string) {
  let q = db.selectFrom('recruitment_reply_templates').select('id').where(sql`lower(name)`, '=', name.toLowerCase());
  if (exceptId) q = q.where('id', '!=', exceptId);
  return q.executeTakeFirst();
}
export async function saveReplyTemplate(db: Executor, v: { id?: string; organisationId: string; name: string; subject: string; body: string; createdBy: string }) {
  if (v.id) {
    return db.updateTable('recruitment_reply_templates').set({ name: v.name, subject: v.subject, body: v.body, updated_at: new Date() })
      .where('id', '=', v.id).returningAll().executeTakeFirst();
  }
  return db.insertInto('recruitment_reply_templates').values({ organisation_id: v.organisationId, name: v.name, subject: v.subject, body: v.body, created_by: v.createdBy })
    .returningAll().executeTakeFirstOrThrow();
}
export async function deleteReplyTemplate(db: Executor, id: string) {
  await db.deleteFrom('recruitment_reply_templates').where('id', '=', id).execute();
}
export async function organisationName(db: Executor) {
  return (await db.selectFrom('organisations').select('name').executeTakeFirstOrThrow()).name;
}
