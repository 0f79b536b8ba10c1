import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestVigie, type TestClient, type TestVigie } from './harness.js';
import { evictionCommand, minutesAgo, operationCommand, push, reference, siteCommand, submitCommand } from './field-fixtures.js';
import { noisePng, patchChunk, uploadBody } from './evidence-fixtures.js';

/**
 * The eviction's page per role (what each sees, what each may do), the review queue in full
 * records, and kept conflicting versions settled field by field by a coordinator.
 */
let t: TestVigie;
let observer: TestClient;
let secondObserver: TestClient;
let coordinator: TestClient;
let otherCoordinator: TestClient;
let legal: TestClient;
let volunteer: TestClient;
let comms: TestClient;
let stranger: TestClient;
let calaisisId: string;
let siteId: string;
let operationId: string;
let evictionId: string;
let twinId: string;
let incidentId: string;

beforeAll(async () => {
  t = await startTestVigie();
  const admin = await t.setUpAdmin();
  const org = admin.user.organisationId;
  observer = await t.userWithRole(org, 'observer');
  secondObserver = await t.userWithRole(org, 'observer');
  coordinator = await t.userWithRole(org, 'coordinator');
  otherCoordinator = await t.userWithRole(org, 'coordinator');
  legal = await t.userWithRole(org, 'legal');
  volunteer = await t.userWithRole(org, 'volunteer');
  comms = await t.userWithRole(org, 'comms');
  const orgB = (await t.db.insertInto('organisations').values({ name: 'Other Observatory' }).returning('id').executeTakeFirstOrThrow()).id;
  await t.db.insertInto('organisation_settings').values({ organisation_id: orgB }).execute();
  stranger = await t.userWithRole(orgB, 'coordinator');
  ({ calaisisId } = await reference(observer));
  const site = siteCommand(calaisisId);
  const op = operationCommand(calaisisId, { observerIds: [observer.user.id, secondObserver.user.id] });
  const ev = evictionCommand(op.record.id, site.record.id);
  // The same eviction recorded by the second observer: a probable duplicate.
  const twin = evictionCommand(op.record.id, site.record.id, { arrivedAt: minutesAgo(95), leftAt: minutesAgo(75) });
  siteId = site.record.id;
  operationId = op.record.id;
  evictionId = ev.record.id;
  twinId = twin.record.id;
  // An incident during the first eviction, then corrected once (its history), and a note added to the operation (its history).
  const inc = { commandId: randomUUID(), type: 'incident.save', baseVersion: null, record: {
    id: randomUUID(), evictionId, kind: 'violence', incidentType: 'baton', occurredAt: minutesAgo(90), unit: 'CRS 36',
    description: 'Coups de matraque', victims: [{ id: randomUUID(), pseudonym: 'Rami', minor: false }] } };
  incidentId = inc.record.id;
  const incFix = { ...inc, commandId: randomUUID(), baseVersion: 1, record: { ...inc.record, description: 'Coups de matraque aux jambes' } };
  const opNote = { ...op, commandId: randomUUID(), baseVersion: 1, record: { ...op.record, notes: 'Brouillard' } };
  expect((await push(observer, [site, op, ev, inc, incFix, opNote, submitCommand(evictionId)])).map((r) => r.status))
    .toEqual(['applied', 'applied', 'applied', 'applied', 'applied', 'applied', 'applied']);
  expect((await push(secondObserver, [twin, submitCommand(twinId)])).map((r) => r.status)).toEqual(['applied', 'applied']);
});
afterAll(async () => { await t?.close(); });

