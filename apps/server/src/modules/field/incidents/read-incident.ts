import { can, type IncidentPageView } from '@vigie/domain';
import type { AppContext } from '../../../platform/context.js';
import { recordAudit } from '../../../platform/audit/audit-trail.js';
import { inOrganisation } from '../../../platform/db/organisation-scope.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import type { Actor } from '../../../platform/http/request-context.js';
import { casesLinkedToIncident } from '../../legal/cases/linked-cases.js';
import { evidenceItemsOfEviction } from '../evidence/evidence-items.js';
import { evictionOfIncident } from '../evictions/read-eviction.js';
import { readHistory } from '../history/history.service.js';
import { referenceLists } from '../taxonomies/taxonomies.service.js';
import { evidenceCountsOf, findIncident, pseudonymsOf } from './incidents.queries.js';
import { presentIncidentForReview, type EvidenceCounts } from './incidents.presenter.js';

/**
 * One incident whole: what was recorded (victims by pseudonym only), the eviction and operation it
 * happened in, its evidence (thumbnails are publication copies; originals for identities.read, each
 * read audited by the evidence module), its cases and its history. Whoever may not open its
 * eviction may not open it either; another organisation's incident is a 404. Each read is audited.
 */
export async function readIncidentPage(ctx: AppContext, actor: Actor, id: string, ip: string): Promise<IncidentPageView> {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const row = await findIncident(trx, id);
    if (!row) throw new AppError('incident.not_found');
    const { eviction, operation, present } = await evictionOfIncident(trx, actor, row.eviction_id);
    const persons = new Map((await pseudonymsOf(trx, row.person_ids)).map((p) => [p.id, p]));
    const counts: EvidenceCounts = { stored: 0, uploading: 0, rejected: 0 };
    for (const c of await evidenceCountsOf(trx, [id])) counts[c.status as keyof EvidenceCounts] = Number(c.n);
    const legal = can(actor.roles, 'legal.manage');
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'incident.read', entityType: 'incident', entityId: id, context: { ip },
    });
    return {
      incident: presentIncidentForReview(row, persons, counts),
      eviction, operation,
      evidence: (await evidenceItemsOfEviction(trx, row.eviction_id)).filter((x) => x.incidentId === id),
      cases: legal ? await casesLinkedToIncident(trx, id) : [],
      history: await readHistory(trx, 'incident', id),
      actions: {
        openCase: legal,
        witnessStatement: legal || (can(actor.roles, 'field.record') && present),
        readOriginals: can(actor.roles, 'identities.read'),
      },
      terms: (await referenceLists(trx)).terms,
    };
  });
}
