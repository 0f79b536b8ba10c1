import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestVigie, type TestClient, type TestVigie } from './harness.js';

/**
 * The house, editing (issue 19): a retired car is no longer booked nor offered; a booking moved
 * keeps the overlap rule; a logbook trip corrected keeps its kilometres going forward and its
 * history; a task is edited field by field; a meeting decision's action goes on a board once, as
 * a task linked back to the decision, and the action and its task move together.
 */
let t: TestVigie;
let coordinator: TestClient;
let volunteer: TestClient;
let observer: TestClient;
let carId: string;
const at = (s: string) => new Date(s).toISOString();

async function audits(action: string) {
  return t.db.selectFrom('audit_log').select(['before', 'after', 'context']).where('action', '=', action).execute();
}

beforeAll(async () => {
  t = await startTestVigie();
  const admin = await t.setUpAdmin();
  coordinator = await t.userWithRole(admin.user.organisationId, 'coordinator');
  volunteer = await t.userWithRole(admin.user.organisationId, 'volunteer');
  observer = await t.userWithRole(admin.user.organisationId, 'observer');
  carId = (await coordinator.post('/api/association/equipment', { kind: 'vehicle', label: 'Berlingo', identifier: 'GA-123-BC' })).json().id;
});
afterAll(async () => { await t?.close(); });

