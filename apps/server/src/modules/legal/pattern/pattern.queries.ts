import type { Executor } from '../../../platform/db/database.js';

/**
 * The records behind pattern evidence. Which evictions count (verified, live, unmerged, in the
 * period and in the area of their site) is the statistics engine's decision: it gives their ids,
 * and these read what the annexes print about them.
 */
export type PatternFilter = { from: string; to: string; area?: string };

export async function findArea(db: Executor, code: string) {
  return db.selectFrom('areas').select(['id', 'code', 'name']).where('code', '=', code).executeTakeFirst();
}

export async function evictionsByIds(db: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('evictions as e')
    .innerJoin('sites as s', 's.id', 'e.site_id')
    .leftJoin('communes as c', 'c.insee_code', 's.commune_insee')
    .select([
      'e.id', 'e.date', 'e.arrived_at', 'e.persons_evicted', 'e.persons_evicted_at_least', 'e.unaccompanied_minors',
      'e.unaccompanied_minors_at_least', 'e.arrests_with_violence', 'e.arrests_with_violence_at_least', 'e.shelter_offered',
      'e.social_assessment', 's.code as site_code', 's.commune_insee', 'c.name as commune_name',
    ])
    .where('e.id', 'in', ids)
    .orderBy('e.arrived_at').orderBy('e.id').execute();
}

export async function incidentsOf(db: Executor, evictionIds: string[]) {
  if (evictionIds.length === 0) return [];
  return db.selectFrom('incidents').select(['id', 'eviction_id', 'kind', 'incident_type', 'occurred_at', 'unit'])
    .where('eviction_id', 'in', evictionIds).where('deleted_at', 'is', null)
    .orderBy('occurred_at').orderBy('id').execute();
}

export async function seizedOf(db: Executor, evictionIds: string[]) {
  if (evictionIds.length === 0) return [];
  return db.selectFrom('eviction_tallies').select(['eviction_id', 'term', 'n', 'at_least'])
    .where('eviction_id', 'in', evictionIds).where('kind', '=', 'seized').orderBy('term').execute();
}

export async function labelsFr(db: Executor): Promise<Map<string, string>> {
  const rows = await db.selectFrom('taxonomy_terms').select(['kind', 'code', 'label_fr']).execute();
  return new Map(rows.map((r) => [`${r.kind}:${r.code}`, r.label_fr]));
}

export async function listAreas(db: Executor) {
  return db.selectFrom('areas').select(['code', 'name']).where('active', '=', true).orderBy('name').execute();
}
