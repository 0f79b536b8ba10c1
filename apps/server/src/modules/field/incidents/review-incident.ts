import type { AppContext } from '../../../platform/context.js';
import { inOrganisation } from '../../../platform/db/organisation-scope.js';
import { currentXid } from '../../../platform/db/change-xid.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import { recordAudit } from '../../../platform/audit/audit-trail.js';
import type { Actor } from '../../../platform/http/request-context.js';
import { insertVersion } from '../history/history.service.js';
import { areaCodesOf, findIncidentForUpdate, pseudonymsOf, updateIncident } from './incidents.queries.js';
import { incidentInputOf, presentIncident } from './incidents.presenter.js';

/**
 * A coordinator's review of an incident outside an eviction (an eviction's incidents follow their
 * eviction's review): verify a submitted one, or send it back with a reason. Only verified ones
 * count in the statistics and are seen by every reader.
 */
async function changeStatus(ctx: AppContext, actor: Actor, id: string, version: number, to: 'verified' | 'rejected', reason: string | null) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const row = await findIncidentForUpdate(trx, id);
    if (!row || row.deleted_at) throw new AppError('incident.not_found');
    if (row.eviction_id !== null) throw new AppError('incident.follows_eviction');
    if (row.version !== version) throw new AppError('field.version_conflict', { currentVersion: row.version });
    const allowed = to === 'verified' ? ['submitted'] : ['submitted', 'verified'];
    if (!allowed.includes(row.status!)) throw new AppError('eviction.wrong_status', { status: row.status });
    const next = row.version + 1;
    await updateIncident(trx, id, { status: to, rejection_reason: reason, version: next, updated_at: new Date(), change_xid: currentXid() });
    const persons = new Map((await pseudonymsOf(trx, row.person_ids)).map((p) => [p.id, p]));
    const data = incidentInputOf(presentIncident(row, persons, await areaCodesOf(trx, [row.area_id])));
    await insertVersion(trx, {
      organisationId: actor.organisationId, entityType: 'incident', entityId: id, version: next, data: { ...data, status: to, rejectionReason: reason }, changedBy: actor.userId,
    });
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: `incident.${to}`, entityType: 'incident', entityId: id,
      before: { status: row.status }, after: { status: to, rejectionReason: reason },
    });
    return { id, version: next, status: to };
  });
}

export const verifyIncident = (ctx: AppContext, actor: Actor, id: string, version: number) => changeStatus(ctx, actor, id, version, 'verified', null);
export const rejectIncident = (ctx: AppContext, actor: Actor, id: string, version: number, reason: string) => changeStatus(ctx, actor, id, version, 'rejected', reason);
