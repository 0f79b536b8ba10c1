import { can, type OperationPageView } from '@vigie/domain';
import type { AppContext } from '../../../platform/context.js';
import { recordAudit } from '../../../platform/audit/audit-trail.js';
import { inOrganisation } from '../../../platform/db/organisation-scope.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import type { Actor } from '../../../platform/http/request-context.js';
import { canReadEvictions, evictionRowsOfOperation } from '../evictions/read-eviction.js';
import { readHistory } from '../history/history.service.js';
import { incidentsOfEviction } from '../incidents/list-incidents.js';
import { referenceLists } from '../taxonomies/taxonomies.service.js';
import { findOperation, memberNames } from './operations.queries.js';
import { operationTimeline, presentOperation } from './operations.presenter.js';

/**
 * One operation whole, for the office: its evictions (those this reader may open: unverified ones
 * only for those present, verifiers and the legal pole), the incidents recorded during them, its
 * observers, its timeline and its version history. Another organisation's operation does not
 * exist here (row-level security): 404, never its content. Each read is audited.
 */
export async function readOperationPage(ctx: AppContext, actor: Actor, id: string, ip: string): Promise<OperationPageView> {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const o = await findOperation(trx, id);
    if (!o) throw new AppError('operation.not_found');
    if (!canReadEvictions(actor)) throw new AppError('auth.forbidden');
    const presentIds = [...new Set([o.created_by, ...o.observer_ids])];
    const names = new Map((await memberNames(trx, presentIds)).map((u) => [u.id, u.display_name]));
    const evictions = await evictionRowsOfOperation(trx, actor, id, presentIds);
    const incidents = [];
    for (const e of evictions) incidents.push(...await incidentsOfEviction(trx, e.id));
    const { areas, terms } = await referenceLists(trx);
    const present = presentIds.includes(actor.userId);
    const history = await readHistory(trx, 'operation', id);
    // Every value a field took in the history: areas and observers are ids, shown as names.
    const valuesOf = (field: string) => history.flatMap((v) => v.changes.filter((c) => c.field === field).flatMap((c) => [c.before, c.after]));
    const areaIds = new Set(valuesOf('areaId').filter((x): x is string => typeof x === 'string'));
    const peopleIds = [...new Set(valuesOf('observerIds').flatMap((x) => (Array.isArray(x) ? x : [])).filter((x): x is string => typeof x === 'string'))];
    const people = await memberNames(trx, peopleIds);
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'operation.read', entityType: 'operation', entityId: id, context: { ip },
    });
    return {
      operation: { ...presentOperation(o), areaName: areas.find((a) => a.id === o.area_id)?.name ?? null, createdByName: names.get(o.created_by) ?? null },
      observers: presentIds.filter((u) => names.has(u)).map((u) => ({ id: u, displayName: names.get(u)! })),
      evictions, incidents,
      timeline: operationTimeline(o, evictions, incidents),
      history,
      historyNames: {
        areas: areas.filter((a) => areaIds.has(a.id)).map((a) => ({ id: a.id, name: a.name })),
        people: people.map((u) => ({ id: u.id, displayName: u.display_name })),
      },
      // A witness statement is made per eviction: by the legal pole, or by an observer who was there.
      actions: { witnessStatement: can(actor.roles, 'legal.manage') || (can(actor.roles, 'field.record') && present) },
      terms,
    };
  });
}
