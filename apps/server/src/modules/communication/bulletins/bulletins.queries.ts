import { sql, type Insertable, type Updateable } from 'kysely';
import type { Executor } from '../../../platform/db/database.js';
import type { BulletinFilesTable, BulletinRow, BulletinsTable } from './bulletins.table.js';

/** All the SQL of the bulletins. Figures come from the statistics module; dated facts are here. */

export async function findArea(db: Executor, id: string) {
  return db.selectFrom('areas').select(['id', 'code', 'name']).where('id', '=', id).executeTakeFirst();
}

export async function organisationName(db: Executor, id: string): Promise<string> {
  const row = await db.selectFrom('organisations').select('name').where('id', '=', id).executeTakeFirstOrThrow();
  return row.name;
}

/** Every area with the figure set it would use: its own, else the default for its code, else none. */
export async function areasWithFigureSets(db: Executor) {
  return db.selectFrom('areas as a')
    .leftJoin('bulletin_figure_sets as f', 'f.area_id', 'a.id')
    .leftJoin('bulletin_default_figure_sets as d', 'd.area_code', 'a.code')
    .select(['a.id', 'a.code', 'a.name', 'a.active', 'f.figures as own', 'd.figures as fallback'])
    .orderBy('a.name').execute();
}

export async function areaFigureSet(db: Executor, areaId: string) {
  return db.selectFrom('areas as a')
    .leftJoin('bulletin_figure_sets as f', 'f.area_id', 'a.id')
    .leftJoin('bulletin_default_figure_sets as d', 'd.area_code', 'a.code')
    .select(['a.id', 'a.code', 'a.name', 'f.figures as own', 'd.figures as fallback'])
    .where('a.id', '=', areaId).executeTakeFirst();
}

export async function saveFigureSet(db: Executor, row: { areaId: string; organisationId: string; figures: unknown; userId: string }) {
  const figures = JSON.stringify(row.figures);
  await db.insertInto('bulletin_figure_sets')
    .values({ area_id: row.areaId, organisation_id: row.organisationId, figures, updated_by: row.userId })
    .onConflict((oc) => oc.column('area_id').doUpdateSet({ figures, updated_by: row.userId, updated_at: sql`now()` }))
    .execute();
}

