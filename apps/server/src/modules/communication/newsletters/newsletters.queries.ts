import { sql } from 'kysely';
import type { Executor } from '../../../platform/db/database.js';
import './newsletters.table.js';
import '../contacts/contacts.table.js';
import '../../field/evidence/evidence.table.js';

/** SQL of the newsletter: settings, issues, pending sign-ups, and the photos it may show. No rules. */

export async function findSettings(db: Executor, organisationId: string) {
  return db.selectFrom('newsletter_settings').selectAll().where('organisation_id', '=', organisationId).executeTakeFirst();
}

export async function saveSettings(db: Executor, v: { organisationId: string; enabled: boolean; listId: string | null; by: string }) {
  await db.insertInto('newsletter_settings').values({ organisation_id: v.organisationId, enabled: v.enabled, list_id: v.listId, updated_by: v.by })
    .onConflict((oc) => oc.column('organisation_id').doUpdateSet({ enabled: v.enabled, list_id: v.listId, updated_by: v.by, updated_at: new Date() }))
    .execute();
}

export async function organisationBySlug(db: Executor, slug: string) {
  return db.selectFrom('organisations').select(['id', 'name', 'slug']).where('slug', '=', slug).executeTakeFirst();
}

export async function organisationById(db: Executor, id: string) {
  return db.selectFrom('organisations').select(['id', 'name', 'slug']).where('id', '=', id).executeTakeFirstOrThrow();
}

export async function insertIssue(db: Executor, v: { organisationId: string; title: string; language: string; createdBy: string }) {
  return db.insertInto('newsletter_issues').values({ organisation_id: v.organisationId, title: v.title, language: v.language, created_by: v.createdBy })
    .returning('id').executeTakeFirstOrThrow();
}

export async function findIssue(db: Executor, id: string, lock = false) {
  let q = db.selectFrom('newsletter_issues').selectAll().where('id', '=', id);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}
export type IssueRow = NonNullable<Awaited<ReturnType<typeof findIssue>>>;

export async function listIssues(db: Executor) {
  return db.selectFrom('newsletter_issues').select(['id', 'title', 'language', 'status', 'sent_at', 'updated_at'])
    .orderBy('updated_at', 'desc').limit(500).execute();
}

export async function updateDraft(db: Executor, id: string, v: { title: string; language: string; blocks: unknown[] }) {
  await db.updateTable('newsletter_issues').set({ title: v.title, language: v.language, blocks: JSON.stringify(v.blocks), updated_at: new Date() })
    .where('id', '=', id).execute();
}

export async function markSent(db: Executor, id: string, v: { listId: string; mailingId: string; snapshot: unknown; by: string }) {
  await db.updateTable('newsletter_issues').set({
    status: 'sent', list_id: v.listId, mailing_id: v.mailingId, snapshot: JSON.stringify(v.snapshot), sent_at: new Date(), sent_by: v.by, updated_at: new Date(),
  }).where('id', '=', id).execute();
}

export async function sentIssues(db: Executor, organisationId: string, limit = 100) {
  return db.selectFrom('newsletter_issues').select(['id', 'title', 'language', 'snapshot', 'sent_at'])
    .where('organisation_id', '=', organisationId).where('status', '=', 'sent').orderBy('sent_at', 'desc').limit(limit).execute();
}

/** Photos with a metadata-free publication copy: the only ones a newsletter may show. */
export async function publicationPhotos(db: Executor, ids?: string[]) {
  if (ids && ids.length === 0) return [];
  // Published photos document verified evictions only, like every published figure.
  let q = db.selectFrom('evidence').select(['id', 'credit', 'captured_at', 'public_copy_key', 'public_copy_sha256'])
    .where('kind', '=', 'photo').where('status', '=', 'stored').where('public_copy_key', 'is not', null)
    .where('eviction_id', 'in', db.selectFrom('evictions').select('id').where('status', '=', 'verified').where('deleted_at', 'is', null));
  if (ids) q = q.where('id', 'in', ids);
  return q.orderBy('created_at', 'desc').limit(200).execute();
}

export async function insertSignup(db: Executor, v: {
  organisationId: string; listId: string; email: string; displayName: string | null; language: string; tokenSha256: string;
  formVersion: string; formText: string; expiresAt: Date;
}) {
  return db.insertInto('newsletter_signups').values({
    organisation_id: v.organisationId, list_id: v.listId, email: v.email, display_name: v.displayName, language: v.language,
    token_sha256: v.tokenSha256, form_version: v.formVersion, form_text: v.formText, expires_at: v.expiresAt,
  }).returning('id').executeTakeFirstOrThrow();
}

/** Read by token before any organisation is known (the link carries only the token). */
export async function signupByTokenHash(db: Executor, tokenSha256: string) {
  return db.selectFrom('newsletter_signups as s').innerJoin('organisations as o', 'o.id', 's.organisation_id')
    .select(['s.id', 's.organisation_id', 's.list_id', 's.email', 's.display_name', 's.language', 's.form_version', 's.form_text', 's.expires_at',
      's.confirmed_at', 'o.name as organisation_name'])
    .where('s.token_sha256', '=', tokenSha256).executeTakeFirst();
}

export async function lockSignup(db: Executor, id: string) {
  return db.selectFrom('newsletter_signups').select(['id', 'email', 'confirmed_at']).where('id', '=', id).forUpdate().executeTakeFirst();
}

/** Confirmed: the contact now holds the address, so the sign-up forgets it. */
export async function confirmSignup(db: Executor, id: string, contactId: string) {
  await db.updateTable('newsletter_signups').set({ confirmed_at: new Date(), contact_id: contactId, email: null }).where('id', '=', id).execute();
}

/** Every organisation's expired, unconfirmed requests (the nightly purge; runs as the owner, across organisations). */
export async function deleteAllExpiredSignups(db: Executor): Promise<number> {
  const res = await db.deleteFrom('newsletter_signups').where('confirmed_at', 'is', null)
    .where('expires_at', '<', sql<Date>`now()`).executeTakeFirst();
  return Number(res.numDeletedRows);
}

export async function deleteExpiredSignups(db: Executor, organisationId: string) {
  await db.deleteFrom('newsletter_signups').where('organisation_id', '=', organisationId).where('confirmed_at', 'is', null)
    .where('expires_at', '<', sql<Date>`now()`).execute();
}

export async function recentSignups(db: Executor, email: string) {
  const row = await db.selectFrom('newsletter_signups').select(sql<string>`count(*)`.as('n'))
    .where(sql<boolean>`lower(email) = lower(${email})`).where('created_at', '>', sql<Date>`now() - interval '1 hour'`).executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * The newsletter's subscribers at the end of a Paris day: contacts whose latest e-mail consent
 * event for the newsletter list, up to that day, grants it (the consent ledger's rule).
 */
export async function countSubscribersOn(db: Executor, listId: string, day: string): Promise<number> {
  const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM (
      SELECT DISTINCT ON (contact_id) status FROM consent_events
      WHERE list_id = ${listId} AND channel = 'email' AND (at AT TIME ZONE 'Europe/Paris')::date <= ${day}::date
      ORDER BY contact_id, at DESC, id DESC) latest
    WHERE status = 'granted'`.execute(db);
  return r.rows[0]?.n ?? 0;
}
