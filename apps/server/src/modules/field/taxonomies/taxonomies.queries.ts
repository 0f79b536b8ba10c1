import type { TaxonomyKind } from '@vigie/domain';
import type { Executor } from '../../../platform/db/database.js';

export async function insertArea(db: Executor, organisationId: string, code: string, name: string): Promise<string> {
  const row = await db.insertInto('areas').values({ organisation_id: organisationId, code, name }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function insertCommunes(db: Executor, rows: Array<{ organisationId: string; areaId: string; inseeCode: string; name: string }>) {
  if (rows.length === 0) return;
  await db.insertInto('communes')
    .values(rows.map((r) => ({ organisation_id: r.organisationId, area_id: r.areaId, insee_code: r.inseeCode, name: r.name }))).execute();
}

export async function upsertTerm(db: Executor, organisationId: string, t: {
  kind: TaxonomyKind; code: string; labelFr: string; labelEn: string; sort: number; active: boolean; partOf?: string | null | undefined;
}) {
  // `partOf` left out keeps what the term was a part of.
  const partOf = t.partOf === undefined ? {} : { part_of: t.partOf };
  return db.insertInto('taxonomy_terms')
    .values({ organisation_id: organisationId, kind: t.kind, code: t.code, label_fr: t.labelFr, label_en: t.labelEn, sort: t.sort, active: t.active, ...partOf })
    .onConflict((oc) => oc.columns(['organisation_id', 'kind', 'code']).doUpdateSet({
      label_fr: t.labelFr, label_en: t.labelEn, sort: t.sort, active: t.active, ...partOf,
    }))
    .returningAll().executeTakeFirstOrThrow();
}

export async function listAreas(db: Executor) {
  return db.selectFrom('areas').select(['id', 'code', 'name', 'active']).orderBy('name').execute();
}

export async function listCommunes(db: Executor) {
  return db.selectFrom('communes').select(['insee_code', 'name', 'area_id']).orderBy('name').execute();
}

export async function listTerms(db: Executor) {
  return db.selectFrom('taxonomy_terms').selectAll().orderBy('kind').orderBy('sort').orderBy('code').execute();
}

export async function findTerm(db: Executor, kind: TaxonomyKind, code: string) {
  return db.selectFrom('taxonomy_terms').selectAll().where('kind', '=', kind).where('code', '=', code).executeTakeFirst();
}

export async function findArea(db: Executor, code: string) {
  return db.selectFrom('areas').select(['id', 'code', 'name', 'active']).where('code', '=', code).executeTakeFirst();
}

export async function updateArea(db: Executor, id: string, name: string, active: boolean) {
  return db.updateTable('areas').set({ name, active }).where('id', '=', id).returning(['id', 'code', 'name', 'active']).executeTakeFirstOrThrow();
}

export async function findCommune(db: Executor, inseeCode: string) {
  return db.selectFrom('communes').select(['insee_code', 'name', 'area_id']).where('insee_code', '=', inseeCode).executeTakeFirst();
}

export async function updateCommune(db: Executor, inseeCode: string, name: string, areaId: string) {
  await db.updateTable('communes').set({ name, area_id: areaId }).where('insee_code', '=', inseeCode).execute();
}

/** Inserts a new term; undefined when the code is already used in that list (never overwritten). */
export async function insertTermIfNew(db: Executor, organisationId: string, t: { kind: TaxonomyKind; code: string; labelFr: string; labelEn: string; sort: number }) {
  return db.insertInto('taxonomy_terms')
    .values({ organisation_id: organisationId, kind: t.kind, code: t.code, label_fr: t.labelFr, label_en: t.labelEn, sort: t.sort, active: true })
    .onConflict((oc) => oc.columns(['organisation_id', 'kind', 'code']).doNothing())
    .returningAll().executeTakeFirst();
}

export async function insertAreaIfNew(db: Executor, organisationId: string, code: string, name: string) {
  return db.insertInto('areas').values({ organisation_id: organisationId, code, name })
    .onConflict((oc) => oc.columns(['organisation_id', 'code']).doNothing())
    .returning(['id', 'code', 'name', 'active']).executeTakeFirst();
}

export async function insertCommuneIfNew(db: Executor, organisationId: string, areaId: string, inseeCode: string, name: string) {
  return db.insertInto('communes').values({ organisation_id: organisationId, area_id: areaId, insee_code: inseeCode, name })
    .onConflict((oc) => oc.columns(['organisation_id', 'insee_code']).doNothing())
    .returning(['insee_code', 'name', 'area_id']).executeTakeFirst();
}

export async function maxTermSort(db: Executor, kind: TaxonomyKind): Promise<number> {
  const row = await db.selectFrom('taxonomy_terms').select((eb) => eb.fn.max('sort').as('max')).where('kind', '=', kind).executeTakeFirst();
  return Number(row?.max ?? 0);
}
