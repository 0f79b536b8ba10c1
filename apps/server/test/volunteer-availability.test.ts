import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestVigie, type TestClient, type TestVigie } from './harness.js';

/**
 * Volunteer availability (issue 18, item 5): each person edits their own weekly slots, dates away
 * and note; a coordinator edits anyone's and reads a week of it (away days and former people
 * removed) to fill the rota; bad input is refused with a clear message and nothing is half-saved.
 */
let t: TestVigie;
let admin: TestClient;
let coordinator: TestClient;
let volunteer: TestClient;
let observer: TestClient;
const idOf = async (c: TestClient) => (await c.get('/api/auth/me')).json().user.id as string;

beforeAll(async () => {
  t = await startTestVigie();
  admin = await t.setUpAdmin();
  const organisationId = admin.user.organisationId;
  coordinator = await t.userWithRole(organisationId, 'coordinator');
  volunteer = await t.userWithRole(organisationId, 'volunteer');
  observer = await t.userWithRole(organisationId, 'observer');
}, 120_000);
afterAll(async () => { await t?.close(); });

type Person = { id: string; displayName: string };
type Week = { monday: string; days: Array<{ date: string; parts: Array<{ part: string; people: Person[] }> }>; people: Array<{ person: Person; slotCount: number; awayThisWeek: unknown[] }> };
const who = (week: Week, date: string, part: string) =>
  week.days.find((d) => d.date === date)!.parts.find((p) => p.part === part)!.people.map((p) => p.id);

describe('volunteer availability', () => {
  it('a volunteer records their own slots, dates away and note; the slots come back once each, in order', async () => {
    const saved = await volunteer.put('/api/association/availability/mine', {
      slots: [{ weekday: 3, part: 'evening' }, { weekday: 1, part: 'early' }, { weekday: 1, part: 'morning' }, { weekday: 1, part: 'early' }],
      away: [{ startsOn: '2027-03-03', endsOn: '2027-03-05', note: 'partiels' }],
      note: 'Pas de voiture, je viens en vélo.',
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({
      person: { id: await idOf(volunteer) },
      slots: [{ weekday: 1, part: 'early' }, { weekday: 1, part: 'morning' }, { weekday: 3, part: 'evening' }],
      away: [{ startsOn: '2027-03-03', endsOn: '2027-03-05', note: 'partiels' }],
      note: 'Pas de voiture, je viens en vélo.',
    });
    const again = await volunteer.get('/api/association/availability/mine');
    expect(again.json()).toEqual(saved.json());
  });

  it('refuses an unknown day or part and a time away ending before it starts, in French and English, changing nothing', async () => {
    const before = (await volunteer.get('/api/association/availability/mine')).json();
    const night = await volunteer.put('/api/association/availability/mine', { slots: [{ weekday: 2, part: 'morning' }, { weekday: 2, part: 'night' }], away: [] });
    expect(night.statusCode).toBe(400);
    expect(night.json()).toMatchObject({ code: 'availability.unknown_slot', message: expect.stringContaining('1 (lundi) à 7 (dimanche)') });
    const eighth = await volunteer.put('/api/association/availability/mine', { slots: [{ weekday: 8, part: 'morning' }], away: [] });
    expect(eighth.json()).toMatchObject({ code: 'availability.unknown_slot', message: expect.stringContaining('jour 8') });

    // Messages follow the person's language.
    expect((await volunteer.patch('/api/me', { locale: 'en' })).statusCode).toBe(200);
    const upsideDown = await volunteer.put('/api/association/availability/mine', {
      slots: [{ weekday: 5, part: 'afternoon' }], away: [{ startsOn: '2027-04-10', endsOn: '2027-04-02', note: '' }], note: 'changed',
    });
    await volunteer.patch('/api/me', { locale: 'fr' });
    expect(upsideDown.statusCode).toBe(400);
    expect(upsideDown.json()).toMatchObject({ code: 'availability.away_ends_before_start', message: expect.stringContaining('ends (2027-04-02) before it starts (2027-04-10)') });
    expect((await volunteer.get('/api/association/availability/mine')).json()).toEqual(before);
  });

  it('someone else’s availability and the week are refused without the coordinators’ permission', async () => {
    const observerId = await idOf(observer);
    const put = await volunteer.put(`/api/association/availability/people/${observerId}`, { slots: [], away: [] });
    expect(put.statusCode).toBe(403);
    expect(put.json().code).toBe('auth.forbidden');
    expect((await volunteer.get(`/api/association/availability/people/${observerId}`)).statusCode).toBe(403);
    expect((await observer.get('/api/association/availability/week?week=2027-03-01')).statusCode).toBe(403);
  });

  it('a coordinator edits a person’s availability, audited, and reads the week without away days nor former people', async () => {
    const [volunteerId, observerId] = [await idOf(volunteer), await idOf(observer)];
    const edited = await coordinator.put(`/api/association/availability/people/${observerId}`, {
      slots: [{ weekday: 1, part: 'early' }, { weekday: 3, part: 'evening' }], away: [], note: 'Peut conduire le camion.',
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect((await observer.get('/api/association/availability/mine')).json().note).toBe('Peut conduire le camion.');
    const audited = [
      ...await t.db.selectFrom('audit_pending').select(['action', 'entity_id']).where('action', '=', 'availability.changed').execute(),
      ...await t.db.selectFrom('audit_log').select(['action', 'entity_id']).where('action', '=', 'availability.changed').execute(),
    ].map((a) => a.entity_id).sort();
    expect(audited).toEqual([volunteerId, observerId].sort());

    // A leaver had said Monday at dawn, then left: gone from the week.
    const leaver = await t.userWithRole(admin.user.organisationId, 'volunteer');
    const leaverId = await idOf(leaver);
    expect((await leaver.put('/api/association/availability/mine', { slots: [{ weekday: 1, part: 'early' }], away: [] })).statusCode).toBe(200);
    expect((await admin.patch(`/api/users/${leaverId}`, { active: false })).statusCode).toBe(200);
    const late = await coordinator.put(`/api/association/availability/people/${leaverId}`, { slots: [], away: [] });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('availability.person_inactive');

    // Any day of the week names the week; Wednesday 3 March the volunteer is away.
    const res = await coordinator.get('/api/association/availability/week?week=2027-03-04');
    expect(res.statusCode, res.body).toBe(200);
    const week = res.json<Week>();
    expect(week.monday).toBe('2027-03-01');
    expect(week.days.map((d) => d.date)).toEqual(['2027-03-01', '2027-03-02', '2027-03-03', '2027-03-04', '2027-03-05', '2027-03-06', '2027-03-07']);
    expect(who(week, '2027-03-01', 'early').sort()).toEqual([volunteerId, observerId].sort());
    expect(who(week, '2027-03-01', 'morning')).toEqual([volunteerId]);
    expect(who(week, '2027-03-03', 'evening')).toEqual([observerId]);
    expect(week.people.map((p) => p.person.id)).not.toContain(leaverId);
    expect(week.people.find((p) => p.person.id === volunteerId)).toMatchObject({ slotCount: 3, awayThisWeek: [{ startsOn: '2027-03-03', endsOn: '2027-03-05' }] });
    // The following week the volunteer is back on Wednesday evening.
    const next = (await coordinator.get('/api/association/availability/week?week=2027-03-08')).json<Week>();
    expect(who(next, '2027-03-10', 'evening').sort()).toEqual([volunteerId, observerId].sort());
  });
});
