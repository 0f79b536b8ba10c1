import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestVigie, type TestClient, type TestVigie } from './harness.js';
import { evictionCommand, minutesAgo, operationCommand, push, reference, siteCommand, submitCommand } from './field-fixtures.js';

/** Issue 16: a phone receives only what its observer needs, and a coordinator can revoke a phone. */
let t: TestVigie;
let calaisObserver: TestClient;
let anywhereObserver: TestClient;
let coordinator: TestClient;
let calaisObserverId: string;
let calaisisId: string;
let dunkerquoisId: string;
const ids = { calaisSite: '', dunkirkSite: '', recent: '', old: '', oldRejected: '', dunkirk: '', recentIncident: '', oldIncident: '' };

const DAY = 24 * 60;
const pullAll = async (c: TestClient) => {
  const res = await c.get('/api/sync/pull?since=0');
  expect(res.statusCode).toBe(200);
  return res.json() as {
    scope: { areaIds: string[]; prefillDays: number; since: string };
    operations: Array<{ id: string; areaId: string }>; evictions: Array<{ id: string; status: string; rejectionReason: string | null }>;
    incidents: Array<{ id: string }>; sites: Array<{ id: string; areaId: string }>;
  };
};

async function operationWithEviction(c: TestClient, areaId: string, siteId: string, minutes: number) {
  const op = operationCommand(areaId, { startedAt: minutesAgo(minutes + 30) });
  const ev = evictionCommand(op.record.id, siteId, { arrivedAt: minutesAgo(minutes), leftAt: minutesAgo(minutes - 20) });
  const incident = {
    commandId: randomUUID(), type: 'incident.save', baseVersion: null,
    record: { id: randomUUID(), evictionId: ev.record.id, kind: 'obstruction', incidentType: 'perimeter', occurredAt: minutesAgo(minutes - 5), victims: [] },
  };
  const results = await push(c, [op, ev, incident, submitCommand(ev.record.id)]);
  expect(results.map((r) => r.status), JSON.stringify(results)).toEqual(['applied', 'applied', 'applied', 'applied']);
  return { eviction: ev.record.id, incident: incident.record.id };
}

beforeAll(async () => {
  t = await startTestVigie();
  const admin = await t.setUpAdmin();
  calaisObserver = await t.userWithRole(admin.user.organisationId, 'observer');
  anywhereObserver = await t.userWithRole(admin.user.organisationId, 'observer');
  coordinator = await t.userWithRole(admin.user.organisationId, 'coordinator');
  calaisObserverId = (await calaisObserver.get('/api/auth/me')).json().user.id;
  const { ref, calaisisId: c } = await reference(calaisObserver);
  calaisisId = c;
  dunkerquoisId = ref.areas.find((a: { code: string }) => a.code === 'dunkerquois').id;
  const calaisSite = siteCommand(calaisisId);
  const dunkirkSite = siteCommand(dunkerquoisId, { code: 'PUYTHOUCK', name: 'Puythouck', communeInsee: '59271' });
  ids.calaisSite = calaisSite.record.id;
  ids.dunkirkSite = dunkirkSite.record.id;
  await push(coordinator, [calaisSite, dunkirkSite]);
  const recent = await operationWithEviction(calaisObserver, calaisisId, ids.calaisSite, 120);
  const old = await operationWithEviction(calaisObserver, calaisisId, ids.calaisSite, 20 * DAY);
  const oldRejected = await operationWithEviction(calaisObserver, calaisisId, ids.calaisSite, 30 * DAY);
  const dunkirk = await operationWithEviction(anywhereObserver, dunkerquoisId, ids.dunkirkSite, 180);
  Object.assign(ids, { recent: recent.eviction, recentIncident: recent.incident, old: old.eviction, oldIncident: old.incident, oldRejected: oldRejected.eviction, dunkirk: dunkirk.eviction });
  const reject = await coordinator.post(`/api/evictions/${ids.oldRejected}/reject`, { version: 2, reason: 'Heure d’arrivée à vérifier' });
  expect(reject.statusCode, reject.body).toBe(200);
  // Others' evictions reach an observer's phone once verified (issue 12): verify those the scope is tested with.
  for (const id of [ids.recent, ids.old]) {
    const verified = await coordinator.post(`/api/evictions/${id}/verify`, { version: 2 });
    expect(verified.statusCode, verified.body).toBe(200);
  }
});
afterAll(async () => { await t?.close(); });

