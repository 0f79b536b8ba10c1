import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parisDate } from '@vigie/domain';
import { inOrganisation } from '../src/platform/db/organisation-scope.js';
import { computeFigures } from '../src/modules/communication/statistics/statistics.service.js';
import { startTestVigie, type TestClient, type TestVigie } from './harness.js';
import { evictionCommand, operationCommand, push, reference, siteCommand, submitCommand } from './field-fixtures.js';

/**
 * The observation rota on a real database, and what it does to the figures: a Dunkerquois rule
 * of Monday–Friday in June 2026 (22 weekdays, 15 June taken out by an exception → 21 expected
 * days), one eviction on Wednesday 3 June with exact counts, "rien à signaler" on the other days.
 * Full coverage gives exact figures; one missing day gives "au moins"; a month nobody observed
 * is "non observé".
 */

let t: TestVigie;
let coordinator: TestClient;
let volunteer: TestClient;
let observer: TestClient;
let organisationId: string;
let dunkerquoisId: string;
const backend = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const today = () => parisDate(new Date());

beforeAll(async () => {
  t = await startTestVigie();
  const admin = await t.setUpAdmin();
  organisationId = admin.user.organisationId;
  coordinator = await t.userWithRole(organisationId, 'coordinator');
  observer = await t.userWithRole(organisationId, 'observer');
  volunteer = await t.userWithRole(organisationId, 'volunteer');
  const { ref } = await reference(observer);
  dunkerquoisId = ref.areas.find((a: { code: string }) => a.code === 'dunkerquois').id;
  const site = siteCommand(dunkerquoisId, { code: 'GS1', name: 'Grande-Synthe', communeInsee: '59271', latitude: 51.0, longitude: 2.3 });
  const op = operationCommand(dunkerquoisId, { startedAt: '2026-06-03T05:00:00Z' });
  const ev = evictionCommand(op.record.id, site.record.id, {
    arrivedAt: '2026-06-03T05:30:00Z', leftAt: null, forces: [],
    counts: { personsEvicted: { n: 7, atLeast: false }, arrests: null, arrestsWithViolence: null },
    seized: [{ term: 'chair', n: 2, atLeast: false }],
  });
  expect((await push(observer, [site, op, ev, submitCommand(ev.record.id)])).map((r) => r.status)).toEqual(['applied', 'applied', 'applied', 'applied']);
  expect((await coordinator.post(`/api/evictions/${ev.record.id}/verify`, { version: 2 })).statusCode).toBe(200);
}, 300_000);
afterAll(async () => { await t?.close(); });

const june = { from: '2026-06-01', to: '2026-06-30', areaCode: 'dunkerquois' };
const figures = () => inOrganisation(t.db, organisationId, (trx) => computeFigures(trx, june));