export async function insertBulletin(db: Executor, row: Insertable<BulletinsTable>): Promise<BulletinRow> {
  return db.insertInto('bulletins').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findBulletin(db: Executor, id: string): Promise<BulletinRow | undefined> {
  return db.selectFrom('bulletins').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findBulletinFor(db: Executor, areaId: string, month: string): Promise<BulletinRow | undefined> {
  return db.selectFrom('bulletins').selectAll().where('area_id', '=', areaId).where('month', '=', month).executeTakeFirst();
}

export async function listBulletins(db: Executor) {
  return db.selectFrom('bulletins as b').innerJoin('areas as a', 'a.id', 'b.area_id')
    .select(['b.id', 'b.month', 'b.status', 'b.version', 'b.updated_at', 'b.published_at', 'b.snapshot_sha256', 'a.id as area_id', 'a.code as area_code', 'a.name as area_name'])
    .orderBy('b.month', 'desc').orderBy('a.name').limit(500).execute();
}

/** Updates a draft at the version the editor saw; undefined when someone else saved in between. */
export async function updateDraft(db: Executor, id: string, version: number, changes: Updateable<BulletinsTable>): Promise<BulletinRow | undefined> {
  return db.updateTable('bulletins').set({ ...changes, version: version + 1, updated_at: sql`now()` })
    .where('id', '=', id).where('version', '=', version).where('status', '=', 'draft')
    .returningAll().executeTakeFirst();
}

/** Keeps the cited figures as the draft shows them now (no new version: nothing the person typed changed). */
export async function setDraftedFigures(db: Executor, id: string, figures: unknown) {
  await db.updateTable('bulletins').set({ drafted_figures: JSON.stringify(figures) }).where('id', '=', id).where('status', '=', 'draft').execute();
}

export async function insertFiles(db: Executor, rows: Insertable<BulletinFilesTable>[]) {
  await db.insertInto('bulletin_files').values(rows).execute();
}

export async function findFile(db: Executor, bulletinId: string, locale: 'fr' | 'en', format: 'pdf' | 'html' | 'md') {
  return db.selectFrom('bulletin_files').select(['content', 'sha256'])
    .where('bulletin_id', '=', bulletinId).where('locale', '=', locale).where('format', '=', format).executeTakeFirst();
}

export async function fileHashes(db: Executor, bulletinId: string) {
  return db.selectFrom('bulletin_files').select(['locale', 'format', 'sha256']).where('bulletin_id', '=', bulletinId).execute();
}

export type FactRow = { kind: 'violence' | 'obstruction'; incident_type: string; label_fr: string | null; label_en: string | null; days: string[] };

/**
 * Incidents of the month's counted evictions (verified, not deleted, not merged; the month by
 * the eviction's Paris day, as the statistics count them), grouped by kind and type with the
 * Europe/Paris days on which they happened.
 */
export async function datedFacts(db: Executor, areaId: string, from: string, to: string): Promise<FactRow[]> {
  const result = await sql<FactRow>`
    SELECT i.kind, i.incident_type, t.label_fr, t.label_en,
      array_agg(DISTINCT to_char(i.occurred_at AT TIME ZONE 'Europe/Paris', 'YYYY-MM-DD') ORDER BY to_char(i.occurred_at AT TIME ZONE 'Europe/Paris', 'YYYY-MM-DD')) AS days
    FROM evictions e
      JOIN sites s ON s.id = e.site_id
      JOIN incidents i ON i.eviction_id = e.id AND i.deleted_at IS NULL
      LEFT JOIN taxonomy_terms t ON t.kind = CASE i.kind WHEN 'violence' THEN 'incident_type' ELSE 'obstruction_type' END AND t.code = i.incident_type
    WHERE s.area_id = ${areaId}::uuid AND e.date >= ${from}::date AND e.date <= ${to}::date
      AND e.deleted_at IS NULL AND e.merged_into IS NULL AND e.status = 'verified'
    GROUP BY i.kind, i.incident_type, t.label_fr, t.label_en, t.sort
    ORDER BY i.kind DESC, t.sort NULLS LAST, i.incident_type`.execute(db);
  return result.rows;
}

/** Photos that have a metadata-free publication copy, by id. */
export async function publishablePhotos(db: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('evidence').select(['id', 'public_copy_key', 'public_copy_sha256', 'credit'])
    .where('id', 'in', ids).where('kind', '=', 'photo').where('status', '=', 'stored').where('public_copy_key', 'is not', null).execute();
}

/** Of these photos, those whose publication copy the background job has not made yet. */
export async function photosAwaitingCopy(db: Executor, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('evidence').select('id').where('id', 'in', ids).where('public_copy_pending', '=', true).execute();
  return rows.map((r) => r.id);
}

/**
 * Photos of the area's verified evictions that month which may be published (a publication copy
 * exists): like the bulletin's figures, never a record still unverified.
 */
export async function candidatePhotos(db: Executor, areaId: string, from: string, to: string) {
  return db.selectFrom('evidence as v')
    .innerJoin('evictions as e', 'e.id', 'v.eviction_id')
    .innerJoin('sites as s', 's.id', 'e.site_id')
    .select(['v.id', 'v.credit', 'v.captured_at', 'e.date', 's.code as site_code', 's.name as site_name'])
    .where('s.area_id', '=', areaId).where('e.date', '>=', from).where('e.date', '<=', to)
    .where('e.deleted_at', 'is', null).where('e.status', '=', 'verified')
    .where('v.kind', '=', 'photo').where('v.status', '=', 'stored').where('v.public_copy_key', 'is not', null)
    .orderBy('e.date').orderBy('v.created_at').limit(200).execute();
}

/** Force corps by code with both labels, for forces lines ("la police nationale et la BAC sans CRS"). */
export async function corpsNames(db: Executor) {
  const rows = await db.selectFrom('taxonomy_terms').select(['code', 'label_fr', 'label_en']).where('kind', '=', 'force_corps').execute();
  return rows.map((r) => ({ code: r.code, fr: r.label_fr, en: r.label_en }));
}

/** The organisation's most recently published bulletin with its frozen content (for the newsletter). */
export async function latestPublished(db: Executor) {
  return db.selectFrom('bulletins').select(['id', 'month', 'snapshot', 'published_at']).where('status', '=', 'published')
    .orderBy('published_at', 'desc').limit(1).executeTakeFirst();
}

/** Bulletins published between two Paris days (both included): a funder indicator's count. */
export async function countPublishedBetween(db: Executor, from: string, to: string): Promise<number> {
  const r = await db.selectFrom('bulletins').select(sql<number>`count(*)::int`.as('n')).where('status', '=', 'published')
    .where(sql<boolean>`(published_at AT TIME ZONE 'Europe/Paris')::date BETWEEN ${from}::date AND ${to}::date`).executeTakeFirstOrThrow();
  return r.n;
}

export async function bulletinQuotes(db: Executor, bulletinId: string) {
  return db.selectFrom('bulletin_quotes').selectAll().where('bulletin_id', '=', bulletinId).orderBy('inserted_at').orderBy('id').execute();
}

export async function insertBulletinQuote(db: Executor, v: { organisationId: string; bulletinId: string; testimonyId: string; insertedBy: string }) {
  await db.insertInto('bulletin_quotes').values({ organisation_id: v.organisationId, bulletin_id: v.bulletinId, testimony_id: v.testimonyId, inserted_by: v.insertedBy })
    .onConflict((oc) => oc.columns(['bulletin_id', 'testimony_id']).doNothing()).execute();
}

export async function deleteBulletinQuote(db: Executor, bulletinId: string, id: string) {
  return db.deleteFrom('bulletin_quotes').where('bulletin_id', '=', bulletinId).where('id', '=', id).returning('id').executeTakeFirst();
}
