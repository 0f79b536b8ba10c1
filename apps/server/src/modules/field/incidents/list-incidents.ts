import type { IncidentReviewView } from '@vigie/domain';
import type { AppContext } from '../../../platform/context.js';
import type { Executor } from '../../../platform/db/database.js';
import { inOrganisation } from '../../../platform/db/organisation-scope.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import type { Actor } from '../../../platform/http/request-context.js';
import { lookupEviction } from '../evictions/eviction-lookup.js';
import { evidenceCountsOf, listIncidentsOfEviction, pseudonymsOf } from './incidents.queries.js';
import { presentIncidentForReview, type EvidenceCounts } from './incidents.presenter.js';

/** The incidents recorded during one eviction, with their evidence counts (eviction page, review). */
export async function incidentsOfEviction(db: Executor, evictionId: string): Promise<IncidentReviewView[]> {
  const rows = await listIncidentsOfEviction(db, evictionId);
  const persons = new Map((await pseudonymsOf(db, [...new Set(rows.flatMap((r) => r.person_ids))])).map((p) => [p.id, p]));
  const evidence = new Map<string, EvidenceCounts>();
  for (const c of await evidenceCountsOf(db, rows.map((r) => r.id))) {
    const counts = evidence.get(c.incident_id!) ?? { stored: 0, uploading: 0, rejected: 0 };
    counts[c.status as keyof EvidenceCounts] = Number(c.n);
    evidence.set(c.incident_id!, counts);
  }
  return rows.map((r) => presentIncidentForReview(r, persons, evidence.get(r.id)));
}

export async function listEvictionIncidents(ctx: AppContext, actor: Actor, evictionId: string) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    if (!(await lookupEviction(trx, evictionId))) throw new AppError('eviction.not_found');
    return incidentsOfEviction(trx, evictionId);
  });
}