describe(`the eviction page (${process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it('shows a coordinator everything recorded, the duplicate as a full row, the history and the review actions', async () => {
    const res = await coordinator.get(`/api/evictions/${evictionId}`);
    expect(res.statusCode).toBe(200);
    const { page } = res.json();
    expect(page.eviction).toMatchObject({
      id: evictionId, status: 'submitted', site: { id: siteId, code: 'B2', name: 'Bois B2' }, createdByName: 'observer user',
      seized: [{ term: 'sleeping_bag', n: 5, atLeast: true }, { term: 'tent', n: 12, atLeast: true }],
      forces: [{ corps: 'crs', unit: 'CRS 36' }], counts: { personsEvicted: { n: 30, atLeast: true } }, legalBasisCategory: 'flagrance',
    });
    expect(page.operation.id).toBe(operationId);
    expect(page.operation.observers.map((o: { id: string }) => o.id).sort()).toEqual([observer.user.id, secondObserver.user.id].sort());
    expect(page.duplicates.map((d: { id: string; site: { code: string } }) => [d.id, d.site.code])).toEqual([[twinId, 'B2']]);
    expect(page.history.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    expect(page.history[1].changes).toContainEqual({ field: 'status', before: null, after: 'submitted' });
    expect(page.actions).toMatchObject({ verify: true, reject: true, merge: true, openCase: true, edit: true, resolveConflicts: false });
    expect(page.terms.find((x: { kind: string; code: string }) => x.kind === 'item_type' && x.code === 'tent')).toBeTruthy();
  });

  it('lets the legal pole read it with its cases, but not verify it', async () => {
    const opened = await legal.post('/api/legal/cases', { title: 'Référé B2', actionType: 'refere_liberte', evictionId });
    expect(opened.statusCode).toBe(201);
    const { page } = (await legal.get(`/api/evictions/${evictionId}`)).json();
    expect(page.cases).toEqual([{ id: opened.json().case.id, title: 'Référé B2', status: expect.any(String) }]);
    expect(page.actions).toMatchObject({ verify: false, reject: false, merge: false, openCase: true, witnessStatement: true, readOriginals: true, edit: false });
    expect((await legal.post(`/api/evictions/${evictionId}/verify`, { version: page.eviction.version })).statusCode).toBe(403);
  });

  it('shows an observer no case and only what the permission table allows', async () => {
    const { page } = (await secondObserver.get(`/api/evictions/${evictionId}`)).json();
    expect(page.cases).toEqual([]);
    expect(page.actions).toMatchObject({ verify: false, openCase: false, edit: false, witnessStatement: true, readOriginals: false });
  });

  it('refuses roles that do not read field records, and never shows another organisation its content', async () => {
    const v = await volunteer.get(`/api/evictions/${evictionId}`);
    expect(v.statusCode).toBe(403);
    expect(v.body).not.toContain('Bois B2');
    const s = await stranger.get(`/api/evictions/${evictionId}`);
    expect(s.statusCode).toBe(404);
    expect(s.body).not.toContain('Bois B2');
    expect((await stranger.get(`/api/evictions/${evictionId}/conflicts`)).statusCode).toBe(404);
    expect((await coordinator.get(`/api/evictions/${randomUUID()}`)).statusCode).toBe(404);
  });

  it('audits each read of the page', async () => {
    const reads = await t.db.selectFrom('audit_pending').select('action').where('action', '=', 'eviction.read').where('entity_id', '=', evictionId).execute()
      .catch(() => []);
    const chained = await t.db.selectFrom('audit_log').select('action').where('action', '=', 'eviction.read').where('entity_id', '=', evictionId).execute();
    expect(reads.length + chained.length).toBeGreaterThanOrEqual(3);
  });

  it('queues submitted records whole, with the duplicate group as full rows, and counts them for the navigation', async () => {
    const queue = (await coordinator.get('/api/review/queue')).json();
    expect(queue.evictions.map((e: { id: string }) => e.id).sort()).toEqual([evictionId, twinId].sort());
    expect(queue.evictions[0].site.code).toBe('B2');
    expect(queue.duplicateGroups.map((g: string[]) => [...g].sort())).toEqual([[evictionId, twinId].sort()]);
    expect((await coordinator.get('/api/review/counts')).json()).toEqual({ submitted: 2, conflicts: 0, rejectedRecently: 0 });
    expect((await observer.get('/api/review/counts')).statusCode).toBe(403);
  });
});

describe(`conflicts settled by a coordinator (${process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  let conflictedId: string;
  it('keeps the second phone\'s edit as a conflict, listed field by field against the current record', async () => {
    const ev = evictionCommand(operationId, siteId, { arrivedAt: minutesAgo(300), leftAt: minutesAgo(280) });
    conflictedId = ev.record.id;
    expect((await push(observer, [ev])).map((r) => r.status)).toEqual(['applied']);
    // A coordinator corrects a count (version 2); the observer's phone, still at version 1, sends its own edit.
    const fix = { ...ev, commandId: randomUUID(), baseVersion: 1, record: { ...ev.record, counts: { ...ev.record.counts, women: { n: 4, atLeast: true } } } };
    expect((await push(coordinator, [fix])).map((r) => r.status)).toEqual(['applied']);
    const late = { ...ev, commandId: randomUUID(), baseVersion: 1, record: { ...ev.record, counts: { ...ev.record.counts, personsEvicted: { n: 45, atLeast: true } }, legalBasisText: 'Arrêté préfectoral' } };
    expect((await push(observer, [late])).map((r) => r.status)).toEqual(['conflict']);

    expect((await coordinator.get('/api/review/counts')).json().conflicts).toBe(1);
    const { page } = (await coordinator.get(`/api/evictions/${conflictedId}`)).json();
    expect(page.openConflicts).toBe(1);
    expect(page.actions.resolveConflicts).toBe(true);
    const [conflict] = (await coordinator.get(`/api/evictions/${conflictedId}/conflicts`)).json().conflicts;
    expect(conflict.sentBy.id).toBe(observer.user.id);
    expect(conflict.fields).toEqual(expect.arrayContaining([
      { field: 'counts.personsEvicted', current: { n: 30, atLeast: true }, proposed: { n: 45, atLeast: true } },
      { field: 'counts.women', current: { n: 4, atLeast: true }, proposed: null },
      { field: 'legalBasisText', current: 'Flagrance, selon le commandant', proposed: 'Arrêté préfectoral' },
    ]));
    expect(conflict.fields.map((f: { field: string }) => f.field).sort()).toEqual(['counts.personsEvicted', 'counts.women', 'legalBasisText']);
  });

  it('saves the coordinator\'s choice per field as a new audited version, and refuses a second resolution', async () => {
    const [conflict] = (await coordinator.get(`/api/evictions/${conflictedId}/conflicts`)).json().conflicts;
    const take = { 'counts.personsEvicted': 'proposed', 'counts.women': 'current', legalBasisText: 'proposed' };
    // A stale version is refused: the record moved on since the coordinator looked.
    const stale = await coordinator.post(`/api/evictions/${conflictedId}/conflicts/${conflict.id}/resolve`, { version: 1, take });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('sync.record_moved_on');
    const ok = await coordinator.post(`/api/evictions/${conflictedId}/conflicts/${conflict.id}/resolve`, { version: 2, take });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().version).toBe(3);
    const { page } = (await coordinator.get(`/api/evictions/${conflictedId}`)).json();
    expect(page.eviction.counts.personsEvicted).toEqual({ n: 45, atLeast: true });
    expect(page.eviction.counts.women).toEqual({ n: 4, atLeast: true });
    expect(page.eviction.legalBasisText).toBe('Arrêté préfectoral');
    expect(page.openConflicts).toBe(0);
    expect(page.history.map((v: { version: number }) => v.version)).toEqual([1, 2, 3]);

    // Someone else settling the same conflict meanwhile is refused clearly, in the user's language.
    const again = await otherCoordinator.post(`/api/evictions/${conflictedId}/conflicts/${conflict.id}/resolve`, { version: 3, take });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('sync.conflict_already_resolved');
    expect(again.json().message).toMatch(/déjà été tranché/);
    // Nothing is deleted: the conflict stays, marked with who settled it.
    const [kept] = (await coordinator.get(`/api/evictions/${conflictedId}/conflicts`)).json().conflicts;
    expect(kept).toMatchObject({ id: conflict.id, resolvedByName: 'coordinator user' });
    const audit = await t.db.selectFrom('audit_pending').select('action').where('action', '=', 'sync_conflict.resolved').execute().catch(() => []);
    const chained = await t.db.selectFrom('audit_log').select('action').where('action', '=', 'sync_conflict.resolved').execute();
    expect(audit.length + chained.length).toBe(1);
  });

  it('refuses bad resolutions with a clear error', async () => {
    expect((await coordinator.post(`/api/evictions/${conflictedId}/conflicts/${randomUUID()}/resolve`, { version: 3, take: {} })).statusCode).toBe(404);
    expect((await coordinator.post(`/api/evictions/${conflictedId}/conflicts/${randomUUID()}/resolve`, { version: 0, take: {} })).statusCode).toBe(400);
    expect((await observer.post(`/api/evictions/${conflictedId}/conflicts/${randomUUID()}/resolve`, { version: 3, take: {} })).statusCode).toBe(403);
  });
});

