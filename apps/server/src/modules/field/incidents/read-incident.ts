import { can, canSeeUnverifiedOf, type IncidentPageView, type OutsideIncidentRowView } from '@vigie/domain';
import type { AppContext } from '../../../platform/context.js';
import { recordAudit } from '../../../platform/audit/audit-trail.js';
import { inOrganisation } from '../../../platform/db/organisation-scope.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import type { Actor } from '../../../platform/http/request-context.js';
import { casesLinkedToIncident } from '../../legal/cases/linked-cases.js';
import { evidenceItemsOfEviction, evidenceItemsOfIncident } from '../evidence/evidence-items.js';
import { recordReader } from '../evictions/eviction-visibility.js';
import { evictionOfIncident } from '../evictions/read-eviction.js';
import { readHistory } from '../history/history.service.js';
import { referenceLists } from '../taxonomies/taxonomies.service.js';
import { areaByCode, areaCodesOf, evidenceCountsOf, findIncident, listOutsideIncidentRows, placeOf, pseudonymsOf } from './incidents.queries.js';
import { presentIncident, presentIncidentForReview, type EvidenceCounts } from './incidents.presenter.js';

/**
 * One incident whole: what was recorded (victims by pseudonym only), the eviction and operation it
 * happened in (or, outside an eviction, its own area and site or place), its evidence (thumbnails are publication copies; originals for identities.read, each
 * read audited by the evidence module), its cases and its history. Whoever may not open its
 * eviction may not open it either (outside an eviction: the same rule on its own state); another organisation's incident is a 404. Each read is audited.
 */
export async function readIncidentPage(ctx: AppContext, actor: Actor, id: string, ip: string): Promise<IncidentPageView> {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const row = await findIncident(trx, id);
    if (!row) throw new AppError('incident.not_found');
    const during = row.eviction_id === null ? null : await evictionOfIncident(trx, actor, row.eviction_id);
    if (row.eviction_id === null) assertMayReadOutside(actor, row);
    const persons = new Map((await pseudonymsOf(trx, row.person_ids)).map((p) => [p.id, p]));
    const counts: EvidenceCounts = { stored: 0, uploading: 0, rejected: 0 };
    for (const c of await evidenceCountsOf(trx, [id])) counts[c.status as keyof EvidenceCounts] = Number(c.n);
    const legal = can(actor.roles, 'legal.manage');
    const areas = await areaCodesOf(trx, [row.area_id]);
    const place = row.area_id === null ? null : await placeOf(trx, row.area_id, row.site_id);
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'incident.read', entityType: 'incident', entityId: id, context: { ip },
    });
    return {
      incident: presentIncidentForReview(row, persons, counts, areas),
      eviction: during?.eviction ?? null, operation: during?.operation ?? null,
      place: place && { area: { code: place.area.code, name: place.area.name }, site: place.site, place: row.place },
      evidence: row.eviction_id === null
        ? await evidenceItemsOfIncident(trx, id)
        : (await evidenceItemsOfEviction(trx, row.eviction_id)).filter((x) => x.incidentId === id),
      cases: legal ? await casesLinkedToIncident(trx, id) : [],
      history: await readHistory(trx, 'incident', id),
      actions: {
        openCase: legal,
        // A witness statement (legal/witness-statements): the eviction's during one; outside, the incident's own, by its reporter.
        witnessStatement: legal || (can(actor.roles, 'field.record') && (during ? during.present : row.created_by === actor.userId)),
        readOriginals: can(actor.roles, 'identities.read'),
        review: row.eviction_id === null && can(actor.roles, 'field.verify'),
      },
      terms: (await referenceLists(trx)).terms,
    };
  });
}

/** Outside an eviction: the rule of evictions (canSeeUnverifiedOf) on the incident's own state. */
function assertMayReadOutside(actor: Actor, row: { status: string | null; created_by: string }) {
  if (row.status !== 'verified' && !canSeeUnverifiedOf(actor.roles, actor.userId, row.created_by)) throw new AppError('incident.unverified');
}

/** Incidents outside an eviction, for the office list: newest first, those the reader may see. */
export async function listOutsideIncidents(ctx: AppContext, actor: Actor, f: { from?: string | undefined; to?: string | undefined; areaCode?: string | undefined; status?: string | undefined }): Promise<OutsideIncidentRowView[]> {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const area = f.areaCode ? await areaByCode(trx, f.areaCode) : undefined;
    if (f.areaCode && !area) throw new AppError('field.unknown_area');
    const rows = await listOutsideIncidentRows(trx, { from: f.from, to: f.to, areaId: area?.id, status: f.status }, recordReader(actor), 500);
    const persons = new Map((await pseudonymsOf(trx, [...new Set(rows.flatMap((r) => r.person_ids))])).map((p) => [p.id, p]));
    return rows.map((r) => ({
      ...presentIncident(r, persons, new Map([[r.area_id!, r.area_code]])),
      areaName: r.area_name, site: r.site_id && r.site_code ? { id: r.site_id, code: r.site_code, name: r.site_name ?? '' } : null,
    }));
  });
}
