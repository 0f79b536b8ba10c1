import { sql } from 'kysely';
import type { Executor } from '../../../platform/db/database.js';
import './internships.table.js';

export async function listInternships(db: Executor) {
  return db.selectFrom('internships as i')
    .innerJoin('users as p', 'p.id', 'i.person_id').innerJoin('users as t', 't.id', 'i.tutor_id')
    .leftJoin('internship_conventions as c', 'c.internship_id', 'i.id')
    .select(['i.id', 'i.person_id', 'p.display_name as person_name', 'i.tutor_id', 't.display_name as tutor_name', 'i.school',
      'i.starts_on', 'i.ends_on', 'i.weekly_hours', 'i.status', 'c.original_name', 'c.sha256', 'c.uploaded_at'])
    .orderBy('i.starts_on', 'desc').execute();
}

/** Internships running over [from, to] (dates), for the quotas. */
export async function internshipsOverlapping(db: Executor, from: string, to: string) {
  return db.selectFrom('internships').select(['id', 'tutor_id', 'starts_on', 'ends_on'])
    .where('starts_on', '<=', to).where('ends_on', '>=', from).execute();
}

/** One person's internships here (the six-month maximum adds them up per school year). */
export async function internshipsOf(db: Executor, personId: string) {
  return db.selectFrom('internships').select(['starts_on', 'ends_on', 'weekly_hours']).where('person_id', '=', personId).execute();
}

/** The register's part for interns, in order of arrival, those that ended since `since` or later. */
export async function registerRows(db: Executor, since: string) {
  return db.selectFrom('internships as i')
    .innerJoin('users as p', 'p.id', 'i.person_id').innerJoin('users as t', 't.id', 'i.tutor_id')
    .select(['i.id', 'p.display_name as person_name', 't.display_name as tutor_name', 'i.school', 'i.starts_on', 'i.ends_on', 'i.status'])
    .where('i.ends_on', '>=', since).orderBy('i.starts_on').orderBy('i.created_at').execute();
}
export async function organisationName(db: Executor) {
  return (await db.selectFrom('organisations').select('name').executeTakeFirstOrThrow()).name;
}

/** Locks the organisation's internships so two records made at once cannot both pass the quotas. */
export async function lockInternships(db: Executor, organisationId: string) {
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`internships:${organisationId}`}))`.execute(db);
}

export async function insertInternship(db: Executor, row: {
  organisation_id: string; person_id: string; tutor_id: string; school: string; starts_on: string; ends_on: string; weekly_hours: number; created_by: string;
}) {
  return db.insertInto('internships').values(row).returning('id').executeTakeFirstOrThrow();
}

export async function findInternship(db: Executor, id: string) {
  return db.selectFrom('internships as i').leftJoin('internship_conventions as c', 'c.internship_id', 'i.id')
    .select(['i.id', 'i.person_id', 'i.starts_on', 'i.ends_on', 'i.weekly_hours', 'i.status', 'c.file_id'])
    .where('i.id', '=', id).forUpdate('i').executeTakeFirst();
}

export async function upsertConvention(db: Executor, row: {
  internship_id: string; organisation_id: string; file_id: string; original_name: string; size_bytes: number; sha256: string;
  iv: Buffer; tag: Buffer; ciphertext: Buffer; uploaded_by: string;
}) {
  await db.insertInto('internship_conventions').values(row).onConflict((oc) => oc.column('internship_id').doUpdateSet({
    file_id: row.file_id, original_name: row.original_name, size_bytes: row.size_bytes, sha256: row.sha256, iv: row.iv, tag: row.tag,
    ciphertext: row.ciphertext, uploaded_by: row.uploaded_by, uploaded_at: new Date(),
  })).execute();
}

export async function markStarted(db: Executor, id: string) {
  await db.updateTable('internships').set({ status: 'started', started_at: new Date() }).where('id', '=', id).execute();
}

export async function readSettings(db: Executor) {
  const row = await db.selectFrom('internship_settings').select('staff_headcount').executeTakeFirst();
  const ceilings = await db.selectFrom('social_security_ceilings').select(['year', 'hourly_ceiling_cents']).orderBy('year').execute();
  return { staffHeadcount: row?.staff_headcount ?? 0, ceilings: ceilings.map((c) => ({ year: c.year, hourlyCeilingCents: c.hourly_ceiling_cents })) };
}

export async function writeSettings(db: Executor, organisationId: string, staffHeadcount: number, ceilings: ReadonlyArray<{ year: number; hourlyCeilingCents: number }>) {
  await db.insertInto('internship_settings').values({ organisation_id: organisationId, staff_headcount: staffHeadcount })
    .onConflict((oc) => oc.column('organisation_id').doUpdateSet({ staff_headcount: staffHeadcount, updated_at: new Date() })).execute();
  await db.deleteFrom('social_security_ceilings').execute();
  if (ceilings.length > 0) {
    await db.insertInto('social_security_ceilings')
      .values(ceilings.map((c) => ({ organisation_id: organisationId, year: c.year, hourly_ceiling_cents: c.hourlyCeilingCents }))).execute();
  }
}
