import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestVigie, type TestClient, type TestVigie } from './harness.js';
import { evictionCommand, minutesAgo, operationCommand, push, reference, siteCommand } from './field-fixtures.js';
import { seedEviction } from './evidence-fixtures.js';

/**
 * The legal pole inside the field data, its last pieces: parties picked by pseudonym (never a pasted
 * id), a case opened from an incident, the phone's team list limited to those who observe, and a
 * history for cases opened before cases were versioned.
 */
let t: TestVigie;
let admin: TestClient;
let legal: TestClient;
let observer: TestClient;
let coordinator: TestClient;
let volunteer: TestClient;
let calaisisId: string;
let incidentId: string;
let evictionId: string;
let rami: string;
let foreignIncidentId: string;

beforeAll(async () => {
  t = await startTestVigie();
  admin = await t.setUpAdmin();
  const org = admin.user.organisationId;
  legal = await t.userWithRole(org, 'legal');
  observer = await t.userWithRole(org, 'observer');
  coordinator = await t.userWithRole(org, 'coordinator');
  volunteer = await t.userWithRole(org, 'volunteer');
  ({ calaisisId } = await reference(observer));
  const site = siteCommand(calaisisId, { code: 'P7', name: 'Pont de Coquelles' });
  const op = operationCommand(calaisisId);
  const ev = evictionCommand(op.record.id, site.record.id);
  rami = randomUUID();
  const inc = { commandId: randomUUID(), type: 'incident.save', baseVersion: null, record: {
    id: randomUUID(), evictionId: ev.record.id, kind: 'violence', incidentType: 'baton', occurredAt: minutesAgo(90),
    victims: [{ id: rami, pseudonym: 'Rami 100%_ok', minor: false }, { id: randomUUID(), pseudonym: 'Homme 1', minor: null }] } };
  expect((await push(observer, [site, op, ev, inc])).map((r) => r.status)).toEqual(['applied', 'applied', 'applied', 'applied']);
  incidentId = inc.record.id;
  evictionId = ev.record.id;
  // Another organisation, with its own person of the same pseudonym and its own incident.
  const orgB = (await t.db.insertInto('organisations').values({ name: 'Other Observatory' }).returning('id').executeTakeFirstOrThrow()).id;
  await t.db.insertInto('organisation_settings').values({ organisation_id: orgB }).execute();
  const strangerId = (await t.userWithRole(orgB, 'legal')).user.id;
  foreignIncidentId = (await seedEviction(t, orgB, strangerId)).incidentId;
  await sql`INSERT INTO persons (id, organisation_id, pseudonym) VALUES (${randomUUID()}, ${orgB}, 'Rami B')`.execute(t.db);
});
afterAll(async () => { await t?.close(); });

