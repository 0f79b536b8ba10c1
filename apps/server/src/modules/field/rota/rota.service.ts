import { can, normaliseRoles, parisDate, type RotaExceptionInput, type RotaMineView, type RotaRole, type RotaRuleInput, type RotaShiftState, type RotaView } from '@vigie/domain';
import type { AppContext } from '../../../platform/context.js';
import { recordAudit } from '../../../platform/audit/audit-trail.js';
import type { Trx } from '../../../platform/db/database.js';
import { inOrganisation } from '../../../platform/db/organisation-scope.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import type { Actor } from '../../../platform/http/request-context.js';
import {
  activeMembers, addPerson, deleteException, ensureShift, exceptionsBetween, findMember, findPerson, findRotaArea, findShift, insertException,
  isOnShift, markNothingToReport, operationDays, peopleOf, removePerson, rotaAreas, setNoShow, setOffered, shiftStaffing, shiftsBetween,
  upsertRule, type MemberRow,
} from './rota.queries.js';
import { remindLateSignUp } from './rota-reminders.js';

/**
 * The observation rota's use cases. Short shifts are warned about (`missing` in the view),
 * never blocked: HRO goes out with whoever is there. Sign-up, withdrawal and "rien à signaler"
 * are the volunteer's own acts from the phone; rules, exceptions and no-shows are the
 * coordinators' (association.manage).
 */

