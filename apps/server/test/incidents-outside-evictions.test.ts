import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestVigie, type TestClient, type TestVigie } from './harness.js';
import { evictionCommand, minutesAgo, operationCommand, push, reference, siteCommand } from './field-fixtures.js';
import { noisePng, patchChunk, uploadBody } from './evidence-fixtures.js';

/**
 * Incidents outside an eviction (issue 16 item 7): recorded on the phone through the same sync
 * commands, with their own time and place, reviewed by a coordinator, counted in the statistics
 * once verified, never shown on an eviction's page.
 */
let t: TestVigie;
let observer: TestClient;
let otherObserver: TestClient;
let coordinator: TestClient;
let siteId: string;
let evictionId: string;

function outsideCommand(over: Record<string, unknown> = {}) {
  return {
    commandId: randomUUID(), type: 'incident.save', baseVersion: null,
    record: {
      id: randomUUID(), evictionId: null, kind: 'violence', incidentType: 'tear_gas', occurredAt: minutesAgo(30), unit: 'CRS 8',
      description: 'Gaz pendant la distribution de repas', victims: [{ id: randomUUID(), pseudonym: 'Homme 1', minor: false }],
      areaCode: 'calaisis', siteId: null, place: 'Distribution rue des Garennes', ...over,
    },
  };
}

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());

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
  siteId = site.record.id;
  evictionId = ev.record.id;
  expect((await push(observer, [site, op, ev])).map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
});
afterAll(async () => { await t?.close(); });