describe(`case pickers (${process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it('finds persons by pseudonym with where they appear, never an identity, and audits the search', async () => {
    expect((await legal.put(`/api/persons/${rami}/identity`, { fullName: 'Secretname Person' })).statusCode).toBe(204);
    const res = await legal.get('/api/persons?q=rami');
    expect(res.statusCode, res.body).toBe(200);
    const { persons } = res.json();
    expect(persons).toEqual([{
      id: rami, pseudonym: 'Rami 100%_ok', minor: false, incidentCount: 1,
      appearances: [{ incidentId, evictionId, at: expect.any(String), site: { id: expect.any(String), code: 'P7', name: 'Pont de Coquelles' } }],
    }]);
    expect(res.body).not.toContain('Secretname');
    expect(res.body).not.toContain('Rami B');
    const audited = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_log WHERE action = 'person.searched' AND actor_id = ${legal.user.id}`.execute(t.db);
    expect(audited.rows[0]!.n).toBeGreaterThan(0);
  });

  it('takes odd characters literally and refuses an empty or too long search with a 400', async () => {
    expect((await legal.get(`/api/persons?q=${encodeURIComponent('100%_')}`)).json().persons.map((p: { id: string }) => p.id)).toEqual([rami]);
    for (const q of ['%', '_', '\\', "'; DROP TABLE persons; --", '"><script>', '😀']) {
      const res = await legal.get(`/api/persons?q=${encodeURIComponent(q)}`);
      expect(res.statusCode, q).toBe(200);
      expect(res.json().persons.filter((p: { pseudonym: string }) => !p.pseudonym.includes(q))).toEqual([]);
    }
    expect((await legal.get('/api/persons?q=')).statusCode).toBe(400);
    expect((await legal.get(`/api/persons?q=${'x'.repeat(61)}`)).json().code).toBe('request.validation_failed');
  });

  it('lets only those who add parties search persons', async () => {
    expect((await coordinator.get('/api/persons?q=Homme')).json().persons.map((p: { pseudonym: string }) => p.pseudonym)).toEqual(['Homme 1']);
    for (const c of [observer, volunteer, admin]) expect((await c.get('/api/persons?q=Homme')).statusCode).toBe(403);
  });

  it('opens a case from an incident, linked to it and to its eviction, and refuses an incident from elsewhere', async () => {
    const res = await legal.post('/api/legal/cases', { title: 'Plainte coups de matraque', actionType: 'plainte', incidentId });
    expect(res.statusCode, res.body).toBe(201);
    const opened = res.json().case;
    expect(opened.links.map((l: { target: string; targetId: string }) => [l.target, l.targetId]).sort())
      .toEqual([['eviction', evictionId], ['incident', incidentId]].sort());
    expect((await legal.get(`/api/incidents/${incidentId}`)).json().page.cases.map((c: { id: string }) => c.id)).toEqual([opened.id]);
    const before = (await legal.get('/api/legal/cases')).json().cases.length;
    for (const id of [foreignIncidentId, randomUUID()]) {
      const refused = await legal.post('/api/legal/cases', { title: 'X', actionType: 'plainte', incidentId: id });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().code).toBe('legal_case.unknown_target');
    }
    expect((await legal.get('/api/legal/cases')).json().cases.length).toBe(before);
  });

  it('offers as co-observers only members who observe, and refuses the others when an operation is saved', async () => {
    const { ref } = await reference(observer);
    const ids = ref.members.map((m: { id: string }) => m.id);
    expect(ids).toContain(coordinator.user.id);
    expect(ids).toContain(observer.user.id);
    for (const c of [admin, volunteer, legal]) expect(ids).not.toContain(c.user.id);
    const op = operationCommand(calaisisId, { observerIds: [observer.user.id, volunteer.user.id] });
    const [refused] = await push(observer, [op]);
    expect(refused).toMatchObject({ status: 'rejected', error: { code: 'field.invalid_record' } });
    expect((await push(observer, [{ ...op, commandId: randomUUID(), record: { ...op.record, observerIds: [observer.user.id, coordinator.user.id] } }])).map((r) => r.status))
      .toEqual(['applied']);
  });

  it('gives a case opened before cases were versioned its first version, so its history is never empty', async () => {
    const org = admin.user.organisationId;
    const old = await sql<{ id: string }>`INSERT INTO legal_cases (organisation_id, title, action_type, court, status, opened_by, created_at)
      VALUES (${org}, 'Ancien recours', 'recours_exces_pouvoir', 'TA de Lille', 'filed', ${legal.user.id}, '2026-03-02T09:00:00Z') RETURNING id`.execute(t.db);
    const id = old.rows[0]!.id;
    expect((await legal.get(`/api/legal/cases/${id}`)).json().case.history).toEqual([]);
    const migration = readFileSync(join(import.meta.dirname, '../migrations/2026-12-04-15d-01-case-baseline-versions.sql'), 'utf8');
    await sql.raw(migration).execute(t.db);
    await sql.raw(migration).execute(t.db); // idempotent: a second run adds nothing
    const { history } = (await legal.get(`/api/legal/cases/${id}`)).json().case;
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ version: 1, changedAt: '2026-03-02T09:00:00.000Z', changedBy: { id: legal.user.id } });
    expect(history[0].changes).toContainEqual({ field: 'court', before: null, after: 'TA de Lille' });
    // The next change reads against it.
    const changed = await legal.patch(`/api/legal/cases/${id}`, { court: 'CAA de Douai' });
    expect(changed.statusCode, changed.body).toBe(200);
    const after = changed.json().case.history;
    expect(after.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    expect(after[1].changes).toEqual([{ field: 'court', before: 'TA de Lille', after: 'CAA de Douai' }]);
  });
});
