import type { SiteView } from '@vigie/domain';
import type { Selectable } from 'kysely';
import type { SitesTable } from '../../../platform/db/schema.js';

/** The whitelist of what leaves the server about a site. */
export function presentSite(s: Selectable<SitesTable>): SiteView {
  return {
    id: s.id, code: s.code, name: s.name, aliases: s.aliases, areaId: s.area_id, communeInsee: s.commune_insee,
    latitude: s.latitude, longitude: s.longitude, active: s.active, notes: s.notes, version: s.version, mergedInto: s.merged_into,
    updatedAt: s.updated_at.toISOString(),
  };
}
