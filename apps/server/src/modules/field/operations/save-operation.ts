import { parisDate, type OperationInput } from '@vigie/domain';
import type { Trx } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import { currentXid } from '../../../platform/db/change-xid.js';
import { recordAudit } from '../../../platform/audit/audit-trail.js';
import type { Actor } from '../../../platform/http/request-context.js';
import { can } from '@vigie/domain';
import { insertVersion } from '../history/history.service.js';
import { assertNoConcurrentEdit } from '../history/version-check.js';
import { assertTermsExist } from '../taxonomies/term-check.js';
import { refusedCoObservers } from './co-observers.js';

function columns(o: OperationInput) {
  return {
    area_id: o.areaId, date: parisDate(o.startedAt), started_at: new Date(o.startedAt), ended_at: o.endedAt ? new Date(o.endedAt) : null,
    operation_type: o.operationType, officer_in_charge: o.officerInCharge, authorities_present: o.authoritiesPresent,
    weather_alert: o.weatherAlert, observer_ids: o.observerIds, notes: o.notes,
  };
}

export async function saveOperation(trx: Trx, actor: Actor, input: OperationInput, baseVersion: number | null, commandId: string | null, now = new Date()) {
  if (Date.parse(input.startedAt) > now.getTime() + 5 * 60_000) throw new AppError('field.invalid_record', { problems: [{ field: 'startedAt', problem: 'in_future' }] });
  if (input.endedAt && Date.parse(input.endedAt) < Date.parse(input.startedAt)) {
    throw new AppError('field.invalid_record', { problems: [{ field: 'endedAt', problem: 'left_before_arrival' }] });
  }
  const area = await trx.selectFrom('areas').select('id').where('id', '=', input.areaId).executeTakeFirst();
  if (!area) throw new AppError('field.unknown_area');
  if (input.operationType) await assertTermsExist(trx, [['operation_type', input.operationType]]);
  const existing = await trx.selectFrom('operations').selectAll().where('id', '=', input.id).forUpdate().executeTakeFirst();
  // Co-observers are picked from the team on the phone: each added one must be an active member of this
  // organisation (row-level security hides others) who observes, since being named here lets them make a witness statement.
  const added = input.observerIds.filter((u) => !existing?.observer_ids.includes(u));
  if (added.length > 0 && (await refusedCoObservers(trx, added)).length > 0) {
    throw new AppError('field.invalid_record', { problems: [{ field: 'observerIds', problem: 'unknown_member' }] });
  }
  let version = 1;
  if (!existing) {
    await trx.insertInto('operations').values({
      id: input.id, organisation_id: actor.organisationId, created_by: actor.userId, updated_by: actor.userId, ...columns(input),
    }).execute();
  } else {
    if (existing.created_by !== actor.userId && !can(actor.roles, 'field.verify')) throw new AppError('field.not_editable');
    await assertNoConcurrentEdit(trx, 'operation', input.id, baseVersion, existing.version, actor.userId);
    version = existing.version + 1;
    await trx.updateTable('operations').set({ ...columns(input), version, updated_by: actor.userId, updated_at: new Date(), change_xid: currentXid() })
      .where('id', '=', input.id).execute();
  }
  await insertVersion(trx, { organisationId: actor.organisationId, entityType: 'operation', entityId: input.id, version, data: input, changedBy: actor.userId, commandId });
  await recordAudit(trx, {
    organisationId: actor.organisationId, actorId: actor.userId, action: existing ? 'operation.updated' : 'operation.created',
    entityType: 'operation', entityId: input.id, after: input, context: { commandId, version },
  });
  return version;
}
