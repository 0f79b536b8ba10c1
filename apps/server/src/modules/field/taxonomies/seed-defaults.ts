import { createRequire } from 'node:module';
import type { TaxonomyKind } from '@vigie/domain';
import type { Executor } from '../../../platform/db/database.js';
import { DEFAULT_AREAS, DEFAULT_TERMS } from './defaults.js';
import { insertArea, insertCommunes, upsertTerm } from './taxonomies.queries.js';

type EtalabCommune = { code: string; nom: string; type: string };
const require = createRequire(import.meta.url);
let communeNames: Map<string, string> | undefined;

/** Official commune name from Etalab's offline dataset, by INSEE code (undefined if unknown). */
export function officialCommuneName(inseeCode: string): string | undefined {
  communeNames ??= new Map(
    (require('@etalab/decoupage-administratif/data/communes.json') as EtalabCommune[])
      .filter((c) => c.type === 'commune-actuelle')
      .map((c) => [c.code, c.nom]),
  );
  return communeNames.get(inseeCode);
}

function communeName(inseeCode: string): string {
  return officialCommuneName(inseeCode) ?? inseeCode;
}

/** Gives a new organisation HRO's areas, communes and lists, which its coordinators then edit. */
export async function seedOrganisationDefaults(trx: Executor, organisationId: string): Promise<void> {
  for (const area of DEFAULT_AREAS) {
    const areaId = await insertArea(trx, organisationId, area.code, area.name);
    await insertCommunes(trx, area.communes.map((inseeCode) => ({ organisationId, areaId, inseeCode, name: communeName(inseeCode) })));
  }
  for (const [kind, list] of Object.entries(DEFAULT_TERMS) as Array<[TaxonomyKind, (typeof DEFAULT_TERMS)[TaxonomyKind]]>) {
    for (const term of list) await upsertTerm(trx, organisationId, { kind, ...term, active: true });
  }
}
