import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestVigie, type TestClient, type TestVigie } from './harness.js';
import { evictionCommand, operationCommand, push, reference, siteCommand } from './field-fixtures.js';

/**
 * A coordinator's work on sites from the office: placing one on the map (a warning, never a
 * refusal, far from the organisation's other sites), renaming and deactivating it, merging two
 * names of one place and undoing that merge exactly; and positions in the spreadsheet import.
 */
let t: TestVigie;
let coordinator: TestClient;
let observer: TestClient;
let calaisisId: string;
const A = randomUUID(); // B2, placed: the site kept
const B = randomUUID(); // "Bois du B2", the same place under another name: merged into A
const C = randomUUID(); // placed from the office
const foreign = randomUUID();
const evictionsAtB = [randomUUID(), randomUUID()];
const evictionAtA = randomUUID();

type Site = { id: string; code: string; name: string; aliases: string[]; latitude: number | null; longitude: number | null; active: boolean; mergedInto: string | null; version: number; evictionsTotal: number };
const sitesList = async () => (await coordinator.get('/api/sites')).json().sites as Site[];
const siteOf = async (id: string) => (await coordinator.get(`/api/sites/${id}`)).json();
const siteIdOf = async (evictionId: string) => (await t.db.selectFrom('evictions').select('site_id').where('id', '=', evictionId).executeTakeFirstOrThrow()).site_id;
const auditActions = async (entityId: string) => (await t.db.selectFrom('audit_log').select('action').where('entity_id', '=', entityId).orderBy('seq').execute()).map((r) => r.action);

beforeAll(async () => {
  t = await startTestVigie();
  const admin = await t.setUpAdmin();
  coordinator = await t.userWithRole(admin.user.organisationId, 'coordinator');
  observer = await t.userWithRole(admin.user.organisationId, 'observer');
  ({ calaisisId } = await reference(observer));
  const op = operationCommand(calaisisId);
  const results = await push(observer, [
    siteCommand(calaisisId, { id: A, code: 'B2', name: 'Bois B2', aliases: ['Le bois'], latitude: 50.95, longitude: 1.87 }),
    siteCommand(calaisisId, { id: B, code: 'BB2', name: 'Bois du B2', aliases: ['Derrière Lidl'], latitude: 50.951, longitude: 1.871 }),
    siteCommand(calaisisId, { id: C, code: 'HOP', name: 'Hôpital', aliases: [], latitude: null, longitude: null }),
    op,
    evictionCommand(op.record.id, B, { id: evictionsAtB[0] }),
    evictionCommand(op.record.id, B, { id: evictionsAtB[1], arrivedAt: new Date(Date.now() - 90 * 60_000).toISOString() }),
    evictionCommand(op.record.id, A, { id: evictionAtA }),
  ]);
  expect(results.map((r) => r.status)).toEqual(Array(7).fill('applied'));
  const orgB = (await t.db.insertInto('organisations').values({ name: 'Other Observatory' }).returning('id').executeTakeFirstOrThrow()).id;
  const areaB = randomUUID();
  await sql`INSERT INTO areas (id, organisation_id, code, name) VALUES (${areaB}, ${orgB}, 'dunkerquois', 'Dunkerquois')`.execute(t.db);
  await sql`INSERT INTO sites (id, organisation_id, code, name, area_id, commune_insee) VALUES (${foreign}, ${orgB}, 'G1', 'Grande-Synthe', ${areaB}, '59271')`.execute(t.db);
});
afterAll(async () => { await t?.close(); });

