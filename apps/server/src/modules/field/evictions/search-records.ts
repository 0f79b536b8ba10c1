import type { RecordSearchQuery, RecordSearchView } from '@vigie/domain';
import type { AppContext } from '../../../platform/context.js';
import { inOrganisation } from '../../../platform/db/organisation-scope.js';
import type { Actor } from '../../../platform/http/request-context.js';
import { searchEvidence } from '../evidence/search-evidence.js';
import { searchIncidents } from '../incidents/search-incidents.js';
import { siteOptions } from '../sites/site-options.js';
import { referenceLists } from '../taxonomies/taxonomies.service.js';
import { recordReader } from './eviction-visibility.js';
import { likePattern, searchEvictionRows } from './evictions.queries.js';

const LIMIT = 50;

/**
 * The legal pole's and coordinators' pickers: evictions, incidents or evidence by date, site, force,
 * incident type or free text, as full rows to choose from; with the options the filters offer.
 */
export async function searchRecords(ctx: AppContext, actor: Actor, f: RecordSearchQuery): Promise<RecordSearchView> {
  // Today only roles that see unverified records reach it; the filter keeps it so if that changes.
  const reader = recordReader(actor);
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const filter = {
      ...(f.from && { from: f.from }), ...(f.to && { to: f.to }), ...(f.siteId && { siteId: f.siteId }),
      ...(f.corps && { corps: f.corps }), ...(f.incidentType && { incidentType: f.incidentType }), ...(f.q && { q: f.q }),
    };
    const pattern = f.q ? { pattern: likePattern(f.q) } : {};
    const results = f.target === 'incident' ? await searchIncidents(trx, { ...filter, ...pattern }, LIMIT, reader)
      : f.target === 'evidence' ? await searchEvidence(trx, { ...filter, ...pattern }, LIMIT, reader)
      : (await searchEvictionRows(trx, filter, LIMIT, reader)).map((r) => ({
        target: 'eviction' as const, id: r.id, evictionId: r.id, incidentId: null, at: r.arrived_at.toISOString(), status: r.status,
        site: { id: r.site_id, code: r.site_code ?? '?', name: r.site_name ?? '' }, place: null,
        detail: r.persons_evicted === null ? null : `${r.persons_evicted_at_least ? '≥' : ''}${r.persons_evicted}`,
      }));
    const { terms } = await referenceLists(trx);
    const pick = (kind: string) => terms.filter((x) => x.kind === kind).map((x) => ({ code: x.code, labelFr: x.labelFr, labelEn: x.labelEn }));
    return { results, options: { sites: await siteOptions(trx), corps: pick('force_corps'), incidentTypes: pick('incident_type') } };
  });
}
