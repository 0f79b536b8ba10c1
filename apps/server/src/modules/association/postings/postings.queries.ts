import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db, Executor } from '../../../platform/db/database.js';
import type { JobPostingsTable } from './postings.table.js';
import './postings.table.js';

export type PostingRow = Selectable<JobPostingsTable>;

export async function insertPosting(db: Executor, values: Insertable<JobPostingsTable>): Promise<PostingRow> {
  return db.insertInto('job_postings').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function updatePosting(db: Executor, id: string, values: Updateable<JobPostingsTable>): Promise<PostingRow | undefined> {
  return db.updateTable('job_postings').set({ ...values, updated_at: new Date() }).where('id', '=', id).returningAll().executeTakeFirst();
}

export async function findPosting(db: Executor, id: string): Promise<PostingRow | undefined> {
  return db.selectFrom('job_postings').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listPostings(db: Executor): Promise<PostingRow[]> {
  return db.selectFrom('job_postings').selectAll().orderBy('created_at', 'desc').execute();
}

/** Published postings still open on `today` (Paris), newest first: what the public site lists. */
export async function listOpenPostings(db: Executor, today: string): Promise<PostingRow[]> {
  return db.selectFrom('job_postings').selectAll().where('status', '=', 'published').where('closes_on', '>=', today)
    .orderBy('published_at', 'desc').execute();
}

export async function organisationSlug(db: Executor): Promise<string | null> {
  return (await db.selectFrom('organisations').select('slug').executeTakeFirst())?.slug ?? null;
}

export async function organisationName(db: Executor): Promise<string> {
  return (await db.selectFrom('organisations').select('name').executeTakeFirstOrThrow()).name;
}

/** Before any scope: a public request names its organisation by the public address name. */
export async function findOrganisationBySlug(db: Db, slug: string) {
  return db.selectFrom('organisations').select(['id', 'name', 'slug']).where('slug', '=', slug).executeTakeFirst();
}