describe(`phone scope (${process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it('gives an observer with no assigned area every area, within the last 14 days', async () => {
    const pulled = await pullAll(anywhereObserver);
    expect(pulled.scope.prefillDays).toBe(14);
    expect(pulled.scope.areaIds.sort()).toEqual([calaisisId, dunkerquoisId].sort());
    const evictions = pulled.evictions.map((e) => e.id);
    expect(evictions).toEqual(expect.arrayContaining([ids.recent, ids.dunkirk]));
    expect(evictions).not.toContain(ids.old);
    // Someone else's rejected eviction is not theirs to correct.
    expect(evictions).not.toContain(ids.oldRejected);
    // Nor is someone else's unverified one theirs to read: it reaches them once verified.
    expect(pulled.evictions.every((e) => e.status === 'verified' || e.id === ids.dunkirk)).toBe(true);
    expect(pulled.incidents.map((i) => i.id)).toContain(ids.recentIncident);
    expect(pulled.incidents.map((i) => i.id)).not.toContain(ids.oldIncident);
  });

  it('never sends another area\'s records to an observer assigned to one area', async () => {
    const res = await coordinator.put(`/api/field/observer-areas/${calaisObserverId}`, { areaIds: [calaisisId] });
    expect(res.statusCode, res.body).toBe(200);
    const pulled = await pullAll(calaisObserver);
    expect(pulled.scope.areaIds).toEqual([calaisisId]);
    expect(pulled.sites.map((s) => s.id)).toContain(ids.calaisSite);
    expect(pulled.sites.every((s) => s.areaId === calaisisId)).toBe(true);
    expect(pulled.operations.every((o) => o.areaId === calaisisId)).toBe(true);
    const evictions = pulled.evictions.map((e) => e.id);
    expect(evictions).not.toContain(ids.dunkirk);
    expect(evictions).toContain(ids.recent);
    expect(evictions).not.toContain(ids.old);
    // Their own eviction sent back for correction stays on their phone, whatever its age, with the reason.
    expect(pulled.evictions.find((e) => e.id === ids.oldRejected)).toMatchObject({ status: 'rejected', rejectionReason: 'Heure d’arrivée à vérifier' });
  });

  it('follows the number of days a coordinator sets, and refuses it from an observer or out of range', async () => {
    expect((await calaisObserver.put('/api/field/phone-settings', { prefillDays: 60 })).statusCode).toBe(403);
    const bad = await coordinator.put('/api/field/phone-settings', { prefillDays: 365 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('request.validation_failed');
    expect((await coordinator.put('/api/field/phone-settings', { prefillDays: 25 })).statusCode).toBe(200);
    const pulled = await pullAll(calaisObserver);
    expect(pulled.scope.prefillDays).toBe(25);
    expect(pulled.evictions.map((e) => e.id)).toEqual(expect.arrayContaining([ids.recent, ids.old, ids.oldRejected]));
    expect(pulled.incidents.map((i) => i.id)).toContain(ids.oldIncident);
    expect((await coordinator.put('/api/field/phone-settings', { prefillDays: 14 })).statusCode).toBe(200);
  });

  it('refuses an unknown area or person for an assignment, with a clear message', async () => {
    const unknownArea = await coordinator.put(`/api/field/observer-areas/${calaisObserverId}`, { areaIds: [randomUUID()] });
    expect(unknownArea.statusCode).toBe(400);
    expect(unknownArea.json().code).toBe('field.unknown_area');
    const unknownUser = await coordinator.put(`/api/field/observer-areas/${randomUUID()}`, { areaIds: [calaisisId] });
    expect(unknownUser.json().code).toBe('phone.unknown_observer');
    expect((await calaisObserver.get('/api/field/observer-areas')).statusCode).toBe(403);
    const list = (await coordinator.get('/api/field/observer-areas')).json();
    expect(list.observers.find((o: { userId: string }) => o.userId === calaisObserverId).areaIds).toEqual([calaisisId]);
  });

  it('tells a revoked phone to wipe at its next contact, and records that it did', async () => {
    const deviceId = randomUUID();
    expect((await calaisObserver.post('/api/field/devices', { id: deviceId, label: 'Téléphone 2 (Samsung A12)' })).json()).toEqual({ revoked: false });
    expect((await calaisObserver.get(`/api/field/devices/${deviceId}/status`)).json()).toEqual({ revoked: false });
    // Another observer cannot probe or claim this phone.
    expect((await anywhereObserver.get(`/api/field/devices/${deviceId}/status`)).statusCode).toBe(404);
    expect((await anywhereObserver.post('/api/field/devices', { id: deviceId, label: 'x' })).statusCode).toBe(404);
    expect((await calaisObserver.post(`/api/field/devices/${deviceId}/revoke`)).statusCode).toBe(403);
    const revoked = await coordinator.post(`/api/field/devices/${deviceId}/revoke`);
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json().devices.find((d: { id: string }) => d.id === deviceId)).toMatchObject({ revokedAt: expect.any(String), wipedAt: null });
    expect((await calaisObserver.get(`/api/field/devices/${deviceId}/status`)).json()).toEqual({ revoked: true });
    await calaisObserver.get(`/api/field/devices/${deviceId}/status?wiped=1`);
    const list = (await coordinator.get('/api/field/devices')).json();
    expect(list.devices.find((d: { id: string }) => d.id === deviceId)).toMatchObject({ wipedAt: expect.any(String), displayName: 'observer user' });
    expect((await coordinator.post(`/api/field/devices/${randomUUID()}/revoke`)).json().code).toBe('phone.device_not_found');
    const audit = await t.db.selectFrom('audit_log').select('action').where('entity_id', '=', deviceId).execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['field.device_registered', 'field.device_revoked']);
  });
});