describe('vehicles: a retired car, a booking moved, a trip corrected', () => {
  it('refuses to book a retired car with a clear message, leaves it out of the picker, yet still answers for its past', async () => {
    const old = (await coordinator.post('/api/association/equipment', { kind: 'vehicle', label: 'Kangoo', identifier: 'AB-001-CD' })).json();
    const booked = await volunteer.post('/api/association/vehicle-bookings', {
      itemId: old.id, driverId: volunteer.user.id, startsAt: at('2026-10-01T08:00:00Z'), endsAt: at('2026-10-01T12:00:00Z'),
    });
    expect(booked.statusCode, booked.body).toBe(200);
    const retired = await coordinator.put(`/api/association/equipment/${old.id}`, { kind: 'vehicle', label: 'Kangoo', identifier: 'AB-001-CD', state: 'retired' });
    expect(retired.statusCode, retired.body).toBe(200);

    const refused = await volunteer.post('/api/association/vehicle-bookings', {
      itemId: old.id, driverId: volunteer.user.id, startsAt: at('2027-03-01T08:00:00Z'), endsAt: at('2027-03-01T12:00:00Z'),
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'vehicle.out_of_service' });
    expect(refused.json().message).toContain('Kangoo n\'est plus en service');
    // Moving its old booking is refused the same way.
    const moved = await volunteer.patch(`/api/association/vehicle-bookings/${booked.json().id}`, { startsAt: at('2027-03-02T08:00:00Z'), endsAt: at('2027-03-02T09:00:00Z') });
    expect(moved.json().code).toBe('vehicle.out_of_service');

    const picker = (await volunteer.get('/api/association/vehicles')).json().vehicles.map((v: { label: string }) => v.label);
    expect(picker).toEqual(['Berlingo']);
    // The driver question's picker (house managers) still lists it, after the cars in service, and it still answers.
    const all = (await coordinator.get('/api/association/vehicles?retired=1')).json().vehicles.map((v: { label: string; state: string }) => `${v.label}:${v.state}`);
    expect(all).toEqual(['Berlingo:good', 'Kangoo:retired']);
    expect((await volunteer.get('/api/association/vehicles?retired=1')).json().vehicles).toHaveLength(1);
    const asked = await coordinator.post('/api/association/vehicles/driver-question', { itemId: old.id, at: at('2026-10-01T09:00:00Z') });
    expect(asked.json().driver).toMatchObject({ id: volunteer.user.id, source: 'booking' });
  });

  it('moves a booking under the same overlap rule as a new one, by its driver or a house manager only', async () => {
    const book = async (c: TestClient, from: string, to: string) => c.post('/api/association/vehicle-bookings', { itemId: carId, driverId: c.user.id, startsAt: at(from), endsAt: at(to) });
    const mine = (await book(volunteer, '2027-02-10T08:00:00Z', '2027-02-10T10:00:00Z')).json();
    const theirs = (await book(observer, '2027-02-10T12:00:00Z', '2027-02-10T14:00:00Z')).json();

    const clash = await volunteer.patch(`/api/association/vehicle-bookings/${mine.id}`, { startsAt: at('2027-02-10T09:00:00Z'), endsAt: at('2027-02-10T13:00:00Z') });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().code).toBe('vehicle.booking_overlaps');
    expect(clash.json().message).toContain('observer user');
    expect((await volunteer.patch(`/api/association/vehicle-bookings/${mine.id}`, { startsAt: at('2027-02-10T11:00:00Z'), endsAt: at('2027-02-10T10:00:00Z') })).json().code)
      .toBe('vehicle.booking_ends_before_start');
    expect((await volunteer.patch(`/api/association/vehicle-bookings/${theirs.id}`, { startsAt: at('2027-02-10T15:00:00Z'), endsAt: at('2027-02-10T16:00:00Z') })).statusCode).toBe(403);
    // Nothing moved by the refusals.
    const calendar = async () => (await volunteer.get(`/api/association/vehicle-bookings?from=${at('2027-02-10T00:00:00Z')}&to=${at('2027-02-11T00:00:00Z')}`)).json().bookings;
    expect((await calendar()).find((b: { id: string }) => b.id === mine.id)).toMatchObject({ startsAt: at('2027-02-10T08:00:00Z'), endsAt: at('2027-02-10T10:00:00Z') });

    // Later the same morning, ending where the other begins (its own old hours do not count against it).
    const ok = await volunteer.patch(`/api/association/vehicle-bookings/${mine.id}`, { startsAt: at('2027-02-10T09:00:00Z'), endsAt: at('2027-02-10T12:00:00Z'), purpose: 'Maraude' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ startsAt: at('2027-02-10T09:00:00Z'), endsAt: at('2027-02-10T12:00:00Z'), purpose: 'Maraude' });
    expect((await audits('vehicle.booking_changed'))[0]).toMatchObject({ before: { startsAt: at('2027-02-10T08:00:00Z') }, after: { startsAt: at('2027-02-10T09:00:00Z') } });
    // A house manager moves anyone's; a cancelled booking no longer moves.
    expect((await coordinator.patch(`/api/association/vehicle-bookings/${theirs.id}`, { startsAt: at('2027-02-10T13:00:00Z'), endsAt: at('2027-02-10T14:00:00Z') })).statusCode).toBe(200);
    expect((await volunteer.delete(`/api/association/vehicle-bookings/${mine.id}`)).statusCode).toBe(204);
    expect((await volunteer.patch(`/api/association/vehicle-bookings/${mine.id}`, { startsAt: at('2027-02-11T09:00:00Z'), endsAt: at('2027-02-11T10:00:00Z') })).json().code)
      .toBe('vehicle.booking_cancelled');
    expect((await calendar()).map((b: { id: string }) => b.id)).toEqual([theirs.id]);
  });

  it('corrects a trip\'s mileage with the same checks as a new trip, keeping what it read before and why', async () => {
    const trip = async (body: object) => (await volunteer.post('/api/association/vehicle-trips', { itemId: carId, driverId: volunteer.user.id, ...body })).json();
    const first = await trip({ startedAt: at('2026-11-20T08:00:00Z'), endedAt: at('2026-11-20T10:00:00Z'), kmStart: 60_000, kmEnd: 60_900, purpose: 'Maraude' });
    await trip({ startedAt: at('2026-11-20T11:00:00Z'), endedAt: at('2026-11-20T12:00:00Z'), kmStart: 60_090, kmEnd: 60_120, purpose: 'Courses' });
    const correct = (c: TestClient, body: object) => c.put(`/api/association/vehicle-trips/${first.id}`, {
      startedAt: first.startedAt, endedAt: first.endedAt, kmStart: 60_000, kmEnd: 60_090, purpose: 'Maraude', reason: 'Un zéro de trop au retour', ...body,
    });

    expect((await correct(volunteer, { kmEnd: 59_999 })).json()).toMatchObject({ code: 'vehicle.km_backwards' });
    expect((await correct(volunteer, { reason: '  ' })).json().code).toBe('vehicle.correction_reason_missing');
    expect((await correct(volunteer, { endedAt: null })).json().code).toBe('vehicle.trip_end_incomplete');
    expect((await correct(volunteer, { endedAt: at('2026-11-20T11:30:00Z') })).json().code).toBe('vehicle.trip_overlaps');
    expect((await correct(volunteer, { kmEnd: 60_900 })).json().code).toBe('vehicle.nothing_changed');
    expect((await correct(observer, {})).statusCode).toBe(403);
    expect((await t.db.selectFrom('vehicle_trips').select('km_end').where('id', '=', first.id).executeTakeFirstOrThrow()).km_end).toBe(60_900);

    const fixed = await correct(volunteer, {});
    expect(fixed.statusCode, fixed.body).toBe(200);
    expect(fixed.json()).toMatchObject({ kmEnd: 60_090 });
    expect(fixed.json().corrections).toEqual([{
      at: expect.any(String), byName: 'volunteer user', reason: 'Un zéro de trop au retour',
      before: expect.objectContaining({ kmEnd: 60_900 }), after: expect.objectContaining({ kmEnd: 60_090 }),
    }]);
    // A house manager corrects it again: both corrections stay, in order, in the logbook and the audit trail.
    expect((await correct(coordinator, { kmStart: 59_990, reason: 'Compteur relu' })).statusCode).toBe(200);
    const logbook = (await volunteer.get(`/api/association/vehicle-trips?itemId=${carId}`)).json().trips;
    const row = logbook.find((x: { id: string }) => x.id === first.id);
    expect(row.corrections.map((c: { reason: string; after: { kmStart: number } }) => `${c.reason}:${c.after.kmStart}`)).toEqual(['Un zéro de trop au retour:60000', 'Compteur relu:59990']);
    expect(await audits('vehicle.trip_corrected')).toHaveLength(2);
    // The history is append-only, for everyone.
    await expect(sql`UPDATE vehicle_trip_corrections SET reason = 'x'`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM vehicle_trip_corrections`.execute(t.db)).rejects.toThrow(/append-only/);
  });
});

describe('task boards: editing, and a decision\'s action on a board', () => {
  it('edits a task\'s title, description, assignee, due date and column, audited field by field', async () => {
    const task = (await coordinator.post('/api/association/tasks', { pole: 'association', title: 'Réparer la chaudière' })).json();
    expect((await volunteer.patch(`/api/association/tasks/${task.id}`, { title: ' ' })).json().code).toBe('task.title_missing');
    expect((await volunteer.patch(`/api/association/tasks/${task.id}`, { assigneeId: carId })).json().code).toBe('loan.unknown_person');
    const edited = await volunteer.patch(`/api/association/tasks/${task.id}`, {
      title: 'Faire réparer la chaudière', notes: 'Appeler le plombier', assigneeId: volunteer.user.id, dueOn: '2027-01-15', status: 'doing',
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({
      title: 'Faire réparer la chaudière', notes: 'Appeler le plombier', assigneeId: volunteer.user.id, dueOn: '2027-01-15', status: 'doing',
    });
    const [entry] = await audits('task.edited');
    expect(entry).toMatchObject({ before: { title: 'Réparer la chaudière', assigneeId: null, status: 'todo' }, after: { dueOn: '2027-01-15', status: 'doing' } });
    // Only what is sent changes; nobody assigned again is allowed.
    const cleared = (await volunteer.patch(`/api/association/tasks/${task.id}`, { assigneeId: null, dueOn: null })).json();
    expect(cleared).toMatchObject({ title: 'Faire réparer la chaudière', assigneeId: null, dueOn: null, status: 'doing' });
    const legal = (await coordinator.post('/api/association/tasks', { pole: 'legal', title: 'Relire le recours' })).json();
    expect((await volunteer.patch(`/api/association/tasks/${legal.id}`, { title: 'x' })).json().code).toBe('task.pole_forbidden');
  });

  it('puts a decision\'s action on a board once, linked to the decision; the task and the action move together', async () => {
    const series = (await coordinator.post('/api/association/meeting-series', { title: 'Réunion d\'équipe', weekday: 1, startTime: '10:00' })).json();
    const meeting = (await coordinator.post(`/api/association/meeting-series/${series.id}/meetings`, { startsAt: new Date().toISOString() })).json();
    await coordinator.post(`/api/association/meetings/${meeting.id}/start`);
    const decisionId = (await coordinator.post(`/api/association/meetings/${meeting.id}/decisions`, { text: 'On équipe chaque binôme d\'une batterie' })).json().decisions[0].id;
    const withAction = (await coordinator.post(`/api/association/meetings/${meeting.id}/actions`, {
      title: 'Acheter six batteries', ownerId: volunteer.user.id, dueOn: '2027-01-20', decisionId,
    })).json();
    const actionId = withAction.actions[0].id as string;

    // Only whoever runs meetings, or the owner, puts it on a board.
    expect((await observer.post('/api/association/tasks/from-action', { actionId, pole: 'field' })).statusCode).toBe(403);
    const made = await volunteer.post('/api/association/tasks/from-action', { actionId, pole: 'field' });
    expect(made.statusCode, made.body).toBe(200);
    expect(made.json()).toMatchObject({
      pole: 'field', title: 'Acheter six batteries', assigneeId: volunteer.user.id, dueOn: '2027-01-20', status: 'todo', actionId,
      link: { kind: 'decision', id: decisionId, label: 'On équipe chaque binôme d\'une batterie' },
    });
    const again = await coordinator.post('/api/association/tasks/from-action', { actionId, pole: 'association' });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toContain('Acheter six batteries');
    expect((await t.db.selectFrom('house_tasks').select('id').where('meeting_action_id', '=', actionId).execute())).toHaveLength(1);

    // On the field board, and once on the owner's own board (as the task, not twice).
    expect((await observer.get('/api/association/tasks?pole=field')).json().tasks.map((x: { title: string }) => x.title)).toContain('Acheter six batteries');
    const mine = (await volunteer.get('/api/association/tasks/mine')).json().tasks.filter((x: { title: string }) => x.title === 'Acheter six batteries');
    expect(mine.map((x: { source: string }) => x.source)).toEqual(['task']);
    expect((await coordinator.get(`/api/association/tasks/of-actions?ids=${actionId}`)).json().tasks).toEqual([{ actionId, taskId: made.json().id, pole: 'field' }]);

    // The task done: the action is done (it leaves the next agendas); moved back, the action reopens.
    await volunteer.patch(`/api/association/tasks/${made.json().id}`, { status: 'done' });
    const action = async () => (await coordinator.get(`/api/association/meetings/${meeting.id}`)).json().actions[0];
    expect((await action()).doneAt).not.toBeNull();
    await volunteer.post(`/api/association/tasks/${made.json().id}/status`, { status: 'doing' });
    expect((await action()).doneAt).toBeNull();
    // The action done from the meeting: its task moves to done in the same step.
    expect((await volunteer.post(`/api/association/meeting-actions/${actionId}/done`)).statusCode).toBe(200);
    expect((await volunteer.get('/api/association/tasks?pole=field')).json().tasks.find((x: { actionId: string | null }) => x.actionId === actionId).status).toBe('done');

    // An action answering no decision links back to its meeting.
    const plain = (await coordinator.post(`/api/association/meetings/${meeting.id}/actions`, { title: 'Ranger le local', ownerId: observer.user.id, dueOn: '2027-01-22' })).json();
    const plainId = plain.actions.find((a: { title: string }) => a.title === 'Ranger le local').id;
    const task = (await coordinator.post('/api/association/tasks/from-action', { actionId: plainId, pole: 'association' })).json();
    expect(task.link).toMatchObject({ kind: 'meeting', id: meeting.id, path: `/association/meetings/${meeting.id}` });
  });
});
