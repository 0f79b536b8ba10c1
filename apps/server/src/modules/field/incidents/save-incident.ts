import { can, canChangeRecordOf, incidentPlaceProblems, type IncidentInput } from '@vigie/domain';
import type { Trx } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import { currentXid } from '../../../platform/db/change-xid.js';
import { recordAudit } from '../../../platform/audit/audit-trail.js';
import type { Actor } from '../../../platform/http/request-context.js';
import { insertVersion } from '../history/history.service.js';
import { assertNoConcurrentEdit } from '../history/version-check.js';
import { assertTermsExist } from '../taxonomies/term-check.js';
import { canEditEviction } from '../evictions/save-eviction.js';
import { lookupEviction as findEviction } from '../evictions/eviction-lookup.js';
import { areaByCode, findIncidentForUpdate, findPseudonymousPerson, siteOfArea, insertIncident, insertPseudonymousPerson, updateIncident, updatePseudonymousPerson } from './incidents.queries.js';

/**
 * An incident and its pseudonymous victims. Only pseudonyms are taken from the field: the
 * minimum that lets the legal pole link testimonies without naming anyone on a phone that
 * may be seized.
 */
export async function saveIncident(trx: Trx, actor: Actor, input: IncidentInput, baseVersion: number | null, commandId: string | null, now = new Date()) {
  if (Date.parse(input.occurredAt) > now.getTime() + 5 * 60_000) {
    throw new AppError('field.invalid_record', { problems: [{ field: 'occurredAt', problem: 'in_future' }] });
  }
  const placeProblems = incidentPlaceProblems(input);
  if (placeProblems.length) throw new AppError('field.invalid_record', { problems: placeProblems });
  const existing = await findIncidentForUpdate(trx, input.id);
  // An incident stays where it was recorded: during its eviction, or outside any.
  if (existing && existing.eviction_id !== input.evictionId) throw new AppError('field.not_editable');
  const where = input.evictionId === null ? await ownPlace(trx, actor, input, existing) : await evictionPlace(trx, actor, input.evictionId);
  await assertTermsExist(trx, [[input.kind === 'violence' ? 'incident_type' : 'obstruction_type', input.incidentType]]);
  for (const v of input.victims) await savePseudonymousPerson(trx, actor, v);
  const columns = {
    eviction_id: input.evictionId, kind: input.kind, incident_type: input.incidentType, occurred_at: new Date(input.occurredAt),
    unit: input.unit, description: input.description, person_ids: input.victims.map((v) => v.id), ...where,
  };
  let version = 1;
  if (!existing) {
    await insertIncident(trx, { id: input.id, organisation_id: actor.organisationId, created_by: actor.userId, ...columns });
  } else {
    await assertNoConcurrentEdit(trx, 'incident', input.id, baseVersion, existing.version, actor.userId);
    version = existing.version + 1;
    await updateIncident(trx, input.id, { ...columns, version, updated_at: new Date(), change_xid: currentXid() });
  }
  await insertVersion(trx, { organisationId: actor.organisationId, entityType: 'incident', entityId: input.id, version, data: input, changedBy: actor.userId, commandId });
  await recordAudit(trx, {
    organisationId: actor.organisationId, actorId: actor.userId, action: existing ? 'incident.updated' : 'incident.created',
    entityType: 'incident', entityId: input.id, after: input, context: { commandId, version },
  });
  return version;
}

/** During an eviction: editable as the eviction is; the place and state are the eviction's. */
async function evictionPlace(trx: Trx, actor: Actor, evictionId: string) {
  const eviction = await findEviction(trx, evictionId);
  if (!eviction) throw new AppError('eviction.not_found');
  if (!canEditEviction(actor, eviction)) throw new AppError('field.not_editable');
  return {};
}

/**
 * Outside an eviction: the area, and a site of that area or a place in words. Recorded, it waits
 * for a coordinator (submitted); its author may correct it until it is verified — a correction
 * goes back to the coordinator — and those who verify may correct it at any time, keeping its state.
 */
async function ownPlace(trx: Trx, actor: Actor, input: IncidentInput, existing: { created_by: string; status: string | null } | undefined) {
  if (existing && !canEditOutsideIncident(actor, existing)) throw new AppError('field.not_editable');
  const area = await areaByCode(trx, input.areaCode!);
  if (!area) throw new AppError('field.unknown_area');
  if (input.siteId && !(await siteOfArea(trx, area.id, input.siteId))) throw new AppError('field.unknown_site');
  const verifier = can(actor.roles, 'field.verify');
  const status = existing && verifier ? existing.status! : 'submitted';
  return { area_id: area.id, site_id: input.siteId, place: input.place, status, rejection_reason: status === 'submitted' ? null : undefined };
}

export function canEditOutsideIncident(actor: Actor, row: { created_by: string; status: string | null }): boolean {
  if (can(actor.roles, 'field.verify')) return true;
  return row.created_by === actor.userId && row.status !== 'verified';
}

/**
 * A victim named in an incident: new ones are recorded under the actor; an existing person keeps
 * their pseudonym and minor flag unless the actor recorded them or verifies (the author rule). Naming
 * someone already recorded without changing them is always fine: that is how testimonies are linked.
 */
async function savePseudonymousPerson(trx: Trx, actor: Actor, v: IncidentInput['victims'][number]) {
  const person = await findPseudonymousPerson(trx, v.id);
  if (!person) {
    await insertPseudonymousPerson(trx, { id: v.id, organisationId: actor.organisationId, pseudonym: v.pseudonym, minor: v.minor, createdBy: actor.userId });
    return;
  }
  if (person.pseudonym === v.pseudonym && person.minor === v.minor) return;
  if (!canChangeRecordOf(actor.roles, actor.userId, person.created_by)) throw new AppError('person.not_author');
  await updatePseudonymousPerson(trx, v);
}
