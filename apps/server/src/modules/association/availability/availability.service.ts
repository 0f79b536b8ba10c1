import {
  availabilityWeek, checkAvailability, DAY_PARTS, parisDate, type AvailabilityBody, type AvailabilityView, type AvailabilityWeek, type DayPart,
} from '@vigie/domain';
import type { AppContext } from '../../../platform/context.js';
import { recordAudit } from '../../../platform/audit/audit-trail.js';
import type { Executor } from '../../../platform/db/database.js';
import { inOrganisation } from '../../../platform/db/organisation-scope.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import type { Actor } from '../../../platform/http/request-context.js';
import * as q from './availability.queries.js';

/**
 * Volunteer availability (issue 18, item 5; shapes and rules in @vigie/domain availability.ts).
 * Anyone signed in reads and replaces their own (`mine`); coordinators (association.manage, the
 * route's permission) read and replace anyone's and read the week, former people left out.
 * A save replaces slots, dates away and note together, in one transaction, audited.
 */
type Person = { id: string; displayName: string };

async function viewsOf(trx: Executor, people: Person[]): Promise<AvailabilityView[]> {
  const rows = await q.availabilityOf(trx, people.map((p) => p.id));
  return people.map((person) => {
    const note = rows.notes.find((n) => n.person_id === person.id);
    return {
      person,
      slots: rows.slots.filter((s) => s.person_id === person.id).map((s) => ({ weekday: s.weekday, part: s.part as DayPart }))
        .sort((a, b) => a.weekday * 10 + DAY_PARTS.indexOf(a.part) - (b.weekday * 10 + DAY_PARTS.indexOf(b.part))),
      away: rows.away.filter((a) => a.person_id === person.id).map((a) => ({ startsOn: a.starts_on, endsOn: a.ends_on, note: a.note })),
      note: note?.note ?? '', updatedAt: note ? note.updated_at.toISOString() : null,
    };
  });
}

async function personHere(trx: Executor, id: string): Promise<Person> {
  const row = await q.findPerson(trx, id);
  if (!row) throw new AppError('availability.person_not_found');
  return { id: row.id, displayName: row.display_name };
}

export async function availabilityOfPerson(ctx: AppContext, actor: Actor, personId: string): Promise<AvailabilityView> {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => (await viewsOf(trx, [await personHere(trx, personId)]))[0]!);
}

export async function myAvailability(ctx: AppContext, actor: Actor): Promise<AvailabilityView> {
  return availabilityOfPerson(ctx, actor, actor.userId);
}

/** Replaces a person's availability (their own, or anyone's for a coordinator: the route decides who may call). */
export async function saveAvailability(ctx: AppContext, actor: Actor, personId: string, input: AvailabilityBody, ip: string): Promise<AvailabilityView> {
  const checked = checkAvailability(input);
  if ('problem' in checked) {
    if (checked.problem === 'unknown_slot') throw new AppError('availability.unknown_slot', { weekday: checked.weekday, part: checked.part });
    throw new AppError('availability.away_ends_before_start', { startsOn: checked.startsOn, endsOn: checked.endsOn });
  }
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const row = await q.findPerson(trx, personId);
    if (!row) throw new AppError('availability.person_not_found');
    if (!row.active) throw new AppError('availability.person_inactive', { name: row.display_name });
    const person = { id: row.id, displayName: row.display_name };
    const [before] = await viewsOf(trx, [person]);
    await q.replaceAvailability(trx, { organisationId: actor.organisationId, personId, by: actor.userId, ...checked });
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'availability.changed', entityType: 'user', entityId: personId,
      before: { slots: before!.slots, away: before!.away, note: before!.note }, after: checked, context: { ip },
    });
    return (await viewsOf(trx, [person]))[0]!;
  });
}

/** The week of `date` (this week by default, Paris time): who is available each day and part, away days removed, active people only. */
export async function weekAvailability(ctx: AppContext, actor: Actor, date: string | undefined): Promise<AvailabilityWeek> {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const people = (await q.activePeople(trx)).map((p) => ({ id: p.id, displayName: p.display_name }));
    return availabilityWeek(date ?? parisDate(new Date()), await viewsOf(trx, people));
  });
}
