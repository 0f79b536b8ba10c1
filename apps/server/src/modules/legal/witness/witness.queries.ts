import type { Executor } from '../../../platform/db/database.js';

/** The eviction a witness statement is about, with its site, commune and operation. */
export async function findEvictionFacts(db: Executor, evictionId: string) {
  return db.selectFrom('evictions as e')
    .innerJoin('sites as s', 's.id', 'e.site_id')
    .innerJoin('operations as o', 'o.id', 'e.operation_id')
    .leftJoin('communes as c', 'c.insee_code', 's.commune_insee')
    .selectAll('e')
    .select([
      's.code as site_code', 's.name as site_name', 's.commune_insee', 'c.name as commune_name',
      'o.observer_ids', 'o.created_by as operation_created_by', 'o.officer_in_charge', 'o.authorities_present',
    ])
    .where('e.id', '=', evictionId).where('e.deleted_at', 'is', null)
    .executeTakeFirst();
}

export async function seizedOf(db: Executor, evictionId: string) {
  return db.selectFrom('eviction_tallies').select(['kind', 'term', 'n', 'at_least'])
    .where('eviction_id', '=', evictionId).orderBy('kind').orderBy('term').execute();
}

/** French labels of the codes used in the record (force corps, vehicles, items). */
export async function termLabels(db: Executor): Promise<Map<string, string>> {
  const rows = await db.selectFrom('taxonomy_terms').select(['kind', 'code', 'label_fr']).execute();
  return new Map(rows.map((r) => [`${r.kind}:${r.code}`, r.label_fr]));
}
