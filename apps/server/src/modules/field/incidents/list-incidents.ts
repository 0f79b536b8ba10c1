import type { AppContext } from '../../../platform/context.js';
import { inOrganisation } from '../../../platform/db/organisation-scope.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import type { Actor } from '../../../platform/http/request-context.js';
import { findEviction } from '../evictions/evictions.queries.js';
import { evidenceCountsOf, listIncidentsOfEviction, pseudonymsOf } from './incidents.queries.js';
import { presentIncidentForReview, type EvidenceCounts } from './incidents.presenter.js';

/** The incidents recorded during one eviction, for its review. */
export async function listEvictionIncidents(ctx: AppContext, actor: Actor, evictionId: string) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    if (!(await findEviction(trx, evictionId))) throw new AppError('eviction.not_found');
    const rows = await listIncidentsOfEviction(trx, evictionId);
    const persons = new Map((await pseudonymsOf(trx, [...new Set(rows.flatMap((r) => r.person_ids))])).map((p) => [p.id, p]));
    const evidence = new Map<string, EvidenceCounts>();
    for (const c of await evidenceCountsOf(trx, rows.map((r) => r.id))) {
      const counts = evidence.get(c.incident_id!) ?? { stored: 0, uploading: 0, rejected: 0 };
      counts[c.status as keyof EvidenceCounts] = Number(c.n);
      evidence.set(c.incident_id!, counts);
    }
    return rows.map((r) => presentIncidentForReview(r, persons, evidence.get(r.id)));
  });
}
