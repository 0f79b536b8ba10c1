import type { AwayPeriod, AvailabilitySlot } from '@vigie/domain';
import type { Executor } from '../../../platform/db/database.js';
import './availability.table.js';

/** A person of the organisation, active or former (the caller decides what a former person may see). */
export async function findPerson(db: Executor, id: string) {
  return db.selectFrom('users').select(['id', 'display_name', 'active']).where('id', '=', id).executeTakeFirst();
}

export async function activePeople(db: Executor) {
  return db.selectFrom('users').select(['id', 'display_name']).where('active', '=', true).orderBy('display_name').execute();
}

/** Slots, away periods and notes of the given people (all of them when `personIds` is null). */
export async function availabilityOf(db: Executor, personIds: readonly string[] | null) {
  if (personIds !== null && personIds.length === 0) return { slots: [], away: [], notes: [] };
  const slots = db.selectFrom('availability_slots').select(['person_id', 'weekday', 'part']);
  const away = db.selectFrom('availability_away').select(['person_id', 'starts_on', 'ends_on', 'note']);
  const notes = db.selectFrom('availability_notes').select(['person_id', 'note', 'updated_at']);
  return personIds === null
    ? { slots: await slots.execute(), away: await away.orderBy('starts_on').execute(), notes: await notes.execute() }
    : {
      slots: await slots.where('person_id', 'in', personIds).execute(),
      away: await away.where('person_id', 'in', personIds).orderBy('starts_on').execute(),
      notes: await notes.where('person_id', 'in', personIds).execute(),
    };
}

/** Replaces the whole of a person's availability; the caller's transaction makes it all or nothing. */
export async function replaceAvailability(db: Executor, row: { organisationId: string; personId: string; by: string; slots: AvailabilitySlot[]; away: AwayPeriod[]; note: string }) {
  await db.deleteFrom('availability_slots').where('person_id', '=', row.personId).execute();
  await db.deleteFrom('availability_away').where('person_id', '=', row.personId).execute();
  if (row.slots.length > 0) {
    await db.insertInto('availability_slots')
      .values(row.slots.map((s) => ({ organisation_id: row.organisationId, person_id: row.personId, weekday: s.weekday, part: s.part }))).execute();
  }
  if (row.away.length > 0) {
    await db.insertInto('availability_away').values(row.away.map((a) => ({
      organisation_id: row.organisationId, person_id: row.personId, starts_on: a.startsOn, ends_on: a.endsOn, note: a.note,
    }))).execute();
  }
  await db.insertInto('availability_notes').values({ person_id: row.personId, organisation_id: row.organisationId, note: row.note, updated_by: row.by })
    .onConflict((oc) => oc.column('person_id').doUpdateSet({ note: row.note, updated_by: row.by, updated_at: new Date() })).execute();
}
