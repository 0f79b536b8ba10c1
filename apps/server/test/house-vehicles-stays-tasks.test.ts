import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parisDate } from '@vigie/domain';
import { sendTaskReminders } from '../src/modules/association/tasks/task-reminders.js';
import { sendVehicleReminders } from '../src/modules/association/vehicles/vehicle-reminders.js';
import { startTestVigie, type TestClient, type TestVigie } from './harness.js';
import { mailText } from './mail-body.js';

/**
 * The house, parts 2, 3 and 5 (issue 19): the logbook names who drove a car at a given moment
 * even when the car changed hands inside a booking, and bookings of one car never overlap; a bed
 * taken twice the same night is refused, nothing saved; the task board links a decision, shows the
 * owner's meeting actions, and serves an iCal feed through the shared secret calendar links;
 * insurance, contrôle technique and tasks are reminded by mail.
 */
let t: TestVigie;
let coordinator: TestClient;
let volunteer: TestClient;
let observer: TestClient;
let carId: string;
let vanId: string;
const at = (s: string) => new Date(s).toISOString();

async function audits(action: string) {
  return t.db.selectFrom('audit_log').select(['context', 'actor_id']).where('action', '=', action).execute();
}

beforeAll(async () => {
  t = await startTestVigie();
  const admin = await t.setUpAdmin();
  coordinator = await t.userWithRole(admin.user.organisationId, 'coordinator');
  volunteer = await t.userWithRole(admin.user.organisationId, 'volunteer');
  observer = await t.userWithRole(admin.user.organisationId, 'observer');
  const add = async (body: object) => {
    const res = await coordinator.post('/api/association/equipment', body);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().id as string;
  };
  carId = await add({ kind: 'vehicle', label: 'Berlingo', identifier: 'GA-123-BC', location: 'Parking' });
  vanId = await add({ kind: 'vehicle', label: 'Trafic', identifier: 'FX-456-ZZ', location: 'Parking' });
});
afterAll(async () => { await t?.close(); });