describe(`observation rota (${backend})`, () => {
  it('refuses a rule that expects no day, an unknown area and anyone but a coordinator, saving nothing', async () => {
    const none = await coordinator.put('/api/rota/areas/dunkerquois/rule', { weekdays: [], minObservers: 2, minDrivers: 1 });
    expect(none.statusCode).toBe(400);
    expect(none.json().message).toBe('Une règle de planning doit prévoir au moins un jour d’observation dans la semaine.');
    volunteer.locale = 'en';
    expect((await volunteer.put('/api/rota/areas/dunkerquois/rule', { weekdays: [1] })).statusCode).toBe(403);
    volunteer.locale = 'fr';
    const unknown = await coordinator.put('/api/rota/areas/littoral/rule', { weekdays: [1] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().message).toContain('« littoral »');
    const view = (await coordinator.get('/api/rota?from=2026-06-01&to=2026-06-07')).json();
    expect(view.areas.find((a: any) => a.code === 'dunkerquois').rule).toBeNull();
  });

  it('expects Monday–Friday with an exception, and counts coverage from operations and "rien à signaler"', async () => {
    expect((await coordinator.put('/api/rota/areas/dunkerquois/rule', { weekdays: [5, 1, 2, 3, 4, 4] })).statusCode).toBe(204);
    const ex = await coordinator.post('/api/rota/areas/dunkerquois/exceptions', { from: '2026-06-15', to: '2026-06-15', reason: 'Formation des bénévoles' });
    expect(ex.statusCode, ex.body).toBe(201);
    const view = (await coordinator.get('/api/rota?from=2026-06-13&to=2026-06-16')).json();
    const dk = view.areas.find((a: any) => a.code === 'dunkerquois');
    expect(dk.rule).toEqual({ weekdays: [1, 2, 3, 4, 5], minObservers: 2, minDrivers: 1 });
    expect(dk.days.map((d: any) => [d.day, d.expected, d.exception])).toEqual([
      ['2026-06-13', false, null], ['2026-06-14', false, null], ['2026-06-15', false, 'Formation des bénévoles'], ['2026-06-16', true, null],
    ]);

    // Only 3 June observed (the operation): 1 of 21 days, every figure a minimum.
    let f = await figures();
    expect(f.evictions).toEqual({ value: 1, atLeast: true });
    expect(f.chairsSeized).toEqual({ value: 2, atLeast: true });

    // "Rien à signaler" on every other expected day but one (30 June).
    const weekdays: string[] = [];
    for (let d = '2026-06-01'; d <= '2026-06-30'; d = addDays(d, 1)) {
      const wd = new Date(`${d}T12:00:00Z`).getUTCDay();
      if (wd !== 0 && wd !== 6 && d !== '2026-06-15' && d !== '2026-06-03') weekdays.push(d);
    }
    expect(weekdays).toHaveLength(20);
    for (const day of weekdays.slice(0, -1)) {
      const res = await coordinator.post('/api/rota/nothing-to-report', { areaCode: 'dunkerquois', day });
      expect(res.statusCode, res.body).toBe(204);
    }
    f = await figures();
    expect(f.evictions).toEqual({ value: 1, atLeast: true });
    const summary = (await coordinator.get('/api/statistics/summary?from=2026-06-01&to=2026-06-30&areaCode=dunkerquois')).json();
    expect(summary.coverage).toEqual({ daysInPeriod: 30, expectedDays: 21, daysObserved: 20, daysNotObserved: 1, share: 0.952 });

    // The last day: the rota is complete and the figures the observer was sure of are exact.
    expect((await coordinator.post('/api/rota/nothing-to-report', { areaCode: 'dunkerquois', day: '2026-06-30' })).statusCode).toBe(204);
    f = await figures();
    expect(f.evictions).toEqual({ value: 1, atLeast: false });
    expect(f.personsEvicted).toEqual({ value: 7, atLeast: false });
    expect(f.chairsSeized).toEqual({ value: 2, atLeast: false });
    // No arrests were counted (left blank): still a minimum, and worded without "au moins 0".
    expect(f.arrests).toEqual({ value: 0, atLeast: true });
    expect(f.daysObserved).toEqual({ value: 21, atLeast: false });
  });

  it('says "non observé" for a month nobody observed, never 0', async () => {
    const f = await inOrganisation(t.db, organisationId, (trx) => computeFigures(trx, { from: '2025-05-01', to: '2025-05-31', areaCode: 'dunkerquois' }));
    expect(f.evictions).toEqual({ value: 0, atLeast: true, unobserved: true });
    const summary = (await coordinator.get('/api/statistics/summary?from=2025-05-01&to=2025-05-31&areaCode=dunkerquois')).json();
    expect(summary.figures.evictions).toEqual({ value: 0, atLeast: true, unobserved: true });
  });

  it('lets a volunteer sign up, warns when the shift is short, withdraw, and say "rien à signaler" for today', async () => {
    const tomorrow = addDays(today(), 1);
    expect((await volunteer.post('/api/rota/sign-up', { areaCode: 'calaisis', day: tomorrow, role: 'driver' })).statusCode).toBe(204);
    expect((await observer.post('/api/rota/sign-up', { areaCode: 'calaisis', day: tomorrow })).statusCode).toBe(204);
    let day = (await volunteer.get(`/api/rota?from=${tomorrow}&to=${tomorrow}`)).json().areas.find((a: any) => a.code === 'calaisis').days[0];
    expect(day.people.map((p: any) => [p.role, p.me])).toEqual([['driver', true], ['observer', false]]);
    // Two observers and a driver is the usual rule: one observer short, a warning, not a refusal.
    expect(day.missing).toEqual({ observers: 1, drivers: 0 });

    expect((await volunteer.post('/api/rota/withdraw', { areaCode: 'calaisis', day: tomorrow })).statusCode).toBe(204);
    day = (await volunteer.get(`/api/rota?from=${tomorrow}&to=${tomorrow}`)).json().areas.find((a: any) => a.code === 'calaisis').days[0];
    expect(day.missing).toEqual({ observers: 1, drivers: 1 });

    const past = await volunteer.post('/api/rota/sign-up', { areaCode: 'calaisis', day: addDays(today(), -1) });
    expect(past.statusCode).toBe(400);
    expect(past.json().message).toContain('déjà passé');
    const future = await observer.post('/api/rota/nothing-to-report', { areaCode: 'calaisis', day: tomorrow });
    expect(future.statusCode).toBe(400);
    const notOn = await volunteer.post('/api/rota/nothing-to-report', { areaCode: 'calaisis', day: today() });
    expect(notOn.statusCode).toBe(409);

    expect((await volunteer.post('/api/rota/sign-up', { areaCode: 'calaisis', day: today() })).statusCode).toBe(204);
    expect((await volunteer.post('/api/rota/nothing-to-report', { areaCode: 'calaisis', day: today() })).statusCode).toBe(204);
    const summary = (await coordinator.get(`/api/statistics/summary?from=${today()}&to=${today()}&areaCode=calaisis`)).json();
    expect(summary.coverage).toMatchObject({ expectedDays: 1, daysObserved: 1, daysNotObserved: 0, share: 1 });
    expect(summary.figures.evictions).toEqual({ value: 0, atLeast: false });

    // A coordinator marks a no-show.
    const ns = await coordinator.post('/api/rota/no-show', { areaCode: 'calaisis', day: today(), userId: volunteer.user.id, noShow: true });
    expect(ns.statusCode, ns.body).toBe(204);
    const mine = (await volunteer.get(`/api/rota?from=${today()}&to=${today()}`)).json().areas.find((a: any) => a.code === 'calaisis').days[0];
    expect(mine).toMatchObject({ nothingToReport: true, today: true, people: [{ me: true, noShow: true }] });
  });
});
