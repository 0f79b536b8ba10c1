import { sql } from 'kysely';
import type { Db, Executor } from '../../../platform/db/database.js';
import './job-alerts.table.js';

export async function insertAlertSignup(db: Executor, v: {
  organisationId: string; categories: string[]; email: string; language: string; tokenSha256: string; formVersion: string; formText: string; expiresAt: Date;
}) {
  return db.insertInto('job_alert_signups').values({
    organisation_id: v.organisationId, categories: v.categories, email: v.email, language: v.language, token_sha256: v.tokenSha256,
    form_version: v.formVersion, form_text: v.formText, expires_at: v.expiresAt,
  }).returning('id').executeTakeFirstOrThrow();
}

/** Before any scope: the token names its organisation. */
export async function alertSignupByTokenHash(db: Db, tokenSha256: string) {
  return db.selectFrom('job_alert_signups as s').innerJoin('organisations as o', 'o.id', 's.organisation_id')
    .select(['s.id', 's.organisation_id', 's.categories', 's.email', 's.language', 's.form_version', 's.form_text', 's.expires_at', 's.confirmed_at',
      'o.name as organisation_name'])
    .where('s.token_sha256', '=', tokenSha256).executeTakeFirst();
}

export async function lockAlertSignup(db: Executor, id: string) {
  return db.selectFrom('job_alert_signups').select(['id', 'email', 'confirmed_at']).where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function confirmAlertSignup(db: Executor, id: string, contactId: string) {
  await db.updateTable('job_alert_signups').set({ confirmed_at: new Date(), contact_id: contactId, email: null }).where('id', '=', id).execute();
}

export async function deleteExpiredAlertSignups(db: Executor, organisationId?: string): Promise<number> {
  let q = db.deleteFrom('job_alert_signups').where('confirmed_at', 'is', null).where('expires_at', '<', sql<Date>`now()`);
  if (organisationId) q = q.where('organisation_id', '=', organisationId);
  return Number((await q.executeTakeFirst()).numDeletedRows);
}

export async function recentAlertSignups(db: Executor, email: string) {
  const row = await db.selectFrom('job_alert_signups').select(sql<string>`count(*)`.as('n'))
    .where(sql<boolean>`lower(email) = lower(${email})`).where('created_at', '>', sql<Date>`now() - interval '1 hour'`).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function alertListOf(db: Executor, category: string): Promise<string | null> {
  return (await db.selectFrom('job_alert_lists').select('list_id').where('category', '=', category).executeTakeFirst())?.list_id ?? null;
}

export async function insertAlertList(db: Executor, organisationId: string, category: string, listId: string) {
  await db.insertInto('job_alert_lists').values({ organisation_id: organisationId, category, list_id: listId })
    .onConflict((oc) => oc.columns(['organisation_id', 'category']).doNothing()).execute();
}