describe('vehicles: bookings, logbook and the driver question', () => {
  it('refuses a booking overlapping another of the same car, naming its holder; another car is free', async () => {
    const first = await volunteer.post('/api/association/vehicle-bookings', {
      itemId: carId, driverId: volunteer.user.id, startsAt: at('2026-11-10T07:00:00Z'), endsAt: at('2026-11-10T17:00:00Z'), purpose: 'Maraude Calais',
    });
    expect(first.statusCode, first.body).toBe(200);
    const clash = await observer.post('/api/association/vehicle-bookings', {
      itemId: carId, driverId: observer.user.id, startsAt: at('2026-11-10T16:00:00Z'), endsAt: at('2026-11-10T19:00:00Z'),
    });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().code).toBe('vehicle.booking_overlaps');
    expect(clash.json().message).toContain('Berlingo est déjà réservé·e par');
    // The van at the same hours, and the car right after the first booking, are free.
    const van = await observer.post('/api/association/vehicle-bookings', {
      itemId: vanId, driverId: observer.user.id, startsAt: at('2026-11-10T08:00:00Z'), endsAt: at('2026-11-10T18:00:00Z'),
    });
    expect(van.statusCode, van.body).toBe(200);
    expect((await observer.post('/api/association/vehicle-bookings', {
      itemId: carId, driverId: observer.user.id, startsAt: at('2026-11-10T17:00:00Z'), endsAt: at('2026-11-10T20:00:00Z'),
    })).statusCode).toBe(200);
    const inverted = await volunteer.post('/api/association/vehicle-bookings', {
      itemId: carId, driverId: volunteer.user.id, startsAt: at('2026-11-12T10:00:00Z'), endsAt: at('2026-11-12T09:00:00Z'),
    });
    expect(inverted.json().code).toBe('vehicle.booking_ends_before_start');
    const calendar = (await volunteer.get(`/api/association/vehicle-bookings?from=${at('2026-11-10T00:00:00Z')}&to=${at('2026-11-11T00:00:00Z')}`)).json();
    expect(calendar.bookings).toHaveLength(3);
  });

  it('answers who drove the car at a given moment from the logbook, across bookings and a hand-over inside one', async () => {
    // The volunteer booked the car all day, but the observer drove it 10:00–12:00 (a hand-over on the field).
    const trip = async (c: TestClient, body: object) => {
      const res = await c.post('/api/association/vehicle-trips', body);
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    };
    await trip(volunteer, { itemId: carId, driverId: volunteer.user.id, startedAt: at('2026-11-10T07:05:00Z'), endedAt: at('2026-11-10T09:50:00Z'), kmStart: 52_100, kmEnd: 52_160, purpose: 'Maraude Calais' });
    const open = await trip(observer, { itemId: carId, driverId: observer.user.id, startedAt: at('2026-11-10T10:00:00Z'), kmStart: 52_160, purpose: 'Expulsion Marck' });
    expect(open.endedAt).toBeNull();
    // A trip meeting the observer's open one is refused: one driver at a time.
    const overlap = await volunteer.post('/api/association/vehicle-trips', {
      itemId: carId, driverId: volunteer.user.id, startedAt: at('2026-11-10T11:00:00Z'), kmStart: 52_170, purpose: 'Courses',
    });
    expect(overlap.statusCode).toBe(409);
    expect(overlap.json().code).toBe('vehicle.trip_overlaps');
    expect((await observer.post(`/api/association/vehicle-trips/${open.id}/end`, { endedAt: at('2026-11-10T12:00:00Z'), kmEnd: 52_100 })).json().code).toBe('vehicle.km_backwards');
    expect((await observer.post(`/api/association/vehicle-trips/${open.id}/end`, { endedAt: at('2026-11-10T12:00:00Z'), kmEnd: 52_201 })).statusCode).toBe(200);
    await trip(observer, { itemId: vanId, driverId: observer.user.id, startedAt: at('2026-11-10T10:30:00Z'), endedAt: at('2026-11-10T11:30:00Z'), kmStart: 8_000, kmEnd: 8_040, purpose: 'Dunkerque' });

    const ask = (itemId: string, when: string) => coordinator.post('/api/association/vehicles/driver-question', { itemId, at: at(when) });
    expect((await volunteer.post('/api/association/vehicles/driver-question', { itemId: carId, at: at('2026-11-10T11:00:00Z') })).statusCode).toBe(403);
    const eleven = (await ask(carId, '2026-11-10T11:00:00Z')).json();
    expect(eleven.driver).toMatchObject({ id: observer.user.id, source: 'logbook' });
    expect(eleven.vehicle.plate).toBe('GA-123-BC');
    expect(eleven.bookings.map((b: { driverId: string }) => b.driverId)).toEqual([volunteer.user.id]);
    expect((await ask(carId, '2026-11-10T08:00:00Z')).json().driver).toMatchObject({ id: volunteer.user.id, source: 'logbook' });
    // No trip written for the afternoon: the booking answers, and says so.
    expect((await ask(carId, '2026-11-10T14:00:00Z')).json().driver).toMatchObject({ id: volunteer.user.id, source: 'booking' });
    // The next booking (the observer's, 17:00–20:00) takes over at 17:00 sharp.
    expect((await ask(carId, '2026-11-10T17:30:00Z')).json().driver).toMatchObject({ id: observer.user.id, source: 'booking' });
    // The van at 11:00 was the observer's, though the car too was being driven then.
    expect((await ask(vanId, '2026-11-10T11:00:00Z')).json().driver).toMatchObject({ id: observer.user.id, source: 'logbook' });
    expect((await ask(carId, '2026-11-11T03:00:00Z')).json().driver).toBeNull();
    const queries = await audits('vehicle.driver_query');
    expect(queries).toHaveLength(6);
    expect(queries[0]!.context).toMatchObject({ at: at('2026-11-10T11:00:00Z'), answer: { userId: observer.user.id, source: 'logbook' } });
  });

  it('keeps insurance and contrôle technique dates and reminds the house keepers by mail, once a week', async () => {
    const today = parisDate(new Date());
    const soon = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    expect((await volunteer.put(`/api/association/vehicles/${carId}/papers`, { insuranceUntil: soon })).statusCode).toBe(403);
    const res = await coordinator.put(`/api/association/vehicles/${carId}/papers`, { insuranceUntil: soon, roadworthyUntil: '2030-01-01' });
    expect(res.statusCode, res.body).toBe(200);
    const car = res.json().vehicles.find((v: { id: string }) => v.id === carId);
    expect(car).toMatchObject({ insuranceUntil: soon, roadworthyUntil: '2030-01-01', papersDue: ['insurance'], lastKm: 52_201 });
    const deps = { db: t.db, queue: t.vigie.ctx.queue, config: t.vigie.ctx.config };
    expect(await sendVehicleReminders(deps, today)).toBe(1);
    const mail = await t.smtp.waitFor(coordinator.user.email);
    expect(mailText(mail.raw)).toContain('Berlingo (GA-123-BC) : assurance valable');
    expect(await sendVehicleReminders(deps, today)).toBe(0);
  });
});

