import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestVigie, type TestClient, type TestVigie } from './harness.js';
import { push, reference, siteCommand } from './field-fixtures.js';

/**
 * What coordinators edit (lists, areas, communes) and what the sites map needs (coordinates,
 * the tile server and the CSP that lets its images in, only when configured).
 */
let t: TestVigie;
let admin: TestClient;
let coordinator: TestClient;
let observer: TestClient;

beforeAll(async () => {
  t = await startTestVigie();
  admin = await t.setUpAdmin();
  coordinator = await t.userWithRole(admin.user.organisationId, 'coordinator');
  observer = await t.userWithRole(admin.user.organisationId, 'observer');
});
afterAll(async () => { await t?.close(); });

type Term = { kind: string; code: string; labelFr: string; labelEn: string; sort: number; active: boolean };

describe(`sites and lists administration (${process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it('lists every kind of term, inactive ones included, with areas and communes', async () => {
    const res = await coordinator.get('/api/taxonomies');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const kinds = new Set(body.terms.map((x: Term) => x.kind));
    expect([...kinds].sort()).toEqual(['force_corps', 'incident_type', 'item_type', 'legal_basis_category', 'obstruction_type', 'operation_type', 'structure_type', 'vehicle_type']);
    expect(body.areas.map((a: { code: string }) => a.code).sort()).toEqual(['calaisis', 'dunkerquois']);
    const calaisis = body.areas.find((a: { code: string }) => a.code === 'calaisis');
    expect(body.communes).toContainEqual({ inseeCode: '62193', name: 'Calais', areaId: calaisis.id });
    expect((await observer.get('/api/taxonomies')).statusCode).toBe(403);
  });

  it('adds a term at the end of its list, offers it to the capture app, and never overwrites an existing code', async () => {
    const res = await coordinator.post('/api/taxonomies/item_type', { code: 'stove', labelFr: 'Réchauds', labelEn: 'Stoves' });
    expect(res.statusCode).toBe(201);
    const items = (await coordinator.get('/api/taxonomies')).json().terms.filter((x: Term) => x.kind === 'item_type');
    expect(items.at(-1)).toEqual({ kind: 'item_type', code: 'stove', labelFr: 'Réchauds', labelEn: 'Stoves', sort: res.json().sort, active: true, partOf: null });
    expect(res.json().sort).toBeGreaterThan(items.at(-2).sort);
    const { ref } = await reference(observer);
    expect(ref.terms).toContainEqual(expect.objectContaining({ kind: 'item_type', code: 'stove', labelFr: 'Réchauds', active: true }));

    const again = await coordinator.post('/api/taxonomies/item_type', { code: 'tent', labelFr: 'Autre chose', labelEn: 'Other' });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'taxonomy.code_taken', message: expect.stringContaining('Ce code existe déjà') });
    const tents = (await coordinator.get('/api/taxonomies')).json().terms.find((x: Term) => x.code === 'tent' && x.kind === 'item_type');
    expect(tents.labelFr).toBe('Tentes');
  });

  it('renames and deactivates a term without deleting it, and records who did it', async () => {
    const res = await coordinator.put('/api/taxonomies/item_type/stove', { labelFr: 'Réchauds à gaz', labelEn: 'Gas stoves', sort: 500, active: false });
    expect(res.statusCode).toBe(200);
    const stove = (await coordinator.get('/api/taxonomies')).json().terms.find((x: Term) => x.code === 'stove');
    expect(stove).toMatchObject({ labelFr: 'Réchauds à gaz', labelEn: 'Gas stoves', active: false });
    const audit = await t.db.selectFrom('audit_log').select(['action', 'entity_id']).where('action', 'like', 'taxonomy.term_%').where('entity_id', '=', 'item_type:stove').execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['taxonomy.term_created', 'taxonomy.term_saved']);
  });

  it('answers a bad term in French, field by field, and saves nothing', async () => {
    const res = await coordinator.post('/api/taxonomies/item_type', { code: 'Gros Sacs', labelFr: ' ', labelEn: 'Big bags' });
    expect(res.statusCode).toBe(400);
    const fields = res.json().details.fields.map((f: { field: string }) => f.field).sort();
    expect(fields).toEqual(['code', 'labelFr']);
    expect(res.json().details.fields.every((f: { message: string }) => /[a-zé]/.test(f.message))).toBe(true);
    expect((await coordinator.post('/api/taxonomies/not_a_list', { code: 'x', labelFr: 'x', labelEn: 'x' })).statusCode).toBe(400);
    const terms = (await coordinator.get('/api/taxonomies')).json().terms;
    expect(terms.some((x: Term) => x.labelEn === 'Big bags')).toBe(false);
  });

  it('adds an area and a commune named from the official list, moves and renames it; a deactivated area leaves the capture app', async () => {
    const area = await coordinator.post('/api/areas', { code: 'boulonnais', name: 'Boulonnais' });
    expect(area.statusCode).toBe(201);
    expect((await coordinator.post('/api/areas', { code: 'boulonnais', name: 'Autre' })).json().code).toBe('taxonomy.code_taken');
    const commune = await coordinator.post('/api/communes', { inseeCode: '62160', areaCode: 'boulonnais' });
    expect(commune.statusCode).toBe(201);
    expect(commune.json()).toEqual({ inseeCode: '62160', name: 'Boulogne-sur-Mer', areaId: area.json().id });
    expect((await coordinator.post('/api/communes', { inseeCode: '62193', areaCode: 'boulonnais' })).json().code).toBe('taxonomy.commune_taken');
    const unknown = await coordinator.post('/api/communes', { inseeCode: '99999', areaCode: 'boulonnais' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ code: 'taxonomy.unknown_commune', message: expect.stringContaining('99999') });
    expect((await coordinator.put('/api/communes/62160', { areaCode: 'calaisis', name: 'Boulogne' })).json()).toMatchObject({ name: 'Boulogne' });

    expect((await reference(observer)).ref.areas.map((a: { code: string }) => a.code)).toContain('boulonnais');
    expect((await coordinator.put('/api/areas/boulonnais', { name: 'Boulonnais', active: false })).json()).toMatchObject({ active: false });
    expect((await reference(observer)).ref.areas.map((a: { code: string }) => a.code)).not.toContain('boulonnais');
    expect((await coordinator.put('/api/areas/nowhere', { name: 'X', active: true })).statusCode).toBe(400);
  });

  it('gives sites with their coordinates for the map, and says there is no tile server', async () => {
    const { calaisisId } = await reference(observer);
    await push(observer, [siteCommand(calaisisId, { code: 'M1', latitude: 50.9581, longitude: 1.8525 }), siteCommand(calaisisId, { code: 'M2', latitude: null, longitude: null })]);
    const sites = (await coordinator.get('/api/sites')).json().sites;
    expect(sites.find((s: { code: string }) => s.code === 'M1')).toMatchObject({ latitude: 50.9581, longitude: 1.8525, evictionsInPeriod: 0 });
    expect(sites.find((s: { code: string }) => s.code === 'M2')).toMatchObject({ latitude: null, longitude: null });
    expect((await observer.get('/api/map/settings')).json()).toEqual({ tiles: null });
    expect((await t.client().get('/api/map/settings')).statusCode).toBe(401);
    const csp = String((await t.client().get('/api/health')).headers['content-security-policy']);
    expect(csp).toMatch(/img-src 'self' data: blob:;/);
  });
});

describe('sites map with a tile server configured', () => {
  let tiled: TestVigie;
  beforeAll(async () => {
    tiled = await startTestVigie({ MAP_TILE_URL: 'https://tiles.example.org/osm/{z}/{x}/{y}.png', MAP_TILE_ATTRIBUTION: '© OpenStreetMap' });
  });
  afterAll(async () => { await tiled?.close(); });

  it('hands the template to signed-in users and lets its origin in for images only', async () => {
    const a = await tiled.setUpAdmin();
    expect((await a.get('/api/map/settings')).json()).toEqual({ tiles: { urlTemplate: 'https://tiles.example.org/osm/{z}/{x}/{y}.png', attribution: '© OpenStreetMap' } });
    const csp = String((await tiled.client().get('/api/health')).headers['content-security-policy']);
    expect(csp).toContain("img-src 'self' data: blob: https://tiles.example.org;");
    expect(csp.match(/tiles\.example\.org/g)).toHaveLength(1);
    expect(csp).toContain("connect-src 'self';");
  });

  it('refuses a tile URL without {z}/{x}/{y} at boot', async () => {
    const { loadConfig } = await import('../src/config.js');
    expect(() => loadConfig({ MAP_TILE_URL: 'https://tiles.example.org/tile.png' })).toThrow(/MAP_TILE_URL/);
    expect(() => loadConfig({ MAP_TILE_URL: 'javascript:alert(1)//{z}{x}{y}' })).toThrow(/MAP_TILE_URL/);
  });
});