describe(`the legal pole's pickers (${process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  const search = (c: TestClient, q: Record<string, string>) => c.get(`/api/field-records/search?${new URLSearchParams(q)}`);
  it('find evictions by site, force and date, as full rows with the filters\' options', async () => {
    const res = await search(legal, { siteId, corps: 'crs' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.results.map((r: { id: string }) => r.id)).toEqual(expect.arrayContaining([evictionId, twinId]));
    expect(body.results[0]).toMatchObject({ target: 'eviction', site: { code: 'B2', name: 'Bois B2' } });
    expect(body.options.sites.map((s: { code: string }) => s.code)).toContain('B2');
    expect(body.options.corps.map((s: { code: string }) => s.code)).toContain('crs');
    expect((await search(legal, { siteId, corps: 'gendarmerie' })).json().results).toEqual([]);
    expect((await search(legal, { to: '2000-01-01' })).json().results).toEqual([]);
    expect((await search(legal, { q: 'bois b' })).json().results.length).toBeGreaterThanOrEqual(2);
  });

  it('find incidents by type', async () => {
    const inc = { commandId: randomUUID(), type: 'incident.save', baseVersion: null, record: {
      id: randomUUID(), evictionId: twinId, kind: 'violence', incidentType: 'tear_gas', occurredAt: minutesAgo(90), victims: [] } };
    // The twin is submitted: only a coordinator may still add to it.
    expect((await push(coordinator, [inc])).map((r) => r.status)).toEqual(['applied']);
    const found = (await search(legal, { target: 'incident', incidentType: 'tear_gas' })).json().results;
    expect(found).toEqual([expect.objectContaining({ target: 'incident', id: inc.record.id, evictionId: twinId })]);
  });

  it('treat odd characters as text, refuse bad filters clearly, and stay closed to other roles', async () => {
    for (const q of ['%', '_', "' OR 1=1 --", '\\', '😀']) {
      const res = await search(legal, { q });
      expect(res.statusCode).toBe(200);
      expect(res.json().results).toEqual([]);
    }
    const bad = await search(legal, { from: 'hier' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('request.validation_failed');
    expect((await search(observer, {})).statusCode).toBe(403);
    expect((await search(stranger, { siteId })).json().results).toEqual([]);
  });
});

describe(`the operation and incident pages (${process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it('shows a coordinator the operation whole: evictions, observers, incidents, timeline and history in changes', async () => {
    const res = await coordinator.get(`/api/operations/${operationId}`);
    expect(res.statusCode).toBe(200);
    const { page } = res.json();
    expect(page.operation).toMatchObject({ id: operationId, notes: 'Brouillard', areaName: expect.any(String), createdByName: 'observer user' });
    expect(page.observers.map((o: { id: string }) => o.id).sort()).toEqual([observer.user.id, secondObserver.user.id].sort());
    expect(page.evictions.map((e: { id: string }) => e.id)).toEqual(expect.arrayContaining([evictionId, twinId]));
    expect(page.evictions[0].site.code).toBe('B2');
    expect(page.incidents.map((i: { id: string }) => i.id)).toContain(incidentId);
    const events = page.timeline.map((e: { event: string }) => e.event);
    expect(events).toContain('operation_started');
    expect(page.timeline).toContainEqual(expect.objectContaining({ event: 'incident', incidentId, evictionId, incidentType: 'baton', site: expect.objectContaining({ code: 'B2' }) }));
    const times = page.timeline.map((e: { at: string }) => Date.parse(e.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(page.history.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    expect(page.history[1].changes).toEqual([{ field: 'notes', before: null, after: 'Brouillard' }]);
    expect(page.actions.witnessStatement).toBe(true);
  });

  it('shows the legal pole the incident whole, with its eviction, operation, history and cases', async () => {
    const opened = (await legal.post('/api/legal/cases', { title: 'Plainte matraque', actionType: 'refere_liberte' })).json().case;
    expect((await legal.post(`/api/legal/cases/${opened.id}/links`, { target: 'incident', id: incidentId })).statusCode).toBeLessThan(300);
    const res = await legal.get(`/api/incidents/${incidentId}`);
    expect(res.statusCode).toBe(200);
    const { page } = res.json();
    expect(page.incident).toMatchObject({ id: incidentId, incidentType: 'baton', unit: 'CRS 36', victims: [{ pseudonym: 'Rami', minor: false }] });
    expect(page.eviction).toMatchObject({ id: evictionId, site: { code: 'B2' } });
    expect(page.operation.id).toBe(operationId);
    expect(page.evidence).toEqual([]);
    expect(page.cases).toEqual([{ id: opened.id, title: 'Plainte matraque', status: expect.any(String) }]);
    expect(page.history.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    expect(page.history[1].changes).toEqual([{ field: 'description', before: 'Coups de matraque', after: 'Coups de matraque aux jambes' }]);
    expect(page.actions).toEqual({ openCase: true, witnessStatement: true, readOriginals: true, review: false });
  });

  it('shows the incident\'s evidence on its page, and finds it with the evidence picker by incident type', async () => {
    const bytes = await noisePng();
    const body = uploadBody(bytes, { incidentId }, { originalName: 'matraque-jambes.png' });
    expect((await coordinator.post('/api/evidence', body)).statusCode).toBe(201);
    expect((await patchChunk(t, coordinator, body.id, 0, bytes)).statusCode).toBe(200);
    const { page } = (await legal.get(`/api/incidents/${incidentId}`)).json();
    expect(page.evidence).toEqual([expect.objectContaining({ id: body.id, incidentId, originalName: 'matraque-jambes.png', status: 'stored' })]);
    const search = (q: Record<string, string>) => legal.get(`/api/field-records/search?${new URLSearchParams({ target: 'evidence', ...q })}`);
    const found = (await search({ incidentType: 'baton' })).json().results;
    expect(found).toEqual([expect.objectContaining({ target: 'evidence', id: body.id, evictionId, site: expect.objectContaining({ code: 'B2' }) })]);
    expect((await search({ q: 'matraque-jambes' })).json().results.map((r: { id: string }) => r.id)).toEqual([body.id]);
    expect((await search({ incidentType: 'taser' })).json().results).toEqual([]);
    expect((await search({ corps: 'gendarmerie' })).json().results).toEqual([]);
  });

  it('gives an observer who was there the pages without cases, and comms only what is verified', async () => {
    const { page } = (await secondObserver.get(`/api/incidents/${incidentId}`)).json();
    expect(page.cases).toEqual([]);
    expect(page.actions).toEqual({ openCase: false, witnessStatement: true, readOriginals: false, review: false });

    // Comms cite verified records only: the submitted evictions and their incident stay closed.
    expect((await comms.get(`/api/operations/${operationId}`)).json().page.evictions).toEqual([]);
    const closed = await comms.get(`/api/incidents/${incidentId}`);
    expect(closed.statusCode).toBe(403);
    expect(closed.body).not.toContain('matraque');
    const version = (await coordinator.get(`/api/evictions/${evictionId}`)).json().page.eviction.version;
    expect((await coordinator.post(`/api/evictions/${evictionId}/verify`, { version })).statusCode).toBe(200);
    const op = (await comms.get(`/api/operations/${operationId}`)).json().page;
    expect(op.evictions.map((e: { id: string }) => e.id)).toEqual([evictionId]);
    expect(op.actions.witnessStatement).toBe(false);
    const inc = (await comms.get(`/api/incidents/${incidentId}`)).json().page;
    expect(inc.actions).toEqual({ openCase: false, witnessStatement: false, readOriginals: false, review: false });
  });

  it('keeps a case\'s own fields as versions, like every record', async () => {
    const opened = (await legal.post('/api/legal/cases', { title: 'Référé matraque', actionType: 'refere_liberte' })).json().case;
    expect(opened.history.map((v: { version: number }) => v.version)).toEqual([1]);
    await legal.patch(`/api/legal/cases/${opened.id}`, { court: 'TA Lille' });
    // A link is not a change of the case's fields: no new version.
    await legal.post(`/api/legal/cases/${opened.id}/links`, { target: 'incident', id: incidentId });
    const filed = (await legal.post(`/api/legal/cases/${opened.id}/events`, { status: 'filed' })).json().case;
    expect(filed.history.map((v: { version: number }) => v.version)).toEqual([1, 2, 3]);
    expect(filed.history[1].changes).toEqual([{ field: 'court', before: null, after: 'TA Lille' }]);
    expect(filed.history[2].changes).toEqual([{ field: 'status', before: 'preparing', after: 'filed' }]);
    expect(filed.history[2].changedBy.displayName).toBe('legal user');
  });

  it('refuses roles that do not read field records, and never shows another organisation either page', async () => {
    for (const path of [`/api/operations/${operationId}`, `/api/incidents/${incidentId}`]) {
      const v = await volunteer.get(path);
      expect(v.statusCode).toBe(403);
      const s = await stranger.get(path);
      expect(s.statusCode).toBe(404);
      expect(s.body).not.toContain('Bois B2');
      expect(s.body).not.toContain('matraque');
    }
    expect((await coordinator.get(`/api/operations/${randomUUID()}`)).json().code).toBe('operation.not_found');
    expect((await coordinator.get(`/api/incidents/${randomUUID()}`)).json().code).toBe('incident.not_found');
  });

  it('takes co-observers picked from the team, who may then make a witness statement, and refuses anyone else', async () => {
    const op = operationCommand(calaisisId, { observerIds: [observer.user.id] });
    expect((await push(observer, [op])).map((r) => r.status)).toEqual(['applied']);
    expect((await coordinator.get(`/api/operations/${op.record.id}`)).json().page.observers.map((o: { id: string }) => o.id)).toEqual([observer.user.id]);
    // Someone of another organisation (or no one) cannot be named.
    const foreign = { ...op, commandId: randomUUID(), baseVersion: 1, record: { ...op.record, observerIds: [observer.user.id, stranger.user.id] } };
    const [refused] = await push(observer, [foreign]);
    expect(refused).toMatchObject({ status: 'rejected', error: { code: 'field.invalid_record' } });
    const team = { ...op, commandId: randomUUID(), baseVersion: 1, record: { ...op.record, observerIds: [observer.user.id, secondObserver.user.id] } };
    expect((await push(observer, [team])).map((r) => r.status)).toEqual(['applied']);
    const { page } = (await secondObserver.get(`/api/operations/${op.record.id}`)).json();
    expect(page.observers.map((o: { id: string }) => o.id).sort()).toEqual([observer.user.id, secondObserver.user.id].sort());
    expect(page.actions.witnessStatement).toBe(true);
    expect(page.history[1].changes).toEqual([{ field: 'observerIds', before: [observer.user.id], after: [observer.user.id, secondObserver.user.id] }]);
    // A change of area, and an observer taken off: the history names both.
    const { ref } = await reference(observer);
    const other = ref.areas.find((a: { id: string }) => a.id !== calaisisId);
    const moved = { ...op, commandId: randomUUID(), baseVersion: 2, record: { ...op.record, areaId: other.id, observerIds: [observer.user.id] } };
    expect((await push(observer, [moved])).map((r) => r.status)).toEqual(['applied']);
    const later = (await coordinator.get(`/api/operations/${op.record.id}`)).json().page;
    expect(later.history[2].changes).toContainEqual({ field: 'areaId', before: calaisisId, after: other.id });
    expect(later.historyNames.areas.map((a: { name: string }) => a.name).sort()).toEqual([ref.areas.find((a: { id: string }) => a.id === calaisisId).name, other.name].sort());
    expect(later.historyNames.people.map((p: { id: string }) => p.id).sort()).toEqual([observer.user.id, secondObserver.user.id].sort());
  });

  it('audits each read of both pages', async () => {
    for (const [action, id] of [['operation.read', operationId], ['incident.read', incidentId]] as const) {
      const pending = await t.db.selectFrom('audit_pending').select('action').where('action', '=', action).where('entity_id', '=', id).execute().catch(() => []);
      const chained = await t.db.selectFrom('audit_log').select('action').where('action', '=', action).where('entity_id', '=', id).execute();
      expect(pending.length + chained.length).toBeGreaterThanOrEqual(2);
    }
  });
});