describe('the flat: beds and stays', () => {
  let bedId: string;
  it('refuses a bed taken twice the same night, naming who is there, and saves nothing', async () => {
    bedId = (await coordinator.post('/api/association/equipment', { kind: 'bed', label: 'Lit du haut', location: 'Chambre 1' })).json().id;
    await coordinator.post('/api/association/equipment', { kind: 'bed', label: 'Lit du bas', location: 'Chambre 1' });
    const first = await coordinator.post('/api/association/stays', { bedId, personId: volunteer.user.id, arrivesOn: '2027-01-04', leavesOn: '2027-01-18' });
    expect(first.statusCode, first.body).toBe(200);
    const twice = await coordinator.post('/api/association/stays', { bedId, guestName: 'Maître R.', arrivesOn: '2027-01-17', leavesOn: '2027-01-19' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('stay.bed_taken');
    expect(twice.json().message).toMatch(/Lit du haut est déjà occupé par/);
    // The departure day is free for the next arrival.
    expect((await coordinator.post('/api/association/stays', { bedId, guestName: 'Maître R.', arrivesOn: '2027-01-18', leavesOn: '2027-01-19' })).statusCode).toBe(200);
    expect((await coordinator.post('/api/association/stays', { bedId, arrivesOn: '2027-02-01', leavesOn: '2027-02-02' })).json().code).toBe('stay.nobody');
    expect((await coordinator.post('/api/association/stays', { bedId, guestName: 'X', arrivesOn: '2027-02-02', leavesOn: '2027-02-02' })).json().code).toBe('stay.leaves_before_arrival');
    const calendar = (await coordinator.get('/api/association/stays?from=2027-01-01&days=31')).json();
    expect(calendar.rooms).toHaveLength(1);
    expect(calendar.rooms[0].room).toBe('Chambre 1');
    const bed = calendar.rooms[0].beds.find((b: { id: string }) => b.id === bedId);
    expect(bed.stays.map((s: { personId: string | null; name: string }) => s.personId ?? s.name)).toEqual([volunteer.user.id, 'Maître R.']);
    expect(await t.db.selectFrom('house_stays').select('id').execute()).toHaveLength(2);
    expect((await volunteer.get('/api/association/stays')).statusCode).toBe(403);
  });
});

describe('task boards', () => {
  it('links a task to a decision, shows the owner\'s meeting actions on their board and refuses bad input', async () => {
    const series = (await coordinator.post('/api/association/meeting-series', { title: 'Réunion d\'équipe', weekday: 1, startTime: '10:00' })).json();
    const meeting = (await coordinator.post(`/api/association/meeting-series/${series.id}/meetings`, { startsAt: new Date().toISOString() })).json();
    await coordinator.post(`/api/association/meetings/${meeting.id}/start`);
    const decided = (await coordinator.post(`/api/association/meetings/${meeting.id}/decisions`, { text: 'On loue un second véhicule en été' })).json();
    const decisionId = decided.decisions[0].id as string;
    await coordinator.post(`/api/association/meetings/${meeting.id}/actions`, { title: 'Demander trois devis de location', ownerId: volunteer.user.id, dueOn: '2027-06-01' });

    expect((await volunteer.post('/api/association/tasks', { pole: 'association', title: '  ' })).json().code).toBe('task.title_missing');
    expect((await volunteer.post('/api/association/tasks', { pole: 'legal', title: 'x' })).json().code).toBe('task.pole_forbidden');
    expect((await volunteer.post('/api/association/tasks', { pole: 'association', title: 'x', link: { kind: 'campaign', id: carId } })).json().code).toBe('task.unknown_link');
    const created = await coordinator.post('/api/association/tasks', {
      pole: 'association', title: 'Comparer les loueurs', assigneeId: volunteer.user.id, dueOn: parisDate(new Date(Date.now() + 86_400_000)),
      link: { kind: 'decision', id: decisionId },
    });
    expect(created.statusCode, created.body).toBe(200);
    expect(created.json().link).toMatchObject({ kind: 'decision', label: 'On loue un second véhicule en été' });
    const moved = await volunteer.post(`/api/association/tasks/${created.json().id}/status`, { status: 'doing' });
    expect(moved.json().status).toBe('doing');
    const board = (await volunteer.get('/api/association/tasks?pole=association')).json();
    expect(board.tasks.map((x: { title: string }) => x.title)).toEqual(['Comparer les loueurs']);
    const mine = (await volunteer.get('/api/association/tasks/mine')).json().tasks;
    expect(mine.map((x: { source: string; title: string }) => `${x.source}:${x.title}`).sort())
      .toEqual(['meeting_action:Demander trois devis de location', 'task:Comparer les loueurs']);
    expect((await volunteer.get('/api/association/tasks?pole=legal')).json().code).toBe('task.pole_forbidden');
  });

  it('serves the person\'s tasks and actions as an iCal feed through the shared secret links, audited and revocable', async () => {
    const created = (await volunteer.post('/api/association/tasks/calendar-feed')).json();
    expect(created.url).toMatch(/\/api\/association\/tasks\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    const path = created.url.replace(t.vigie.ctx.config.publicUrl, '');
    const feed = await t.client().get(path);
    expect(feed.statusCode).toBe(200);
    expect(feed.headers['content-type']).toContain('text/calendar');
    const body = feed.body.replace(/\r\n[ \t]/g, '');
    expect(body).toContain('SUMMARY:Tâche : Comparer les loueurs');
    expect(body).toContain('SUMMARY:Action de réunion : Demander trois devis de location');
    expect(body).toContain('DTSTART;VALUE=DATE:20270601');
    expect(body).toMatch(/UID:task-[0-9a-f-]{36}@vigie/);
    expect(await audits('task_calendar.read')).toHaveLength(1);
    // The rota's link does not open the tasks calendar, and a revoked link opens nothing.
    const rota = (await volunteer.post('/api/rota/calendar-feed')).json().url.replace(t.vigie.ctx.config.publicUrl, '');
    expect((await t.client().get(rota.replace('/api/rota/calendar/', '/api/association/tasks/calendar/'))).statusCode).toBe(404);
    expect((await volunteer.delete('/api/association/tasks/calendar-feed')).statusCode).toBe(204);
    expect((await t.client().get(path)).statusCode).toBe(404);
  });

  it('reminds the assignee of a task due tomorrow through the mail pipeline', async () => {
    const deps = { db: t.db, queue: t.vigie.ctx.queue, config: t.vigie.ctx.config };
    expect(await sendTaskReminders(deps)).toBe(1);
    const mail = await t.smtp.waitFor(volunteer.user.email);
    expect(mailText(mail.raw)).toContain('Comparer les loueurs');
    expect(await sendTaskReminders(deps)).toBe(0);
  });
});