describe(`sites placed, edited and merged (${process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it('places a site by its position, as a new version in its history, audited; far away it warns but saves', async () => {
    const placed = await coordinator.patch(`/api/sites/${C}`, { baseVersion: 1, latitude: 50.955, longitude: 1.88 });
    expect(placed.statusCode).toBe(200);
    expect(placed.json()).toMatchObject({ site: { latitude: 50.955, longitude: 1.88, version: 2 }, warning: null });
    // Marseille, far from every Calais site: said, not refused.
    const far = await coordinator.patch(`/api/sites/${C}`, { baseVersion: 2, latitude: 43.3, longitude: 5.37 });
    expect(far.statusCode).toBe(200);
    expect(far.json()).toMatchObject({ site: { latitude: 43.3, version: 3 }, warning: 'outside_area' });
    expect((await siteOf(C)).warning).toBe('outside_area');
    const back = await coordinator.patch(`/api/sites/${C}`, { baseVersion: 3, latitude: 50.955, longitude: 1.88, name: 'Hôpital de Calais', aliases: ['Hosto', 'Hosto'], active: false });
    expect(back.json()).toMatchObject({ site: { name: 'Hôpital de Calais', aliases: ['Hosto'], active: false, version: 4 }, warning: null });

    const page = await siteOf(C);
    expect(page.history.map((v: { version: number }) => v.version)).toEqual([1, 2, 3, 4]);
    expect(page.history[3].changes).toEqual(expect.arrayContaining([
      { field: 'name', before: 'Hôpital', after: 'Hôpital de Calais' }, { field: 'active', before: true, after: false },
    ]));
    expect(await auditActions(C)).toEqual(['site.created', 'site.updated', 'site.updated', 'site.updated']);
    // Deactivated: still on the office list (old records name it), marked inactive for the phones.
    const pulled = (await observer.get('/api/sync/pull?since=0')).json();
    expect(pulled.sites.find((s: Site) => s.id === C)).toMatchObject({ active: false, mergedInto: null });
    expect((await coordinator.patch(`/api/sites/${C}`, { baseVersion: 4, active: true })).json().site.active).toBe(true);
  });

  it('refuses a stale version, an observer, half a position and another organisation’s site', async () => {
    expect((await coordinator.patch(`/api/sites/${C}`, { baseVersion: 1, name: 'Ancien' })).json().code).toBe('field.version_conflict');
    expect((await observer.patch(`/api/sites/${C}`, { baseVersion: 5, name: 'X' })).statusCode).toBe(403);
    expect((await coordinator.patch(`/api/sites/${C}`, { baseVersion: 5, latitude: 50.9 })).statusCode).toBe(400);
    expect((await coordinator.patch(`/api/sites/${C}`, { baseVersion: 5, latitude: 91, longitude: 1 })).statusCode).toBe(400);
    const other = await coordinator.patch(`/api/sites/${foreign}`, { baseVersion: 1, name: 'Pris' });
    expect(other.statusCode).toBe(404);
    expect(JSON.stringify(other.json())).not.toContain('Grande-Synthe');
    expect((await siteOf(C)).site).toMatchObject({ name: 'Hôpital de Calais', version: 5 });
  });

  it('merges a site into another: its evictions move, its names become aliases, nothing is counted twice, all audited', async () => {
    const before = await sitesList();
    const total = before.reduce((n, s) => n + s.evictionsTotal, 0);
    const res = await coordinator.post(`/api/sites/${B}/merge`, { intoSiteId: A });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ movedEvictions: 2, addedAliases: ['Bois du B2', 'Derrière Lidl'], site: { mergedInto: A, active: false } });
    for (const id of evictionsAtB) expect(await siteIdOf(id)).toBe(A);

    const after = await sitesList();
    expect(after.find((s) => s.id === B)).toBeUndefined();
    expect(after.find((s) => s.id === A)).toMatchObject({ evictionsTotal: 3, aliases: ['Le bois', 'Bois du B2', 'Derrière Lidl'] });
    expect(after.reduce((n, s) => n + s.evictionsTotal, 0)).toBe(total);
    // The merged site keeps its page and history, and says where it went; the kept one lists it.
    const merged = await siteOf(B);
    expect(merged.mergedInto).toMatchObject({ id: A, code: 'B2' });
    expect(merged.timeline).toEqual([]);
    expect(merged.history.at(-1).changes).toEqual(expect.arrayContaining([{ field: 'mergedInto', before: null, after: A }]));
    expect((await siteOf(A)).mergedHere).toEqual([{ id: B, code: 'BB2', name: 'Bois du B2' }]);
    // Each moved eviction has a version saying its site changed; the phone pulls both sites' new state.
    const history = (await coordinator.get(`/api/evictions/${evictionsAtB[0]}/history`)).json();
    expect(history.versions.at(-1).changes).toEqual([{ field: 'siteId', before: B, after: A }]);
    const pulled = (await observer.get('/api/sync/pull?since=0')).json();
    expect(pulled.sites.find((s: Site) => s.id === B)).toMatchObject({ active: false, mergedInto: A });
    expect(pulled.evictions.find((e: { id: string }) => e.id === evictionsAtB[1])).toMatchObject({ siteId: A });
    expect(await auditActions(B)).toContain('site.merged');
    const audit = await t.db.selectFrom('audit_log').select(['context']).where('action', '=', 'site.merged').executeTakeFirstOrThrow();
    expect(audit.context).toMatchObject({ keptSiteId: A, movedEvictionIds: [...evictionsAtB].sort() });
  });

  it('refuses merging into itself, into a merged site, a merged site again, another organisation’s site, and a phone’s edit of a merged site', async () => {
    const self = await coordinator.post(`/api/sites/${A}/merge`, { intoSiteId: A });
    expect(self.statusCode).toBe(422);
    expect(self.json()).toMatchObject({ code: 'site.merge_self', message: expect.stringContaining('lui-même') });
    expect((await coordinator.post(`/api/sites/${C}/merge`, { intoSiteId: B })).json().code).toBe('site.merge_into_merged');
    expect((await coordinator.post(`/api/sites/${B}/merge`, { intoSiteId: C })).json().code).toBe('site.already_merged');
    expect((await coordinator.post(`/api/sites/${C}/merge`, { intoSiteId: foreign })).statusCode).toBe(404);
    expect((await coordinator.post(`/api/sites/${A}/unmerge`, {})).json().code).toBe('site.not_merged');
    expect((await coordinator.patch(`/api/sites/${B}`, { baseVersion: 3, name: 'Encore' })).json().code).toBe('site.merged');
    const [late] = await push(observer, [siteCommand(calaisisId, { id: B, code: 'BB2', name: 'Bois du B2 (téléphone)' })]);
    expect(late!.error?.code).toBe('site.merged');
    expect((await observer.post(`/api/sites/${C}/merge`, { intoSiteId: A })).statusCode).toBe(403);
  });

  it('unmerges: exactly the evictions the merge moved go back, later ones stay, the aliases it added are removed', async () => {
    const op = operationCommand(calaisisId);
    const later = randomUUID();
    const offline = randomUUID(); // from a phone that still had the merged site in its list
    await push(observer, [op, evictionCommand(op.record.id, A, { id: later }), evictionCommand(op.record.id, B, { id: offline })]);
    expect(await siteIdOf(offline)).toBe(A);
    const res = await coordinator.post(`/api/sites/${B}/unmerge`, {});
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ movedBack: 2, site: { mergedInto: null, active: true }, kept: { aliases: ['Le bois'] } });
    for (const id of evictionsAtB) expect(await siteIdOf(id)).toBe(B);
    expect(await siteIdOf(evictionAtA)).toBe(A);
    expect(await siteIdOf(later)).toBe(A);
    expect(await siteIdOf(offline)).toBe(A);
    const list = await sitesList();
    expect(list.find((s) => s.id === B)).toMatchObject({ evictionsTotal: 2, active: true });
    expect(list.find((s) => s.id === A)).toMatchObject({ evictionsTotal: 3 });
    expect(await auditActions(B)).toEqual(expect.arrayContaining(['site.merged', 'site.unmerged']));
    // A merge again after the undo is a new merge, and reversible in turn.
    expect((await coordinator.post(`/api/sites/${B}/merge`, { intoSiteId: A })).json().movedEvictions).toBe(2);
  });

  it('reads latitude and longitude columns in the import, decimal comma included, and warns in the dry run for a far position', async () => {
    const file = [
      'Date;Heure d’arrivée;Lieu;Commune;Latitude;Longitude;Nb personnes',
      '15/01/2025;06:10;Camp Nord;Calais;50,962;1,851;12',
      '15/01/2025;07:10;Camp Loin;Calais;43.3;5.37;3',
      '16/01/2025;06:10;Camp Faux;Calais;95;1,8;4',
      '16/01/2025;07:10;Camp Moitié;Calais;50,9;;4',
    ].join('\r\n');
    const up = await t.vigie.app.inject({
      method: 'POST', url: '/api/imports?fileName=positions.csv', payload: `${file}\r\n`,
      headers: { cookie: coordinator.cookie, 'x-csrf-token': coordinator.csrf, 'accept-language': 'fr', 'content-type': 'text/csv' },
    });
    const { importId, suggestedMapping } = JSON.parse(up.body);
    expect(suggestedMapping).toMatchObject({ latitude: 'Latitude', longitude: 'Longitude' });
    const report = (await coordinator.post(`/api/imports/${importId}/dry-run`, { mapping: suggestedMapping, options: { areaCode: 'calaisis', createUnknownSites: true } })).json();
    const problems = report.rows.filter((r: { ok: boolean }) => !r.ok).flatMap((r: { row: number; problems: { code: string }[] }) => r.problems.map((p) => `${r.row}:${p.code}`));
    expect(problems).toEqual(['4:invalid_latitude', '5:incomplete_position']);
    expect(report.newSites).toEqual([
      expect.objectContaining({ name: 'Camp Nord', latitude: 50.962, longitude: 1.851, warning: null }),
      expect.objectContaining({ name: 'Camp Loin', latitude: 43.3, longitude: 5.37, warning: 'outside_area', warningMessage: expect.stringContaining('loin des lieux') }),
    ]);
  });
});
