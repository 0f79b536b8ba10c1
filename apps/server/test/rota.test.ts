import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parisDate } from '@vigie/domain';
import { inOrganisation } from '../src/platform/db/organisation-scope.js';
import { computeFigures } from '../src/modules/communication/statistics/statistics.service.js';
import { reminderClock, sendRotaReminders } from '../src/modules/field/rota/rota-reminders.js';
import { startTestVigie, type TestClient, type TestVigie } from './harness.js';
import { mailText } from './mail-body.js';
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
// Signing up for tomorrow after 18:00 Paris mails at once (a late sign-up). The tests that do not
// test that pin the reminders' clock to noon, so they pass whatever the hour CI runs them.
const realClock = reminderClock.now;
beforeAll(() => { reminderClock.now = () => new Date(`${today()}T10:30:00Z`); });
afterAll(async () => { reminderClock.now = realClock; await t?.close(); });

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

    const out = await volunteer.post('/api/rota/withdraw', { areaCode: 'calaisis', day: tomorrow });
    expect(out.statusCode).toBe(200);
    // The answer says what the shift is now short of, so the phone can warn.
    expect(out.json()).toEqual({ missing: { observers: 1, drivers: 1 } });
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

/**
 * Swapping, no-shows, the calendar link and the evening reminder, on a coming Tuesday
 * (2 March 2027) in both areas: Camille (a volunteer whose Vigie speaks English) takes over
 * the place the volunteer offers, a coordinator reassigns the driver's place, the evening
 * before everyone on a shift gets one mail in their language, once.
 */
