import { sql } from 'kysely';
import type { Executor } from '../../../platform/db/database.js';
import './press-releases.table.js';

/** SQL of press releases, their figure references and corrections. No rules. */

export async function findRelease(db: Executor, id: string, lock = false) {
  let q = db.selectFrom('press_releases as r').innerJoin('users as c', 'c.id', 'r.created_by')
    .leftJoin('users as s', 's.id', 'r.submitted_by').leftJoin('users as a', 'a.id', 'r.approved_by')
    .selectAll('r').select(['c.display_name as created_by_name', 's.display_name as submitted_by_name', 'a.display_name as approved_by_name'])
    .where('r.id', '=', id);
  if (lock) q = q.forUpdate('r');
  return q.executeTakeFirst();
}
export type ReleaseRow = NonNullable<Awaited<ReturnType<typeof findRelease>>>;

export async function listReleases(db: Executor, ids?: string[]) {
  let q = db.selectFrom('press_releases').select(['id', 'title', 'language', 'status', 'embargo_until', 'sent_at', 'updated_at']);
  if (ids) q = q.where('id', 'in', ids);
  return q.orderBy('updated_at', 'desc').limit(500).execute();
}

export async function releaseFigures(db: Executor, releaseId: string) {
  return db.selectFrom('press_release_figures').selectAll().where('release_id', '=', releaseId).orderBy('inserted_at').execute();
}

export async function releaseQuotes(db: Executor, releaseId: string) {
  return db.selectFrom('press_release_quotes').selectAll().where('release_id', '=', releaseId).orderBy('inserted_at').orderBy('id').execute();
}

export async function insertReleaseQuote(db: Executor, v: { organisationId: string; releaseId: string; testimonyId: string; insertedBy: string }) {
  await db.insertInto('press_release_quotes').values({ organisation_id: v.organisationId, release_id: v.releaseId, testimony_id: v.testimonyId, inserted_by: v.insertedBy })
    .onConflict((oc) => oc.columns(['release_id', 'testimony_id']).doNothing()).execute();
}

export async function deleteReleaseQuote(db: Executor, releaseId: string, id: string) {
  return db.deleteFrom('press_release_quotes').where('release_id', '=', releaseId).where('id', '=', id).returning('id').executeTakeFirst();
}

export async function releaseCorrections(db: Executor, releaseId: string) {
  return db.selectFrom('press_release_corrections').selectAll().where('release_id', '=', releaseId).orderBy('created_at').execute();
}

/** Sent releases whose embargo has passed: what the public site shows. */
export async function publicReleases(db: Executor, organisationId: string, limit = 50) {
  return db.selectFrom('press_releases').select(['id', 'title', 'lede', 'language', 'sent_at', 'embargo_until', 'snapshot', 'updated_at'])
    .where('organisation_id', '=', organisationId).where('status', '=', 'sent')
    .where((eb) => eb.or([eb('embargo_until', 'is', null), eb('embargo_until', '<=', new Date())]))
    .orderBy('sent_at', 'desc').limit(limit).execute();
}

/** Press releases sent between two Paris days (both included): a funder indicator's count. */
export async function countSentBetween(db: Executor, from: string, to: string): Promise<number> {
  const r = await db.selectFrom('press_releases').select(sql<number>`count(*)::int`.as('n')).where('status', '=', 'sent')
    .where(sql<boolean>`(sent_at AT TIME ZONE 'Europe/Paris')::date BETWEEN ${from}::date AND ${to}::date`).executeTakeFirstOrThrow();
  return r.n;
}
