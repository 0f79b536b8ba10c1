import { canChangeRecordOf, type IncidentInput } from '@vigie/domain';
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
import { findIncidentForUpdate, findPseudonymousPerson, insertIncident, insertPseudonymousPerson, updateIncident, updatePseudonymousPerson } from './incidents.queries.js';

/**
 * An incident and its pseudonymous victims. Only pseudonyms are taken from the field: the
 * minimum that lets the legal pole link testimonies without naming anyone on a phone that
 * may be seized.
 */
export async function saveIncident(trx: Trx, actor: Actor, input: IncidentInput, baseVersion: number | null, commandId: string | null, now = new Date()) {
  if (Date.parse(input.occurredAt) > now.getTime() + 5 * 60_000) {
    throw new AppError('field.invalid_record', { problems: [{ field: 'occurredAt', problem: 'in_future' }] });
  }
  const eviction = await findEviction(trx, input.evictionId);
  if (!eviction) throw new AppError('eviction.not_found');
  if (!canEditEviction(actor, eviction)) throw new AppError('field.not_editable');
  await assertTermsExist(trx, [[input.kind === 'violence' ? 'incident_type' : 'obstruction_type', input.incidentType]]);
  for (const v of input.victims) await savePseudonymousPerson(trx, actor, v);
  const columns = {
    eviction_id: input.evictionId, kind: input.kind, incident_type: input.incidentType, occurred_at: new Date(input.occurredAt),
    unit: input.unit, description: input.description, person_ids: input.victims.map((v) => v.id),
  };
  const existing = await findIncidentForUpdate(trx, input.id);
  let version = 1;
  if (!existing) {
    await insertIncident(trx, { id: input.id, organisation_id: actor.organisationId, created_by: actor.userId, ...columns });
  } else {
    await assertNoConcurrentEdit(trx, 'incident', input.id, baseVersion, existing.version, actor.userId);
    version = existing.version + 1;
    if (existing.eviction_id !== input.evictionId) throw new AppError('field.not_editable');
    await updateIncident(trx, input.id, { ...columns, version, updated_at: new Date(), change_xid: currentXid() });
  }
  await insertVersion(trx, { organisationId: actor.organisationId, entityType: 'incident', entityId: input.id, version, data: input, changedBy: actor.userId, commandId });
  await recordAudit(trx, {
    organisationId: actor.organisationId, actorId: actor.userId, action: existing ? 'incident.updated' : 'incident.created',
    entityType: 'incident', entityId: input.id, after: input, context: { commandId, version },
  });
  return version;
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