describe(`rota swaps, calendar link and reminders (${backend})`, () => {
  const D = '2027-03-02';
  let camille: TestClient;
  const dayOf = async (c: TestClient, area: string, day: string) =>
    (await c.get(`/api/rota?from=${day}&to=${day}`)).json().areas.find((a: any) => a.code === area).days[0];
  const shiftId = async (area: string, day: string) =>
    (await sql<{ id: string }>`SELECT s.id FROM rota_shifts s JOIN areas a ON a.id = s.area_id WHERE a.code = ${area} AND a.organisation_id = ${organisationId} AND s.day = ${day}::date`.execute(t.db)).rows[0]!.id;
  const audited = async (action: string) =>
    (await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_log WHERE action = ${action} AND organisation_id = ${organisationId}`.execute(t.db)).rows[0]!.n;

  beforeAll(async () => {
    camille = await t.userWithRole(organisationId, 'volunteer');
    camille.locale = 'en';
    await sql`UPDATE users SET locale = 'en', display_name = 'Camille' WHERE id = ${camille.user.id}`.execute(t.db);
    await sql`UPDATE users SET display_name = 'Sacha' WHERE id = ${volunteer.user.id}`.execute(t.db);
    await sql`UPDATE users SET display_name = 'Noor' WHERE id = ${observer.user.id}`.execute(t.db);
  });

  it('lets a volunteer offer their place and another take it; a coordinator reassigns; short shifts warn, the past refuses', async () => {
    expect((await volunteer.post('/api/rota/sign-up', { areaCode: 'calaisis', day: D, role: 'observer' })).statusCode).toBe(204);
    expect((await observer.post('/api/rota/sign-up', { areaCode: 'calaisis', day: D, role: 'driver' })).statusCode).toBe(204);

    // Not offered yet: nobody takes a place from someone who has not offered it.
    const early = await camille.post('/api/rota/take', { areaCode: 'calaisis', day: D, userId: volunteer.user.id });
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('rota.place_not_offered');

    expect((await volunteer.post('/api/rota/offer', { areaCode: 'calaisis', day: D, offered: true })).statusCode).toBe(204);
    expect((await dayOf(camille, 'calaisis', D)).people.map((p: any) => [p.name, p.offered])).toEqual([['Sacha', true], ['Noor', false]]);

    const took = await camille.post('/api/rota/take', { areaCode: 'calaisis', day: D, userId: volunteer.user.id });
    expect(took.statusCode, took.body).toBe(200);
    // One observer and one driver: still one observer short — a warning, the swap is done.
    expect(took.json()).toEqual({ missing: { observers: 1, drivers: 0 } });
    let day = await dayOf(camille, 'calaisis', D);
    expect(day.people.map((p: any) => [p.name, p.role, p.offered, p.me])).toEqual([['Noor', 'driver', false, false], ['Camille', 'observer', false, true]]);
    expect(await audited('rota.place_taken')).toBe(1);

    // Taking it twice, or taking a place on a shift one is already on, is refused.
    expect((await camille.post('/api/rota/take', { areaCode: 'calaisis', day: D, userId: volunteer.user.id })).json().code).toBe('rota.place_not_found');

    // Only a coordinator reassigns; the place keeps its role.
    expect((await volunteer.post('/api/rota/reassign', { areaCode: 'calaisis', day: D, fromUserId: observer.user.id, toUserId: volunteer.user.id })).statusCode).toBe(403);
    const same = await coordinator.post('/api/rota/reassign', { areaCode: 'calaisis', day: D, fromUserId: observer.user.id, toUserId: camille.user.id });
    expect(same.statusCode).toBe(409);
    expect(same.json().message).toBe('Cette personne est déjà inscrite sur ce créneau.');
    const stranger = await coordinator.post('/api/rota/reassign', { areaCode: 'calaisis', day: D, fromUserId: observer.user.id, toUserId: '00000000-0000-4000-8000-000000000000' });
    expect(stranger.statusCode).toBe(400);
    const moved = await coordinator.post('/api/rota/reassign', { areaCode: 'calaisis', day: D, fromUserId: observer.user.id, toUserId: volunteer.user.id });
    expect(moved.statusCode, moved.body).toBe(200);
    day = await dayOf(coordinator, 'calaisis', D);
    expect(day.people.map((p: any) => [p.name, p.role])).toEqual([['Camille', 'observer'], ['Sacha', 'driver']]);
    expect((await coordinator.get(`/api/rota?from=${D}&to=${D}`)).json().members.map((m: any) => m.name)).toContain('Camille');
    expect((await camille.get(`/api/rota?from=${D}&to=${D}`)).json().members).toEqual([]);

    // The past: no sign-up, offer or swap, with a message saying why.
    const yesterday = addDays(today(), -1);
    for (const [path, body] of [
      ['/api/rota/sign-up', { areaCode: 'calaisis', day: yesterday }],
      ['/api/rota/offer', { areaCode: 'calaisis', day: yesterday, offered: true }],
      ['/api/rota/take', { areaCode: 'calaisis', day: yesterday, userId: volunteer.user.id }],
    ] as const) {
      const res = await camille.post(path, body);
      expect(res.statusCode).toBe(400);
      expect(res.json().message).toBe(`This shift (${yesterday}) is over: you can no longer sign up for it or withdraw from it.`);
    }
    // A no-show is for a day that happened.
    const ahead = await coordinator.post('/api/rota/no-show', { areaCode: 'calaisis', day: D, userId: camille.user.id, noShow: true });
    expect(ahead.statusCode).toBe(400);
    expect(ahead.json().message).toBe('On ne peut pas marquer une absence pour un jour à venir (2027-03-02).');
    expect((await dayOf(coordinator, 'calaisis', D)).people.every((p: any) => !p.noShow)).toBe(true);
  });

  it('mails everyone on the next day\'s shifts the evening before, in their language, once', async () => {
    expect((await camille.post('/api/rota/sign-up', { areaCode: 'dunkerquois', day: D, role: 'driver' })).statusCode).toBe(204);
    const deps = { db: t.db, queue: t.vigie.ctx.queue, config: t.vigie.ctx.config };
    expect(await sendRotaReminders(deps, '2027-03-01')).toBe(2);

    const english = mailText((await t.smtp.waitFor(camille.user.email)).raw);
    expect(english).toContain('Hello Camille,');
    expect(english).toContain('you are on the rota tomorrow, Tuesday 2 March');
    expect(english).toContain('- Calaisis, observing (with: Sacha)');
    expect(english).toContain('- Dunkerquois, driving (with: nobody else yet)');
    const french = mailText((await t.smtp.waitFor(volunteer.user.email)).raw);
    expect(french).toContain('vous êtes inscrit·e demain, mardi 2 mars');
    expect(french).toContain('- Calaisis, au volant (avec : Camille)');

    // A second run the same evening sends nothing more.
    expect(await sendRotaReminders(deps, '2027-03-01')).toBe(0);
    const deliveries = await sql<{ n: number }>`SELECT count(*)::int AS n FROM mail_deliveries WHERE address IN (${camille.user.email}, ${volunteer.user.email})`.execute(t.db);
    expect(deliveries.rows[0]!.n).toBe(2);
    // Nobody is on a shift the day after: nothing to send.
    expect(await sendRotaReminders(deps, D)).toBe(0);
    // pg-boss runs it every evening at 18:00, Paris time.
    const { rows } = await sql<{ cron: string; timezone: string }>`SELECT cron, timezone FROM pgboss.schedule WHERE name = 'rota.evening-reminders'`.execute(t.db);
    expect(rows).toEqual([{ cron: '0 18 * * *', timezone: 'Europe/Paris' }]);
  });

  it('reminds someone who joins tomorrow\'s shift after the evening run at once, and only once', async () => {
    const deps = { db: t.db, queue: t.vigie.ctx.queue, config: t.vigie.ctx.config };
    const tomorrow = addDays(today(), 1);
    const claims = async (userId: string) =>
      (await sql<{ n: number }>`SELECT count(*)::int AS n FROM rota_reminders WHERE user_id = ${userId} AND day = ${tomorrow}::date`.execute(t.db)).rows[0]!.n;
    const late = await t.userWithRole(organisationId, 'volunteer');
    await sql`UPDATE users SET display_name = 'Lou' WHERE id = ${late.user.id}`.execute(t.db);
    const real = reminderClock.now;
    try {
      // Around noon in Paris: the evening run will include whoever signs up now.
      reminderClock.now = () => new Date(`${today()}T10:30:00Z`);
      expect((await observer.post('/api/rota/sign-up', { areaCode: 'calaisis', day: tomorrow, role: 'observer' })).statusCode).toBe(204);
      expect(await claims(observer.user.id)).toBe(0);
      expect(await sendRotaReminders(deps, today())).toBe(1);
      expect(await claims(observer.user.id)).toBe(1);

      // After 18:00 in Paris the run is over: a late sign-up is reminded in the same request.
      reminderClock.now = () => new Date(`${today()}T18:30:00Z`);
      expect((await late.post('/api/rota/sign-up', { areaCode: 'calaisis', day: tomorrow, role: 'driver' })).statusCode).toBe(204);
      expect(await claims(late.user.id)).toBe(1);
      const mail = mailText((await t.smtp.waitFor(late.user.email)).raw);
      expect(mail).toContain('Lou');
      expect(mail).toContain('Calaisis, au volant (avec : Noor)');
      // Neither the next run nor a second late sign-up that evening sends it again.
      expect(await sendRotaReminders(deps, today())).toBe(0);
      expect((await late.post('/api/rota/sign-up', { areaCode: 'dunkerquois', day: tomorrow, role: 'observer' })).statusCode).toBe(204);
      expect(await claims(late.user.id)).toBe(1);
      // A shift further ahead waits for its own evening.
      expect((await late.post('/api/rota/sign-up', { areaCode: 'calaisis', day: addDays(today(), 3), role: 'observer' })).statusCode).toBe(204);
      const ahead = await sql<{ n: number }>`SELECT count(*)::int AS n FROM rota_reminders WHERE user_id = ${late.user.id}`.execute(t.db);
      expect(ahead.rows[0]!.n).toBe(1);
    } finally {
      reminderClock.now = real;
    }
  });

  it('serves each person\'s shifts as a calendar with stable event ids, through a link that is audited and can be revoked', async () => {
    expect((await camille.get('/api/rota/calendar-feed')).json()).toEqual({ active: false, createdAt: null, expiresAt: null, url: null });
    const created = await camille.post('/api/rota/calendar-feed');
    expect(created.statusCode).toBe(201);
    const url: string = created.json().url;
    expect(url).toMatch(/^http:\/\/localhost:3000\/api\/rota\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    const expires = Date.parse(created.json().expiresAt) - Date.now();
    expect(expires).toBeGreaterThan(360 * 86_400_000);
    // Shown once: afterwards only that a link is active.
    expect((await camille.get('/api/rota/calendar-feed')).json()).toMatchObject({ active: true, url: null });

    const anonymous = t.client();
    const path = url.replace('http://localhost:3000', '');
    const first = await anonymous.get(path);
    expect(first.statusCode).toBe(200);
    expect(first.headers['content-type']).toContain('text/calendar');
    const body = first.body.replace(/\r\n[ \t]/g, '');
    expect(body).toContain(`UID:rota-shift-${await shiftId('calaisis', D)}@vigie`);
    expect(body).toContain(`UID:rota-shift-${await shiftId('dunkerquois', D)}@vigie`);
    expect(body).toContain('SUMMARY:Observation — Dunkerquois (driver)');
    expect(body).toContain('DTSTART;VALUE=DATE:20270302');
    expect(body).toContain('With: Sacha');
    expect(body).not.toContain(`rota-shift-${await shiftId('calaisis', today())}`);
    const uids = (b: string) => [...b.matchAll(/^UID:(.*)$/gm)].map((m) => m[1]).sort();
    expect(uids((await anonymous.get(path)).body)).toEqual(uids(first.body));
    expect(await audited('rota_calendar.read')).toBe(2);

    // A new link revokes the old one; revoking leaves none.
    const renewed: string = (await camille.post('/api/rota/calendar-feed')).json().url;
    const old = await anonymous.get(path);
    expect(old.statusCode).toBe(404);
    expect(old.json().message).toBe('Ce lien d\'agenda n\'existe pas ou a été révoqué. Générez-en un nouveau dans Vigie.');
    const renewedPath = renewed.replace('http://localhost:3000', '');
    expect((await anonymous.get(renewedPath)).statusCode).toBe(200);
    expect((await camille.delete('/api/rota/calendar-feed')).statusCode).toBe(204);
    expect((await anonymous.get(renewedPath)).statusCode).toBe(404);
    expect((await camille.get('/api/rota/calendar-feed')).json().active).toBe(false);
    expect(await audited('rota_calendar.link_revoked')).toBe(1);
    expect(await audited('rota_calendar.read')).toBe(3);

    // An expired link gives nothing either.
    const third: string = (await camille.post('/api/rota/calendar-feed')).json().url;
    await sql`UPDATE rota_calendar_feeds SET expires_at = now() - interval '1 minute' WHERE user_id = ${camille.user.id} AND revoked_at IS NULL`.execute(t.db);
    expect((await anonymous.get(third.replace('http://localhost:3000', ''))).statusCode).toBe(404);
  });

  it('shows a person their next shifts and the short ones they could fill', async () => {
    const soon = addDays(today(), 2);
    expect((await camille.post('/api/rota/sign-up', { areaCode: 'calaisis', day: soon })).statusCode).toBe(204);
    const mine = (await camille.get('/api/rota/mine')).json();
    expect(mine.shifts).toEqual([{ areaCode: 'calaisis', areaName: 'Calaisis', day: soon, role: 'observer', offered: false, missing: { observers: 1, drivers: 1 } }]);
    expect(mine.short.length).toBeGreaterThan(0);
    for (const s of mine.short) {
      expect(s.day >= today() && s.day <= addDays(today(), 6)).toBe(true);
      expect(s.areaCode === 'calaisis' && s.day === soon).toBe(false);
    }
    expect(mine.short).toContainEqual(expect.objectContaining({ areaCode: 'calaisis', day: addDays(today(), 1) }));
  });
});
