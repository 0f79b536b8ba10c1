import { sql } from 'kysely';
import type { ConsentPurpose } from '@vigie/domain';
import type { Executor } from '../../../platform/db/database.js';
import './testimonies.table.js';

/** SQL of testimonies, their consent history and their links. No rules here. */

export async function insertTestimony(db: Executor, v: {
  /** Given by a phone recording offline; otherwise the database makes one. */
  id?: string; organisationId: string; personId: string; language: string; givenOn: string; accountEnc: string; quoteEnc: string | null; codeHash: string; createdBy: string;
}) {
  return db.insertInto('testimonies').values({
    ...(v.id && { id: v.id }), organisation_id: v.organisationId, person_id: v.personId, language: v.language, given_on: v.givenOn, account_enc: v.accountEnc,
    quote_enc: v.quoteEnc, code_hash: v.codeHash, created_by: v.createdBy,
  }).returning('id').executeTakeFirstOrThrow();
}

/** Who took the testimony with this id, if it exists (a phone's retry, or an id already used). */
export async function testimonyAuthor(db: Executor, id: string) {
  return (await db.selectFrom('testimonies').select('created_by').where('id', '=', id).executeTakeFirst())?.created_by ?? null;
}

export async function insertConsents(db: Executor, rows: Array<{
  organisationId: string; testimonyId: string; purpose: ConsentPurpose; granted: boolean; textVersion: string | null; shownIn: string | null;
  via: 'staff' | 'code'; recordedBy: string | null;
}>) {
  if (rows.length === 0) return;
  await db.insertInto('testimony_consents').values(rows.map((r) => ({
    organisation_id: r.organisationId, testimony_id: r.testimonyId, purpose: r.purpose, granted: r.granted, text_version: r.textVersion,
    shown_in: r.shownIn, via: r.via, recorded_by: r.recordedBy,
  }))).execute();
}

export async function insertLink(db: Executor, v: { organisationId: string; testimonyId: string; target: 'eviction' | 'incident' | 'round'; targetId: string; linkedBy: string }) {
  await db.insertInto('testimony_links').values({
    organisation_id: v.organisationId, testimony_id: v.testimonyId, linked_by: v.linkedBy,
    eviction_id: v.target === 'eviction' ? v.targetId : null, incident_id: v.target === 'incident' ? v.targetId : null,
    round_id: v.target === 'round' ? v.targetId : null,
  }).execute();
}

/** An eviction or incident to link (a round is checked through the rounds service). */
export async function targetExists(db: Executor, target: 'eviction' | 'incident', id: string) {
  const table = target === 'eviction' ? 'evictions' : 'incidents';
  return Boolean(await db.selectFrom(table).select('id').where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst());
}

const testimonyColumns = (db: Executor) => db.selectFrom('testimonies as t')
  .innerJoin('persons as p', 'p.id', 't.person_id')
  .innerJoin('users as u', 'u.id', 't.created_by')
  .selectAll('t').select(['p.pseudonym', 'p.minor', 'u.display_name as created_by_name']);

export async function findTestimony(db: Executor, id: string, lock = false) {
  let q = testimonyColumns(db).where('t.id', '=', id);
  if (lock) q = q.forUpdate('t');
  return q.executeTakeFirst();
}
export type TestimonyRow = NonNullable<Awaited<ReturnType<typeof findTestimony>>>;

/** All testimonies, or one author's (an observer sees only those they took). */
export async function listTestimonyRows(db: Executor, authorId: string | null) {
  let q = testimonyColumns(db);
  if (authorId) q = q.where('t.created_by', '=', authorId);
  return q.orderBy('t.given_on', 'desc').orderBy('t.created_at', 'desc').limit(1000).execute();
}

/** The current answer per purpose: the latest row of each (testimony, purpose). */
export async function currentConsents(db: Executor, testimonyIds: string[]) {
  if (testimonyIds.length === 0) return [];
  return db.selectFrom('testimony_consents').select(['testimony_id', 'purpose', 'granted'])
    .distinctOn(['testimony_id', 'purpose'])
    .where('testimony_id', 'in', testimonyIds)
    .orderBy('testimony_id').orderBy('purpose').orderBy('recorded_at', 'desc').orderBy('id')
    .execute();
}

export async function consentHistory(db: Executor, testimonyId: string) {
  return db.selectFrom('testimony_consents as c').leftJoin('users as u', 'u.id', 'c.recorded_by')
    .selectAll('c').select('u.display_name as recorded_by_name')
    .where('c.testimony_id', '=', testimonyId).orderBy('c.recorded_at').orderBy('c.purpose').execute();
}

export async function testimonyLinks(db: Executor, testimonyId: string) {
  return db.selectFrom('testimony_links as l')
    .leftJoin('evictions as ev', 'ev.id', 'l.eviction_id')
    .leftJoin('sites as s', 's.id', 'ev.site_id')
    .leftJoin('incidents as i', 'i.id', 'l.incident_id')
    .select(['l.id', 'l.eviction_id', 'l.incident_id', 'l.round_id', 's.code as site_code', 's.name as site_name', 'ev.arrived_at as eviction_at',
      'i.kind as incident_kind', 'i.incident_type', 'i.occurred_at as incident_at'])
    .where('l.testimony_id', '=', testimonyId).orderBy('l.created_at').execute();
}

/** Looked up before any organisation is known: the code is all the person brings. */
export async function testimonyByCodeHash(db: Executor, codeHash: string) {
  return db.selectFrom('testimonies').select(['id', 'organisation_id', 'withdrawn_at']).where('code_hash', '=', codeHash).executeTakeFirst();
}

/** "Kept in the database" becomes no: the account and the excerpt are erased, the consent history stays as proof. */
export async function eraseWithdrawn(db: Executor, id: string) {
  return db.updateTable('testimonies')
    .set({ withdrawn_at: sql`coalesce(withdrawn_at, now())` as unknown as Date, account_enc: null, quote_enc: null, updated_at: sql`now()` as unknown as Date })
    .where('id', '=', id).returning('withdrawn_at').executeTakeFirstOrThrow();
}

export async function touchTestimony(db: Executor, id: string) {
  await db.updateTable('testimonies').set({ updated_at: sql`now()` as unknown as Date }).where('id', '=', id).execute();
}

/** Every testimony whose quotable excerpt may be read now (kept + quoted, not withdrawn), among `ids` or all. */
export async function quotableRows(db: Executor, ids?: string[]) {
  if (ids && ids.length === 0) return [];
  let q = db.selectFrom('testimonies as t').select(['t.id', 't.language', 't.given_on', 't.quote_enc'])
    .where('t.withdrawn_at', 'is', null).where('t.quote_enc', 'is not', null)
    .where(sql<boolean>`(SELECT bool_and(granted) FROM (
      SELECT DISTINCT ON (c.purpose) c.granted FROM testimony_consents c
      WHERE c.testimony_id = t.id AND c.purpose IN ('kept', 'quoted') ORDER BY c.purpose, c.recorded_at DESC, c.id) latest
      HAVING count(*) = 2)`);
  if (ids) q = q.where('t.id', 'in', ids);
  return q.orderBy('t.given_on', 'desc').limit(500).execute();
}