describe(`incidents outside an eviction (${process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it('are recorded through sync with their own place, once only when the phone sends them again', async () => {
    const cmd = outsideCommand();
    const [first] = await push(observer, [cmd]);
    expect(first).toMatchObject({ status: 'applied', version: 1 });
    // The phone did not hear the answer and sends its outbox again: the same answer, one incident.
    const [again] = await push(observer, [cmd]);
    expect(again).toMatchObject({ status: 'replayed', version: 1 });
    expect(await t.db.selectFrom('incidents').select(['status', 'place', 'eviction_id']).where('id', '=', cmd.record.id).execute())
      .toEqual([{ status: 'submitted', place: 'Distribution rue des Garennes', eviction_id: null }]);

    const page = await observer.get(`/api/incidents/${cmd.record.id}`);
    expect(page.statusCode, page.body).toBe(200);
    expect(page.json().page).toMatchObject({
      incident: { id: cmd.record.id, evictionId: null, areaCode: 'calaisis', place: 'Distribution rue des Garennes', status: 'submitted', victims: [{ pseudonym: 'Homme 1' }] },
      eviction: null, operation: null, place: { area: { code: 'calaisis' }, site: null, place: 'Distribution rue des Garennes' },
      actions: { review: false },
    });
  });

  it('refuse an incident with neither eviction nor place, in French, saving nothing', async () => {
    const noPlace = outsideCommand({ place: null });
    const noArea = outsideCommand({ areaCode: null });
    const both = outsideCommand({ evictionId });
    const otherAreaSite = outsideCommand({ areaCode: 'dunkerquois', siteId, place: null });
    const results = await push(observer, [noPlace, noArea, both, otherAreaSite]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected', 'rejected']);
    expect(results[0]!.error).toMatchObject({ code: 'field.invalid_record' });
    expect(results[0]!.error!.message).toContain('lieu manquant');
    expect(results[1]!.error!.message).toContain('secteur manquant');
    expect(results[2]!.error!.message).toContain('lieu de l’expulsion');
    expect(results[3]!.error).toMatchObject({ code: 'field.unknown_site' });
    const ids = [noPlace, noArea, both, otherAreaSite].map((c) => c.record.id);
    expect(await t.db.selectFrom('incidents').select('id').where('id', 'in', ids).execute()).toEqual([]);
    expect(await t.db.selectFrom('persons').select('id').where('id', '=', noPlace.record.victims[0]!.id).execute()).toEqual([]);
  });

  it('unverified, are seen by their author and coordinators only; verified, by every observer', async () => {
    const cmd = outsideCommand({ siteId, place: null, kind: 'obstruction', incidentType: 'perimeter' });
    expect((await push(observer, [cmd]))[0]!.status).toBe('applied');
    const listed = async (c: TestClient) => ((await c.get('/api/incidents')).json().incidents as Array<{ id: string }>).map((i) => i.id);

    expect(await listed(observer)).toContain(cmd.record.id);
    expect(await listed(coordinator)).toContain(cmd.record.id);
    expect(await listed(otherObserver)).not.toContain(cmd.record.id);
    const refused = await otherObserver.get(`/api/incidents/${cmd.record.id}`);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('incident.unverified');
    // Someone else's incident: the other observer may not rewrite it either.
    const [rewritten] = await push(otherObserver, [{ ...cmd, commandId: randomUUID(), baseVersion: 1, record: { ...cmd.record, description: 'autre' } }]);
    expect(rewritten).toMatchObject({ status: 'rejected', error: { code: 'field.not_editable' } });

    expect((await observer.post(`/api/incidents/${cmd.record.id}/verify`, { version: 1 })).statusCode).toBe(403);
    const verified = await coordinator.post(`/api/incidents/${cmd.record.id}/verify`, { version: 1 });
    expect(verified.statusCode, verified.body).toBe(200);
    expect(verified.json()).toMatchObject({ status: 'verified', version: 2 });
    expect(await listed(otherObserver)).toContain(cmd.record.id);
    expect((await otherObserver.get(`/api/incidents/${cmd.record.id}`)).json().page.place.site).toMatchObject({ id: siteId, code: 'B2' });
    // Verified, its author may no longer change it.
    const [late] = await push(observer, [{ ...cmd, commandId: randomUUID(), baseVersion: 2, record: { ...cmd.record, description: 'après coup' } }]);
    expect(late).toMatchObject({ status: 'rejected', error: { code: 'field.not_editable' } });
  });

  it('count in the statistics once verified, and never appear on an eviction', async () => {
    const count = async () => {
      const res = await coordinator.get(`/api/statistics/summary?from=${today()}&to=${today()}&areaCode=calaisis`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json().figures.incidentsViolence.value as number;
    };
    const before = await count();
    const cmd = outsideCommand({ occurredAt: minutesAgo(5) });
    expect((await push(observer, [cmd]))[0]!.status).toBe('applied');
    expect(await count()).toBe(before);
    expect((await coordinator.post(`/api/incidents/${cmd.record.id}/verify`, { version: 1 })).statusCode).toBe(200);
    expect(await count()).toBe(before + 1);
    // Rejected with a reason: it no longer counts, and its author may correct it, which sends it back.
    expect((await coordinator.post(`/api/incidents/${cmd.record.id}/reject`, { version: 2, reason: 'Préciser l’heure' })).statusCode).toBe(200);
    expect(await count()).toBe(before);
    const [fixed] = await push(observer, [{ ...cmd, commandId: randomUUID(), baseVersion: 3, record: { ...cmd.record, occurredAt: minutesAgo(6) } }]);
    expect(fixed).toMatchObject({ status: 'applied', version: 4 });
    expect((await observer.get(`/api/incidents/${cmd.record.id}`)).json().page.incident).toMatchObject({ status: 'submitted', rejectionReason: null });

    const onEviction = (await coordinator.get(`/api/evictions/${evictionId}/incidents`)).json().incidents as Array<{ id: string }>;
    expect(onEviction).toEqual([]);
  });

  it('a coordinator\'s correction keeps the verified state, and the legal picker lists them with their place', async () => {
    const cmd = outsideCommand({ description: 'Gaz au point d’eau, correction à venir', place: 'Point d’eau du canal' });
    expect((await push(observer, [cmd]))[0]!.status).toBe('applied');
    expect((await coordinator.post(`/api/incidents/${cmd.record.id}/verify`, { version: 1 })).statusCode).toBe(200);
    const [corrected] = await push(coordinator, [{ ...cmd, commandId: randomUUID(), baseVersion: 2, record: { ...cmd.record, unit: 'CRS 36' } }]);
    expect(corrected).toMatchObject({ status: 'applied', version: 3 });
    expect((await coordinator.get(`/api/incidents/${cmd.record.id}`)).json().page.incident).toMatchObject({ status: 'verified', unit: 'CRS 36' });

    const search = async (q: string) => {
      const res = await coordinator.get(`/api/field-records/search?target=incident&q=${encodeURIComponent(q)}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json().results as Array<{ id: string; evictionId: string | null; site: unknown; place: string | null; status: string }>;
    };
    expect((await search('canal')).find((r) => r.id === cmd.record.id)).toMatchObject({ evictionId: null, site: null, place: 'Point d’eau du canal', status: 'verified' });
    // Filtered by day and site like an eviction's: its own Paris day, its own site.
    const atSite = outsideCommand({ siteId, place: null, description: 'Obstruction au lieu de vie' });
    expect((await push(observer, [atSite]))[0]!.status).toBe('applied');
    const res = await coordinator.get(`/api/field-records/search?target=incident&siteId=${siteId}&from=${today()}&to=${today()}`);
    const ids = (res.json().results as Array<{ id: string; site: { id: string } | null }>).map((r) => r.id);
    expect(ids).toContain(atSite.record.id);
    expect(ids).not.toContain(cmd.record.id);
  });

  it('the legal pole\'s evidence picker finds a file taken at one, and links it to a case', async () => {
    const cmd = outsideCommand({ place: 'Maraude quai de la Loire', description: 'Gaz sur la file d’attente' });
    expect((await push(observer, [cmd]))[0]!.status).toBe('applied');
    const bytes = await noisePng();
    const body = uploadBody(bytes, { incidentId: cmd.record.id }, { originalName: 'gaz-quai.png' });
    const created = await observer.post('/api/evidence', body);
    expect(created.statusCode, created.body).toBe(201);
    expect((await patchChunk(t, observer, body.id, 0, bytes)).statusCode).toBe(200);

    const search = async (q: Record<string, string>) => {
      const res = await coordinator.get(`/api/field-records/search?${new URLSearchParams({ target: 'evidence', ...q })}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json().results as Array<{ id: string; evictionId: string | null; incidentId: string | null; site: unknown; place: string | null; status: string; detail: string }>;
    };
    // By its name, by the place in words, by the incident's type and its own Paris day.
    const byName = await search({ q: 'gaz-quai' });
    expect(byName).toEqual([expect.objectContaining({
      target: 'evidence', id: body.id, evictionId: null, incidentId: cmd.record.id, site: null, place: 'Maraude quai de la Loire', status: 'submitted',
    })]);
    expect(byName[0]!.detail).toContain('violence:tear_gas');
    expect((await search({ q: 'quai de la Loire' })).map((r) => r.id)).toEqual([body.id]);
    expect((await search({ incidentType: 'tear_gas', from: today(), to: today() })).map((r) => r.id)).toContain(body.id);
    // An eviction's forces say nothing of it: filtering on them leaves it out.
    expect((await search({ corps: 'crs', q: 'gaz-quai' }))).toEqual([]);

    const legalCase = (await coordinator.post('/api/legal/cases', { title: 'Gaz quai de la Loire', actionType: 'plainte' })).json().case;
    const linked = await coordinator.post(`/api/legal/cases/${legalCase.id}/links`, { target: 'evidence', id: body.id });
    expect(linked.statusCode, linked.body).toBe(200);
    expect(linked.json().case.links).toEqual([expect.objectContaining({ target: 'evidence', targetId: body.id })]);
  });
});