const MAX_RANGE_DAYS = 92;
const dayMs = 86_400_000;
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T12:00:00Z`) + n * dayMs).toISOString().slice(0, 10);
const isoWeekday = (day: string) => ((new Date(`${day}T12:00:00Z`).getUTCDay() + 6) % 7) + 1;
const validDay = (d: string) => !Number.isNaN(Date.parse(`${d}T12:00:00Z`)) && new Date(`${d}T12:00:00Z`).toISOString().slice(0, 10) === d;

export const todayInParis = () => parisDate(new Date());

async function areaOrFail(trx: Trx, code: string) {
  const area = await findRotaArea(trx, code);
  if (!area) throw new AppError('rota.unknown_area', { area: code });
  return area;
}

function checkDay(day: string) {
  if (!validDay(day)) throw new AppError('rota.invalid_day', { day });
}

export async function rotaView(ctx: AppContext, actor: Actor, q: { from?: string | undefined; to?: string | undefined }): Promise<RotaView> {
  const today = todayInParis();
  const from = q.from ?? addDays(today, -7);
  const to = q.to ?? addDays(today, 21);
  checkDay(from); checkDay(to);
  if (to < from) throw new AppError('rota.range_reversed', { from, to });
  if ((Date.parse(to) - Date.parse(from)) / dayMs + 1 > MAX_RANGE_DAYS) throw new AppError('rota.range_too_long', { maxDays: MAX_RANGE_DAYS });
  const manager = can(actor.roles, 'association.manage');
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const areas = await rotaAreas(trx);
    const members = manager ? (await activeMembers(trx, actor.organisationId)).filter(maySignUp) : [];
    const exceptions = await exceptionsBetween(trx, from, to);
    const shifts = await shiftsBetween(trx, from, to);
    const people = await peopleOf(trx, shifts.map((s) => s.id));
    const ops = new Set((await operationDays(trx, from, to)).map((o) => `${o.area_id}:${o.day}`));
    const days: string[] = [];
    for (let d = from; d <= to; d = addDays(d, 1)) days.push(d);
    return {
      from, to, today,
      members: members.map((m) => ({ userId: m.id, name: m.display_name })),
      areas: areas.map((a) => {
        const own = exceptions.filter((x) => x.area_id === a.id);
        return {
          id: a.id, code: a.code, name: a.name,
          rule: a.weekdays ? { weekdays: [...a.weekdays].sort(), minObservers: a.min_observers!, minDrivers: a.min_drivers! } : null,
          exceptions: own.map((x) => ({ id: x.id, from: x.from_day, to: x.to_day, reason: x.reason })),
          days: days.map((day) => {
            const exception = own.find((x) => x.from_day <= day && day <= x.to_day) ?? null;
            const byRule = a.weekdays ? a.weekdays.includes(isoWeekday(day)) : true;
            const shift = shifts.find((s) => s.area_id === a.id && s.day === day);
            const on = shift ? people.filter((p) => p.shift_id === shift.id) : [];
            const present = on.filter((p) => !p.no_show);
            return {
              day, expected: byRule && !exception, exception: byRule && exception ? exception.reason : null,
              people: on.map((p) => ({ userId: p.user_id, name: p.name, role: p.role, noShow: p.no_show, me: p.user_id === actor.userId, offered: p.offered })),
              missing: {
                observers: Math.max(0, (a.min_observers ?? 2) - present.filter((p) => p.role === 'observer').length),
                drivers: Math.max(0, (a.min_drivers ?? 1) - present.filter((p) => p.role === 'driver').length),
              },
              nothingToReport: shift?.nothing_to_report ?? false,
              operationRecorded: ops.has(`${a.id}:${day}`),
              past: day < today, today: day === today,
            };
          }),
        };
      }),
    };
  });
}

export async function saveRule(ctx: AppContext, actor: Actor, code: string, input: RotaRuleInput): Promise<void> {
  const weekdays = [...new Set(input.weekdays)].sort();
  if (weekdays.length === 0) throw new AppError('rota.no_expected_day');
  await inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const area = await areaOrFail(trx, code);
    await upsertRule(trx, actor.organisationId, area.id, weekdays, input.minObservers, input.minDrivers, actor.userId);
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'rota.rule_saved', entityType: 'area', entityId: area.id,
      before: area.weekdays ? { weekdays: area.weekdays, minObservers: area.min_observers, minDrivers: area.min_drivers } : null,
      after: { weekdays, minObservers: input.minObservers, minDrivers: input.minDrivers },
    });
  });
}

export async function addException(ctx: AppContext, actor: Actor, code: string, input: RotaExceptionInput): Promise<string> {
  checkDay(input.from); checkDay(input.to);
  if (input.to < input.from) throw new AppError('rota.range_reversed', { from: input.from, to: input.to });
  if ((Date.parse(input.to) - Date.parse(input.from)) / dayMs > 366) throw new AppError('rota.range_too_long', { maxDays: 367 });
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const area = await areaOrFail(trx, code);
    const id = await insertException(trx, actor.organisationId, area.id, input.from, input.to, input.reason, actor.userId);
    await recordAudit(trx, { organisationId: actor.organisationId, actorId: actor.userId, action: 'rota.exception_added', entityType: 'rota_exception', entityId: id, after: input });
    return id;
  });
}

export async function removeException(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  await inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const gone = await deleteException(trx, id);
    if (!gone) throw new AppError('rota.exception_not_found');
    await recordAudit(trx, { organisationId: actor.organisationId, actorId: actor.userId, action: 'rota.exception_removed', entityType: 'rota_exception', entityId: id, before: gone });
  });
}

/** A volunteer puts themself on the shift of an area and day (today or later). */
export async function signUp(ctx: AppContext, actor: Actor, input: { areaCode: string; day: string; role: RotaRole }): Promise<void> {
  checkDay(input.day);
  if (input.day < todayInParis()) throw new AppError('rota.shift_in_past', { day: input.day });
  await inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const area = await areaOrFail(trx, input.areaCode);
    const shift = await ensureShift(trx, actor.organisationId, area.id, input.day);
    await addPerson(trx, actor.organisationId, shift, actor.userId, input.role);
    await recordAudit(trx, { organisationId: actor.organisationId, actorId: actor.userId, action: 'rota.signed_up', entityType: 'rota_shift', entityId: shift, after: { day: input.day, role: input.role } });
    await remindLateSignUp(trx, ctx, actor.userId, input.day);
  });
}

/** Withdrawing (or swapping: withdraw here, sign up elsewhere) from a shift that has not happened. */
export async function withdraw(ctx: AppContext, actor: Actor, input: { areaCode: string; day: string }): Promise<RotaShiftState> {
  checkDay(input.day);
  if (input.day < todayInParis()) throw new AppError('rota.shift_in_past', { day: input.day });
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const area = await areaOrFail(trx, input.areaCode);
    const shift = await findShift(trx, area.id, input.day);
    if (!shift || !(await removePerson(trx, shift.id, actor.userId))) throw new AppError('rota.not_on_shift');
    await recordAudit(trx, { organisationId: actor.organisationId, actorId: actor.userId, action: 'rota.withdrew', entityType: 'rota_shift', entityId: shift.id, before: { day: input.day } });
    return stateOf(trx, shift.id);
  });
}

/**
 * "Rien à signaler": someone on the shift (or a coordinator) says the day was observed and no
 * eviction was seen. Not for a day still to come.
 */
export async function nothingToReport(ctx: AppContext, actor: Actor, input: { areaCode: string; day: string }): Promise<void> {
  checkDay(input.day);
  if (input.day > todayInParis()) throw new AppError('rota.day_in_future', { day: input.day });
  await inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const area = await areaOrFail(trx, input.areaCode);
    const shift = await findShift(trx, area.id, input.day);
    const manager = can(actor.roles, 'association.manage');
    if (!manager && (!shift || !(await isOnShift(trx, shift.id, actor.userId)))) throw new AppError('rota.not_on_shift');
    const id = shift?.id ?? (await ensureShift(trx, actor.organisationId, area.id, input.day));
    await markNothingToReport(trx, id, actor.userId);
    await recordAudit(trx, { organisationId: actor.organisationId, actorId: actor.userId, action: 'rota.nothing_to_report', entityType: 'rota_shift', entityId: id, after: { day: input.day } });
  });
}

export async function markNoShow(ctx: AppContext, actor: Actor, input: { areaCode: string; day: string; userId: string; noShow: boolean }): Promise<void> {
  checkDay(input.day);
  if (input.day > todayInParis()) throw new AppError('rota.no_show_in_future', { day: input.day });
  await inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const area = await areaOrFail(trx, input.areaCode);
    const shift = await findShift(trx, area.id, input.day);
    if (!shift || !(await setNoShow(trx, shift.id, input.userId, input.noShow))) throw new AppError('rota.not_on_shift');
    await recordAudit(trx, { organisationId: actor.organisationId, actorId: actor.userId, action: 'rota.no_show', entityType: 'rota_shift', entityId: shift.id, after: { userId: input.userId, noShow: input.noShow } });
  });
}

const maySignUp = (m: MemberRow) => can(normaliseRoles([m.role, ...m.additional_roles]), 'rota.signup');

async function stateOf(trx: Trx, shiftId: string): Promise<RotaShiftState> {
  const s = await shiftStaffing(trx, shiftId);
  return { missing: { observers: Math.max(0, s.min_observers - s.observers), drivers: Math.max(0, s.min_drivers - s.drivers) } };
}

async function comingShiftOrFail(trx: Trx, input: { areaCode: string; day: string }) {
  checkDay(input.day);
  if (input.day < todayInParis()) throw new AppError('rota.shift_in_past', { day: input.day });
  const area = await areaOrFail(trx, input.areaCode);
  const shift = await findShift(trx, area.id, input.day);
  return { area, shift };
}

/** A volunteer offers their place on a coming shift (or takes the offer back); they stay on it until someone takes it. */
export async function offerPlace(ctx: AppContext, actor: Actor, input: { areaCode: string; day: string; offered: boolean }): Promise<void> {
  await inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const { shift } = await comingShiftOrFail(trx, input);
    if (!shift || !(await setOffered(trx, shift.id, actor.userId, input.offered))) throw new AppError('rota.not_on_shift');
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: input.offered ? 'rota.place_offered' : 'rota.offer_withdrawn',
      entityType: 'rota_shift', entityId: shift.id, after: { day: input.day },
    });
  });
}

/**
 * Moves a place from one person to another in one transaction, keeping its role: a volunteer
 * taking over an offered place, or a coordinator reassigning any place. Returns what the shift
 * is left short of, a warning the screen shows, never a refusal.
 */
async function movePlace(ctx: AppContext, actor: Actor, input: { areaCode: string; day: string }, fromUserId: string, toUserId: string, mustBeOffered: boolean): Promise<RotaShiftState> {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const { shift } = await comingShiftOrFail(trx, input);
    const place = shift ? await findPerson(trx, shift.id, fromUserId) : undefined;
    if (!shift || !place) throw new AppError('rota.place_not_found');
    if (mustBeOffered && !place.offered) throw new AppError('rota.place_not_offered');
    if (fromUserId === toUserId) throw new AppError('rota.already_on_shift');
    const taker = await findMember(trx, actor.organisationId, toUserId);
    if (!taker || !maySignUp(taker)) throw new AppError('rota.unknown_member');
    if (await isOnShift(trx, shift.id, toUserId)) throw new AppError('rota.already_on_shift');
    await removePerson(trx, shift.id, fromUserId);
    await addPerson(trx, actor.organisationId, shift.id, toUserId, place.role);
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: mustBeOffered ? 'rota.place_taken' : 'rota.place_reassigned',
      entityType: 'rota_shift', entityId: shift.id, before: { userId: fromUserId, role: place.role }, after: { userId: toUserId, role: place.role, day: input.day },
    });
    await remindLateSignUp(trx, ctx, toUserId, input.day);
    return stateOf(trx, shift.id);
  });
}

export async function takePlace(ctx: AppContext, actor: Actor, input: { areaCode: string; day: string; userId: string }): Promise<RotaShiftState> {
  return movePlace(ctx, actor, input, input.userId, actor.userId, true);
}

export async function reassignPlace(ctx: AppContext, actor: Actor, input: { areaCode: string; day: string; fromUserId: string; toUserId: string }): Promise<RotaShiftState> {
  return movePlace(ctx, actor, input, input.fromUserId, input.toUserId, false);
}

/** The home page: one's own shifts of the coming two weeks, and the short shifts of the coming week one could fill. */
export async function myRota(ctx: AppContext, actor: Actor): Promise<RotaMineView> {
  const today = todayInParis();
  const view = await rotaView(ctx, actor, { from: today, to: addDays(today, 13) });
  const week = addDays(today, 6);
  const shifts: RotaMineView['shifts'] = [];
  const short: RotaMineView['short'] = [];
  for (const a of view.areas) {
    for (const d of a.days) {
      const me = d.people.find((p) => p.me);
      if (me) shifts.push({ areaCode: a.code, areaName: a.name, day: d.day, role: me.role, offered: me.offered, missing: d.missing });
      else if (d.expected && d.day <= week && (d.missing.observers > 0 || d.missing.drivers > 0)) {
        short.push({ areaCode: a.code, areaName: a.name, day: d.day, missing: d.missing });
      }
    }
  }
  const byDay = (x: { day: string; areaName: string }, y: { day: string; areaName: string }) => x.day.localeCompare(y.day) || x.areaName.localeCompare(y.areaName);
  return { today, shifts: shifts.sort(byDay), short: short.sort(byDay).slice(0, 5) };
}
