import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CURRENT_CONSENT_TEXT_VERSION } from '@vigie/domain';
import { startTestVigie, type TestClient, type TestVigie } from './harness.js';
import { seedEviction } from './evidence-fixtures.js';

/** Outreach rounds: recorded once per phone id, read by their team and coordinators, no location of anyone; a testimony links to one. */
let t: TestVigie;
let observer: TestClient;
let teammate: TestClient;
let outsider: TestClient;
let coordinator: TestClient;
let areaCode: string;
let siteId: string;

beforeAll(async () => {
  t = await startTestVigie();
  const admin = await t.setUpAdmin();
  const orgId = admin.user.organisationId;
  observer = await t.userWithRole(orgId, 'observer');
  teammate = await t.userWithRole(orgId, 'observer');
  outsider = await t.userWithRole(orgId, 'observer');
  coordinator = await t.userWithRole(orgId, 'coordinator');
  ({ areaCode, siteId } = await seedEviction(t, orgId, observer.user.id));
}, 120_000);
afterAll(async () => { await t?.close(); });

const round = (over: Record<string, unknown> = {}) => ({
  id: randomUUID(), areaCode, startedAt: '2026-12-01T18:00:00+01:00', endedAt: '2026-12-01T20:30:00+01:00', team: [teammate.user.id], siteIds: [siteId],
  peopleMet: { n: 40, atLeast: true }, needs: { food: { n: 30, atLeast: true }, medical: { n: 3, atLeast: false } },
  distributed: [{ item: 'couvertures', count: { n: 25, atLeast: false } }, { item: 'thé' }], notes: 'Froid, beaucoup de nouveaux arrivants.', ...over,
});

describe(`outreach rounds (${process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it('records a round with its team, sites, counts with minimum flags, needs and distribution; a retry never records twice', async () => {
    const input = round();
    const res = await observer.post('/api/rounds', input);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().round).toMatchObject({
      id: input.id, area: { code: areaCode }, peopleMet: { n: 40, atLeast: true }, needs: input.needs,
      distributed: [{ item: 'couvertures', count: { n: 25, atLeast: false } }, { item: 'thé', count: null }], notes: input.notes,
    });
    expect(res.json().round.team.map((m: any) => m.id).sort()).toEqual([observer.user.id, teammate.user.id].sort());
    expect(res.json().round.sites).toEqual([expect.objectContaining({ id: siteId })]);
    const again = await observer.post('/api/rounds', input);
    expect(again.statusCode).toBe(200);
    const n = await sql<{ n: number }>`SELECT count(*)::int AS n FROM outreach_rounds WHERE id = ${input.id}`.execute(t.db);
    expect(n.rows[0]!.n).toBe(1);
    // The table has nowhere to put a position: no latitude, longitude or person.
    const columns = await sql<{ column_name: string }>`SELECT column_name FROM information_schema.columns WHERE table_name = 'outreach_rounds'`.execute(t.db);
    expect(columns.rows.map((c) => c.column_name).filter((c) => /lat|lon|position|person/.test(c))).toEqual([]);
  });

  it('is read by its team and coordinators only', async () => {
    const input = round();
    await observer.post('/api/rounds', input);
    expect((await teammate.get(`/api/rounds/${input.id}`)).statusCode).toBe(200);
    expect((await coordinator.get(`/api/rounds/${input.id}`)).statusCode).toBe(200);
    const hidden = await outsider.get(`/api/rounds/${input.id}`);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().code).toBe('round.not_found');
    expect((await outsider.get('/api/rounds')).json().rounds.map((r: any) => r.id)).not.toContain(input.id);
    expect((await coordinator.get('/api/rounds')).json().rounds.map((r: any) => r.id)).toContain(input.id);
  });

  it('refuses bad input with a clear message and saves nothing', async () => {
    const cases: Array<[Record<string, unknown>, number, string]> = [
      [{ areaCode: 'nowhere' }, 400, 'field.unknown_area'],
      [{ siteIds: [randomUUID()] }, 400, 'field.unknown_site'],
      [{ team: [randomUUID()] }, 400, 'field.invalid_record'],
      [{ startedAt: '2099-01-01T10:00:00Z', endedAt: null }, 400, 'field.invalid_record'],
      [{ endedAt: '2026-12-01T17:00:00+01:00' }, 400, 'request.validation_failed'],
      [{ peopleMet: { n: -3, atLeast: false } }, 400, 'request.validation_failed'],
      [{ needs: { shoes: { n: 1, atLeast: false } } }, 400, 'request.validation_failed'],
    ];
    for (const [over, status, code] of cases) {
      const input = round(over);
      const res = await observer.post('/api/rounds', input);
      expect(res.statusCode, JSON.stringify(over)).toBe(status);
      expect(res.json().code, res.body).toBe(code);
      expect(res.json().message).toBeTruthy();
      expect((await sql<{ n: number }>`SELECT count(*)::int AS n FROM outreach_rounds WHERE id = ${input.id}`.execute(t.db)).rows[0]!.n).toBe(0);
    }
    // Someone else's round id is a conflict, not a read of their round.
    const mine = round();
    await observer.post('/api/rounds', mine);
    expect((await outsider.post('/api/rounds', { ...mine })).json().code).toBe('round.id_conflict');
  });

  it('a testimony taken during a round links to it', async () => {
    const input = round();
    await observer.post('/api/rounds', input);
    const res = await observer.post('/api/testimonies', {
      pseudonym: 'K.', language: 'ar', givenOn: '2026-12-01', account: 'رواية', links: [{ target: 'round', id: input.id }],
      consent: { answers: { kept: true, quoted: false, statistics: true, court: false, partners: false }, textVersion: CURRENT_CONSENT_TEXT_VERSION, shownIn: 'ar' },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().testimony.links).toEqual([expect.objectContaining({ target: 'round', targetId: input.id })]);
    const unknown = await observer.post('/api/testimonies', { pseudonym: 'L.', language: 'fr', givenOn: '2026-12-01', account: 'x', links: [{ target: 'round', id: randomUUID() }] });
    expect(unknown.json().code).toBe('testimony.unknown_target');
  });
});
