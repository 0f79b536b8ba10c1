import type { TaxonomyKind } from '@vigie/domain';
import type { Executor } from '../../platform/db/database.js';

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
  kind: TaxonomyKind; code: string; labelFr: string; labelEn: string; sort: number; active: boolean;
}) {
  return db.insertInto('taxonomy_terms')
    .values({ organisation_id: organisationId, kind: t.kind, code: t.code, label_fr: t.labelFr, label_en: t.labelEn, sort: t.sort, active: t.active })
    .onConflict((oc) => oc.columns(['organisation_id', 'kind', 'code']).doUpdateSet({
      label_fr: t.labelFr, label_en: t.labelEn, sort: t.sort, active: t.active,
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
