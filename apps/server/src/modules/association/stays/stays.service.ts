import { formatDate, parisDate, type HouseCalendar, type StayInput, type StayView } from '@vigie/domain';
import type { AppContext } from '../../../platform/context.js';
import { recordAudit } from '../../../platform/audit/audit-trail.js';
import { inOrganisation } from '../../../platform/db/organisation-scope.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import type { Actor } from '../../../platform/http/request-context.js';
import { activeMember, itemsOfKind, lockedItemOfKind } from '../equipment/equipment.service.js';
import { cancelStay, findStay, insertStay, staysBetween, type StayRow } from './stays.queries.js';

/**
 * The flat and the offices (issue 19): who sleeps in which bed, from the arrival day to the
 * departure day (a departure frees the bed that same day, for the next arrival). A bed is an
 * inventory item; its location is its room. Two stays in one bed the same night are refused
 * under a lock on the bed, naming who is already there — nothing is saved.
 */
const presentStay = (s: StayRow): StayView => ({
  id: s.id, bedId: s.bed_id, personId: s.person_id, name: s.person_name ?? s.guest_name ?? '', arrivesOn: s.arrives_on, leavesOn: s.leaves_on, notes: s.notes,
});
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

export async function houseCalendar(ctx: AppContext, actor: Actor, from?: string, days = 28): Promise<HouseCalendar> {
  const start = from ?? parisDate(new Date());
  const end = addDays(start, days);
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const [beds, stays] = await Promise.all([itemsOfKind(trx, 'bed'), staysBetween(trx, start, end)]);
    const rooms = new Map<string, HouseCalendar['rooms'][number]['beds']>();
    for (const b of beds) {
      const room = b.location || '—';
      rooms.set(room, [...(rooms.get(room) ?? []), { id: b.id, label: b.label, stays: stays.filter((s) => s.bed_id === b.id).map(presentStay) }]);
    }
    return { from: start, to: end, rooms: [...rooms].sort(([a], [b]) => a.localeCompare(b, 'fr')).map(([room, list]) => ({ room, beds: list })) };
  });
}

export async function addStay(ctx: AppContext, actor: Actor, input: StayInput, ip: string): Promise<StayView> {
  if (input.leavesOn <= input.arrivesOn) throw new AppError('stay.leaves_before_arrival');
  if (!input.personId && !input.guestName) throw new AppError('stay.nobody');
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const bed = await lockedItemOfKind(trx, input.bedId, 'bed');
    if (input.personId && !(await activeMember(trx, input.personId))) throw new AppError('loan.unknown_person');
    const taken = (await staysBetween(trx, input.arrivesOn, input.leavesOn, input.bedId))[0];
    if (taken) {
      throw new AppError('stay.bed_taken', {
        bed: bed.label, name: taken.person_name ?? taken.guest_name ?? '', from: formatDate(taken.arrives_on, 'fr'), to: formatDate(taken.leaves_on, 'fr'),
      });
    }
    const { id } = await insertStay(trx, {
      organisation_id: actor.organisationId, bed_id: input.bedId, person_id: input.personId, guest_name: input.personId ? null : input.guestName,
      arrives_on: input.arrivesOn, leaves_on: input.leavesOn, notes: input.notes, created_by: actor.userId,
    });
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'stay.added', entityType: 'house_stay', entityId: id,
      after: { bedId: input.bedId, personId: input.personId, arrivesOn: input.arrivesOn, leavesOn: input.leavesOn }, context: { ip },
    });
    return presentStay((await findStay(trx, id))!);
  });
}

export async function removeStay(ctx: AppContext, actor: Actor, id: string, ip: string) {
  await inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    if (!(await findStay(trx, id))) throw new AppError('stay.not_found');
    await cancelStay(trx, id);
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'stay.cancelled', entityType: 'house_stay', entityId: id, context: { ip },
    });
  });
}
