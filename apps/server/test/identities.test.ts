import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestVigie, type TestClient, type TestVigie } from './harness.js';
import { evictionCommand, minutesAgo, operationCommand, push, reference, siteCommand } from './field-fixtures.js';

let t: TestVigie;
let observer: TestClient;
let legal: TestClient;
let comms: TestClient;
let personId: string;

beforeAll(async () => {
  t = await startTestVigie();
  const admin = await t.setUpAdmin();
  const org = admin.user.organisationId;
  observer = await t.userWithRole(org, 'observer');
  legal = await t.userWithRole(org, 'legal');
  comms = await t.userWithRole(org, 'comms');
  const { calaisisId } = await reference(observer);
  const site = siteCommand(calaisisId);
  const op = operationCommand(calaisisId);
  const ev = evictionCommand(op.record.id, site.record.id);
  personId = randomUUID();
  const incident = {
    commandId: randomUUID(), type: 'incident.save', baseVersion: null,
    record: { id: randomUUID(), evictionId: ev.record.id, kind: 'violence', incidentType: 'tear_gas', occurredAt: minutesAgo(90), unit: 'CRS 36', victims: [{ id: personId, pseudonym: 'Homme 1', minor: false }] },
  };
  expect((await push(observer, [site, op, ev, incident])).map((r) => r.status)).toEqual(['applied', 'applied', 'applied', 'applied']);
});
afterAll(async () => { await t?.close(); });

describe(`identities of people (${process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it('are never collected in the field: the incident names a pseudonym only', async () => {
    const person = await t.db.selectFrom('persons').selectAll().where('id', '=', personId).executeTakeFirstOrThrow();
    expect(person).toMatchObject({ pseudonym: 'Homme 1', identity_enc: null });
    const pulled = (await observer.get('/api/sync/pull?since=0')).json();
    expect(pulled.incidents[0].victims).toEqual([{ id: personId, pseudonym: 'Homme 1', minor: false }]);
  });

  it('are recorded encrypted and read back only by the legal pole, each read audited', async () => {
    const identity = { fullName: 'Ahmad Example', birthDate: '2009-04-02', nationality: 'Soudan', contact: null, notes: 'mineur' };
    expect((await legal.put(`/api/persons/${personId}/identity`, identity)).statusCode).toBe(204);
    const stored = await t.db.selectFrom('persons').select('identity_enc').where('id', '=', personId).executeTakeFirstOrThrow();
    expect(stored.identity_enc).not.toContain('Ahmad');
    const read = await legal.get(`/api/persons/${personId}/identity`);
    expect(read.json()).toMatchObject({ pseudonym: 'Homme 1', identity: { fullName: 'Ahmad Example', nationality: 'Soudan' } });
    const audits = await t.db.selectFrom('audit_log').select(['action', 'actor_id', 'after', 'context']).where('entity_id', '=', personId).orderBy('seq').execute();
    expect(audits.map((a) => a.action)).toEqual(['person.identity_recorded', 'person.identity_read']);
    expect(audits[1]!.actor_id).toBe(legal.user.id);
    expect(JSON.stringify(audits)).not.toContain('Ahmad');
  });

  it('are refused to observers and the communication pole', async () => {
    for (const c of [observer, comms]) {
      expect((await c.get(`/api/persons/${personId}/identity`)).statusCode).toBe(403);
      expect((await c.put(`/api/persons/${personId}/identity`, { fullName: 'X' })).statusCode).toBe(403);
    }
  });

  it('answers an unknown person with 404', async () => {
    expect((await legal.get(`/api/persons/${randomUUID()}/identity`)).json().code).toBe('person.not_found');
  });
});
