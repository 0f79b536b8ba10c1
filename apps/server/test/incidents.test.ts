import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestVigie, type TestClient, type TestVigie } from './harness.js';
import { noisePng, patchChunk, uploadBody } from './evidence-fixtures.js';
import { evictionCommand, minutesAgo, operationCommand, push, reference, siteCommand, submitCommand } from './field-fixtures.js';

let t: TestVigie;
let observer: TestClient;
let otherObserver: TestClient;
let coordinator: TestClient;
let evictionId: string;
let otherEvictionId: string;

function incidentCommand(over: Record<string, unknown> = {}, baseVersion: number | null = null) {
  return {
    commandId: randomUUID(), type: 'incident.save', baseVersion,
    record: {
      id: randomUUID(), evictionId, kind: 'violence', incidentType: 'tear_gas', occurredAt: minutesAgo(90), unit: 'CRS 36',
      description: 'Gaz lacrymogène sur les tentes', victims: [{ id: randomUUID(), pseudonym: 'Personne 1', minor: true }], ...over,
    },
  };
}

beforeAll(async () => {
  t = await startTestVigie();
  const admin = await t.setUpAdmin();
  const org = admin.user.organisationId;
  observer = await t.userWithRole(org, 'observer');
  otherObserver = await t.userWithRole(org, 'observer');
  coordinator = await t.userWithRole(org, 'coordinator');
  const { calaisisId } = await reference(observer);
  const site = siteCommand(calaisisId);
  const op = operationCommand(calaisisId);
  const ev = evictionCommand(op.record.id, site.record.id);
  const otherEv = evictionCommand(op.record.id, site.record.id, { arrivedAt: minutesAgo(60), leftAt: minutesAgo(50) });
  evictionId = ev.record.id;
  otherEvictionId = otherEv.record.id;
  expect((await push(observer, [site, op, ev])).map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
  expect((await push(otherObserver, [otherEv])).map((r) => r.status)).toEqual(['applied']);
});
afterAll(async () => { await t?.close(); });

describe(`incidents recorded on the phone, read in review (${process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it('reach the coordinator with their pseudonymous victims and the photos attached to them', async () => {
    const cmd = incidentCommand();
    expect((await push(observer, [cmd])).map((r) => r.status)).toEqual(['applied']);
    const png = await noisePng();
    const body = uploadBody(png, { evictionId, incidentId: cmd.record.id });
    expect((await observer.post('/api/evidence', body)).statusCode).toBe(201);
    expect((await patchChunk(t, observer, body.id, 0, png)).statusCode).toBe(200);
    expect((await push(observer, [submitCommand(evictionId)])).map((r) => r.status)).toEqual(['applied']);

    const res = await coordinator.get(`/api/evictions/${evictionId}/incidents`);
    expect(res.statusCode).toBe(200);
    const [incident, ...rest] = res.json().incidents;
    expect(rest).toEqual([]);
    expect(incident).toMatchObject({
      id: cmd.record.id, kind: 'violence', incidentType: 'tear_gas', unit: 'CRS 36', description: 'Gaz lacrymogène sur les tentes',
      victims: [{ id: cmd.record.victims[0]!.id, pseudonym: 'Personne 1', minor: true }], evidence: { stored: 1, uploading: 0, rejected: 0 }, version: 1,
      createdBy: observer.user.id,
    });
    expect(JSON.stringify(incident)).not.toContain('identity');
  });

  it('are listed to coordinators only, and an unknown eviction is a 404', async () => {
    expect((await observer.get(`/api/evictions/${evictionId}/incidents`)).statusCode).toBe(403);
    const unknown = await coordinator.get(`/api/evictions/${randomUUID()}/incidents`);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('eviction.not_found');
  });

  it('refuse a time in the future, saving nothing', async () => {
    const cmd = incidentCommand({ occurredAt: new Date(Date.now() + 3_600_000).toISOString() });
    const [r] = await push(observer, [cmd]);
    expect(r).toMatchObject({ status: 'rejected', error: { code: 'field.invalid_record' } });
    expect(await t.db.selectFrom('incidents').select('id').where('id', '=', cmd.record.id).executeTakeFirst()).toBeUndefined();
    expect(await t.db.selectFrom('persons').select('id').where('id', '=', cmd.record.victims[0]!.id).executeTakeFirst()).toBeUndefined();
  });

  it('cannot be moved onto an eviction the observer may not edit, nor away from it', async () => {
    const mine = incidentCommand({ evictionId: otherEvictionId });
    const [onOther] = await push(observer, [mine]);
    expect(onOther).toMatchObject({ status: 'rejected', error: { code: 'field.not_editable' } });

    // Someone else's incident, moved to my own draft eviction: refused, the original untouched.
    const theirs = incidentCommand({ evictionId: otherEvictionId });
    const [saved] = await push(otherObserver, [theirs]);
    expect(saved!.status).toBe('applied');
    const [moved] = await push(observer, [{ ...theirs, commandId: randomUUID(), baseVersion: 1, record: { ...theirs.record, evictionId, description: 'déplacé' } }]);
    // The observer's own eviction is submitted by now, so either rule refuses it; the incident stays where it was.
    expect(moved).toMatchObject({ status: 'rejected', error: { code: 'field.not_editable' } });
    const row = await t.db.selectFrom('incidents').select(['eviction_id', 'description', 'version']).where('id', '=', theirs.record.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ eviction_id: otherEvictionId, description: 'Gaz lacrymogène sur les tentes', version: 1 });
  });

  it('a coordinator may not move an incident to another eviction either', async () => {
    const theirs = incidentCommand({ evictionId: otherEvictionId });
    expect((await push(otherObserver, [theirs]))[0]!.status).toBe('applied');
    const [moved] = await push(coordinator, [{ ...theirs, commandId: randomUUID(), baseVersion: 1, record: { ...theirs.record, evictionId } }]);
    expect(moved).toMatchObject({ status: 'rejected', error: { code: 'field.not_editable' } });
    const [edited] = await push(coordinator, [{ ...theirs, commandId: randomUUID(), baseVersion: 1, record: { ...theirs.record, description: 'précisé' } }]);
    expect(edited).toMatchObject({ status: 'applied', version: 2 });
  });
});
