import type { EquipmentInput } from '@vigie/domain';
import type { AppContext } from '../../../platform/context.js';
import type { Executor } from '../../../platform/db/database.js';
import { inOrganisation } from '../../../platform/db/organisation-scope.js';
import { recordAudit } from '../../../platform/audit/audit-trail.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import type { Actor } from '../../../platform/http/request-context.js';
import { deviceExists } from '../../field/phones/phones.service.js';
import { itemColumns, presentItem } from './equipment.presenter.js';
import { activePeople, findItems, findPerson, findPersonAnyState, insertItem, listItems, lockItems, openLoanOfItems, peopleByState, updateItem } from './equipment.queries.js';

/** The inventory (issue 19): what the association owns and lends, its state and where it is. */

async function inventory(trx: Executor) {
  const [items, out] = await Promise.all([listItems(trx), openLoanOfItems(trx)]);
  const byItem = new Map(out.map((o) => [o.item_id, o]));
  return items.map((i) => presentItem(i, byItem.get(i.id)));
}

export async function listEquipment(ctx: AppContext, actor: Actor) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => ({ items: await inventory(trx) }));
}

async function checkDevice(trx: Executor, input: EquipmentInput) {
  if (input.kind !== 'field_phone' || !input.deviceId) return;
  if (!(await deviceExists(trx, input.deviceId))) throw new AppError('equipment.unknown_device');
}

export async function addEquipment(ctx: AppContext, actor: Actor, input: EquipmentInput, ip: string) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    await checkDevice(trx, input);
    const row = await insertItem(trx, { organisation_id: actor.organisationId, created_by: actor.userId, ...itemColumns(input) });
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'equipment.added', entityType: 'equipment_item', entityId: row.id,
      after: { kind: row.kind, label: row.label, state: row.state }, context: { ip },
    });
    return presentItem(row, undefined);
  });
}

export async function editEquipment(ctx: AppContext, actor: Actor, id: string, input: EquipmentInput, ip: string) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const [before] = await findItems(trx, [id]);
    if (!before) throw new AppError('equipment.not_found');
    await checkDevice(trx, input);
    const row = (await updateItem(trx, id, itemColumns(input)))!;
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'equipment.changed', entityType: 'equipment_item', entityId: id,
      before: { label: before.label, state: before.state, location: before.location }, after: { label: row.label, state: row.state, location: row.location },
      context: { ip },
    });
    return (await inventory(trx)).find((i) => i.id === id)!;
  });
}

/** The people things may be lent to: the organisation's active members. */
export async function housePeople(ctx: AppContext, actor: Actor) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => ({
    people: (await activePeople(trx)).map((p) => ({ id: p.id, displayName: p.display_name })),
  }));
}

/**
 * For the modules that give items a life of their own (vehicles, beds): an item of one kind,
 * locked for the caller's transaction so two bookings of it cannot both pass their checks.
 */
export async function lockedItemOfKind(trx: Executor, id: string, kind: 'vehicle' | 'bed', lock = true) {
  if (lock) await lockItems(trx, [id]);
  const [row] = await findItems(trx, [id]);
  if (!row || row.kind !== kind) throw new AppError('equipment.not_found');
  return row;
}

/** The inventory's items of one kind (not retired nor lost, unless asked; those then come last): the vehicles, the beds. */
export async function itemsOfKind(trx: Executor, kind: 'vehicle' | 'bed', withRetired = false) {
  const gone = (i: { state: string }) => i.state === 'retired' || i.state === 'lost';
  const items = (await listItems(trx)).filter((i) => i.kind === kind && (withRetired || !gone(i)));
  return [...items.filter((i) => !gone(i)), ...items.filter(gone)];
}

/** The organisation's people with an active account, or the former ones (deactivated), for the arrivals and departures list. */
export async function peopleOfState(ctx: AppContext, actor: Actor, state: 'active' | 'former') {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => ({
    people: (await peopleByState(trx, state === 'active')).map((p) => ({ id: p.id, displayName: p.display_name, active: p.active })),
  }));
}

/** A member of the organisation, active or deactivated (a person's arrival and departure page), or undefined. */
export async function memberInAnyState(trx: Executor, id: string) {
  return findPersonAnyState(trx, id);
}

/** An active member of the organisation (a driver, a guest of the flat, a task's assignee), or undefined. */
export async function activeMember(trx: Executor, id: string) {
  return findPerson(trx, id);
}
