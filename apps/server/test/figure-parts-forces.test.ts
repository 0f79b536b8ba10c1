import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR } from '../src/platform/db/migrate.js';
import { startTestVigie, type TestClient, type TestVigie } from './harness.js';
import { evictionCommand, operationCommand, push, reference, siteCommand, submitCommand } from './field-fixtures.js';

/**
 * Issue 10, d.4–d.6 on one database: items that are parts of others (tentes pleines d'affaires
 * ⊂ tentes), force and finding figures, and figure sets edited per area.
 */
let t: TestVigie;
let coordinator: TestClient;
let english: TestClient;
let calaisisId: string;
let siteId: string;
let operationId: string;

const countsOf = (over: Record<string, { n: number; atLeast: boolean }> = {}) => ({
  personsEvicted: null, women: null, children: null, families: null, unaccompaniedMinors: null, arrests: null,
  arrestsWithViolence: null, idChecks: null, shelterAccepted: null, ...over,
});
const tents = (n: number, full: number | null, atLeast = false) => ({
  term: 'tent', n, atLeast, ...(full === null ? {} : { parts: [{ term: 'tent_with_belongings', n: full, atLeast }] }),
});

/** Pushes evictions, submits and verifies them as a coordinator would. */
async function recordVerified(records: Array<Record<string, unknown>>, opId = operationId) {
  const cmds = records.map((r) => evictionCommand(opId, siteId, { counts: countsOf(), seized: [], forces: [], ...r }));
  for (const r of await push(coordinator, cmds)) expect(r).toMatchObject({ status: 'applied' });
  const submitted = await push(coordinator, cmds.map((c) => submitCommand(c.record.id)));
  for (const [i, c] of cmds.entries()) {
    const res = await coordinator.post(`/api/evictions/${c.record.id}/verify`, { version: submitted[i]!.version });
    expect(res.statusCode).toBe(200);
  }
  return cmds.map((c) => c.record.id as string);
}

const summary = async (from: string, to: string) =>
  (await coordinator.get(`/api/statistics/summary?from=${from}&to=${to}&areaCode=calaisis`)).json();

beforeAll(async () => {
  t = await startTestVigie();
  const admin = await t.setUpAdmin();
  const orgId = admin.user.organisationId as string;
  coordinator = await t.userWithRole(orgId, 'coordinator');
  english = await t.userWithRole(orgId, 'coordinator', 'english-coordinator@hro.example');
  await t.db.updateTable('users').set({ locale: 'en' }).where('email', '=', 'english-coordinator@hro.example').execute();
  ({ calaisisId } = await reference(coordinator));
  const site = siteCommand(calaisisId);
  const op = operationCommand(calaisisId, { startedAt: '2026-03-10T05:30:00Z' });
  siteId = site.record.id;
  operationId = op.record.id;
  for (const r of await push(coordinator, [site, op])) expect(r.status).toBe('applied');
});
afterAll(async () => { await t?.close(); });

describe(`items that are parts of others (${process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it('declares "tentes pleines d’affaires" a part of "tentes" in the lists the phone caches', async () => {
    const { ref } = await reference(coordinator);
    const items = ref.terms.filter((x: { kind: string }) => x.kind === 'item_type');
    expect(items.find((x: { code: string }) => x.code === 'tent_with_belongings').partOf).toBe('tent');
    expect(items.find((x: { code: string }) => x.code === 'tent').partOf).toBeNull();
  });

  it('records a part under its whole, reads it back, and never counts it twice', async () => {
    const [id] = await recordVerified([
      { arrivedAt: '2026-03-10T06:00:00Z', leftAt: '2026-03-10T07:00:00Z', seized: [tents(90, 4), { term: 'tarp', n: 3, atLeast: false }] },
    ]);
    const read = (await coordinator.get(`/api/evictions/${id}`)).json();
    expect(read.page.eviction.seized).toEqual(expect.arrayContaining([tents(90, 4), { term: 'tarp', n: 3, atLeast: false }]));
    const s = await summary('2026-03-10', '2026-03-10');
    expect(s.figures.tentsSeized).toMatchObject({ value: 90 });
    expect(s.figures.tentsWithBelongingsSeized).toMatchObject({ value: 4 });
    // 90 tents (4 of them full) and 3 tarps: 93 items, not 97.
    expect(s.figures.itemsSeized).toMatchObject({ value: 93 });
  });

  it('refuses a part larger than its whole, a part on its own and a part under the wrong whole, in the user’s language, saving nothing', async () => {
    const before = Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM evictions`.execute(t.db)).rows[0]!.n);
    const larger = evictionCommand(operationId, siteId, { seized: [tents(3, 4)] });
    const [fr] = await push(coordinator, [larger]);
    expect(fr).toMatchObject({ status: 'rejected' });
    expect(fr!.error!.message).toMatch(/partie.*(dépasser|plus grande).*tout/);
    const [en] = await push(english, [{ ...larger, commandId: randomUUID() }]);
    expect(en!.error!.message).toMatch(/part.*larger than its whole/);
    const alone = await push(coordinator, [evictionCommand(operationId, siteId, { seized: [{ term: 'tent_with_belongings', n: 2, atLeast: true }] })]);
    expect(alone[0]!.error).toMatchObject({ code: 'field.part_without_whole' });
    expect(alone[0]!.error!.message).toContain('saisissez-la sous');
    const wrong = await push(coordinator, [evictionCommand(operationId, siteId, {
      seized: [{ term: 'tarp', n: 5, atLeast: true, parts: [{ term: 'tent_with_belongings', n: 2, atLeast: true }] }],
    })]);
    expect(wrong[0]!.error).toMatchObject({ code: 'field.not_a_part' });
    expect(Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM evictions`.execute(t.db)).rows[0]!.n)).toBe(before);
  });

  it('lets a coordinator declare a part, and refuses a part of a part or of an unknown value', async () => {
    const ok = await coordinator.put('/api/taxonomies/item_type/bag', { labelFr: 'Sacs', labelEn: 'Bags', sort: 70, active: true, partOf: 'tent' });
    expect(ok.json()).toMatchObject({ code: 'bag', partOf: 'tent' });
    const undo = await coordinator.put('/api/taxonomies/item_type/bag', { labelFr: 'Sacs', labelEn: 'Bags', sort: 70, active: true, partOf: null });
    expect(undo.json().partOf).toBeNull();
    const nested = await coordinator.put('/api/taxonomies/item_type/chair', { labelFr: 'Chaises', labelEn: 'Chairs', sort: 80, active: true, partOf: 'tent_with_belongings' });
    expect(nested.statusCode).toBe(400);
    expect(nested.json().message).toContain('ne peut pas être une partie');
    const unknown = await coordinator.put('/api/taxonomies/item_type/chair', { labelFr: 'Chaises', labelEn: 'Chairs', sort: 80, active: true, partOf: 'yurt' });
    expect(unknown.statusCode).toBe(400);
  });

  it('migrates items recorded separately: the whole becomes the sum of both, the part its "dont", and a second run changes nothing', async () => {
    const [a, b] = await recordVerified([
      { arrivedAt: '2026-04-02T06:00:00Z', leftAt: '2026-04-02T07:00:00Z', seized: [tents(25, null, true)] },
      { arrivedAt: '2026-04-03T06:00:00Z', leftAt: '2026-04-03T07:00:00Z', seized: [{ term: 'tarp', n: 1, atLeast: false }] },
    ], (await pushOperation('2026-04-02T05:30:00Z')));
    // As the records stood before parts existed: the part as an item of its own.
    const org = (await t.db.selectFrom('evictions').select('organisation_id').where('id', '=', a!).executeTakeFirstOrThrow()).organisation_id;
    await t.db.insertInto('eviction_tallies').values([
      { eviction_id: a!, organisation_id: org, kind: 'seized', term: 'tent_with_belongings', n: 7, at_least: false },
      { eviction_id: b!, organisation_id: org, kind: 'seized', term: 'tent_with_belongings', n: 2, at_least: false },
    ]).execute();
    const migration = readFileSync(join(MIGRATIONS_DIR, '2026-12-03-10a-01-item-parts.sql'), 'utf8');
    const statements = migration.replace(/--.*$/gm, '').split(/;\s*\n/).map((s) => s.trim()).filter(Boolean);
    const rows = async () => (await t.db.selectFrom('eviction_tallies').select(['eviction_id', 'term', 'n', 'at_least', 'part_of'])
      .where('eviction_id', 'in', [a!, b!]).orderBy('eviction_id').orderBy('term').execute()).map((r) => ({ ...r, n: Number(r.n) }));
    for (const s of statements) await sql.raw(s).execute(t.db);
    const after = await rows();
    expect(after.filter((r) => r.eviction_id === a)).toEqual([
      { eviction_id: a, term: 'tent', n: 32, at_least: true, part_of: null },
      { eviction_id: a, term: 'tent_with_belongings', n: 7, at_least: false, part_of: 'tent' },
    ]);
    // A part recorded without its whole gets a whole of the same count.
    expect(after.filter((r) => r.eviction_id === b && r.term.startsWith('tent'))).toEqual([
      { eviction_id: b, term: 'tent', n: 2, at_least: false, part_of: null },
      { eviction_id: b, term: 'tent_with_belongings', n: 2, at_least: false, part_of: 'tent' },
    ]);
    for (const s of statements) await sql.raw(s).execute(t.db);
    expect(await rows()).toEqual(after);
    const s = await summary('2026-04-02', '2026-04-03');
    expect([s.figures.tentsSeized.value, s.figures.tentsWithBelongingsSeized.value, s.figures.itemsSeized.value]).toEqual([34, 9, 35]);
  });
});

describe(`force and finding figures (${process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  const force = (corps: string) => ({ corps, unit: null, vehicles: [], officers: null, weapons: [] });

  it('counts evictions by combination of forces, and filters on a force present or absent', async () => {
    const op = await pushOperation('2026-05-05T05:00:00Z');
    await recordVerified([
      { arrivedAt: '2026-05-05T06:00:00Z', leftAt: '2026-05-05T06:30:00Z', forces: [force('pn'), force('bac')], foodDistribution: true },
      { arrivedAt: '2026-05-05T07:00:00Z', leftAt: '2026-05-05T07:30:00Z', forces: [force('bac'), force('pn')] },
      { arrivedAt: '2026-05-05T08:00:00Z', leftAt: '2026-05-05T08:30:00Z', forces: [force('crs'), force('pn'), force('bac')] },
      { arrivedAt: '2026-05-05T09:00:00Z', leftAt: '2026-05-05T09:30:00Z', forces: [force('gm')] },
    ], op);
    const q = 'from=2026-05-05&to=2026-05-05&areaCode=calaisis';
    const combos = (await coordinator.get(`/api/statistics/breakdown?${q}&by=forceCombination`)).json().rows;
    expect(combos.map((r: { key: string; label: string; value: number }) => [r.key, r.label, r.value])).toEqual([
      ['bac+pn', 'BAC et Police nationale', 2], ['bac+crs+pn', 'BAC, CRS et Police nationale', 1], ['gm', 'Gendarmerie mobile', 1],
    ]);
    const without = (await coordinator.get(`/api/statistics/summary?${q}&forcePresent=pn,bac&forceAbsent=crs`)).json();
    expect(without.figures.evictions.value).toBe(2);
    const noCrs = (await coordinator.get(`/api/statistics/summary?${q}&forceAbsent=crs`)).json();
    expect(noCrs.figures.evictions.value).toBe(3);
  });

  it('refuses an unknown force, or one both present and absent, in the user’s language', async () => {
    const unknown = await coordinator.get('/api/statistics/summary?from=2026-05-01&to=2026-05-31&forceAbsent=swat');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().message).toContain('swat');
    const both = await english.get('/api/statistics/summary?from=2026-05-01&to=2026-05-31&forcePresent=crs&forceAbsent=crs');
    expect(both.statusCode).toBe(400);
    expect(both.json().message).toContain('cannot be both present and absent');
  });
});

describe(`figure sets edited per area (${process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  const set = [
    { metric: 'evictions', part: 'distinctSites' },
    { metric: 'evictions', part: null, forces: { present: ['pn', 'bac'], absent: ['crs'] } },
    { metric: 'tentsSeized', part: 'tentsWithBelongingsSeized' },
    { metric: 'chairsSeized', part: null },
    { metric: 'bikesSeized', part: null, showZero: true },
  ];

  it('previews the bulletin a set would print, leaving zero lines out unless the set says otherwise, saving nothing', async () => {
    const res = await coordinator.post(`/api/bulletin-figure-sets/${calaisisId}/preview`, { figures: set, month: '2026-05' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().documents.fr.figures).toEqual([
      'Au moins 4 expulsions d’au moins 1 lieu de vie distinct',
      'Dont au moins 2 menées par la police nationale et la BAC sans CRS',
      // No tents and no chairs that month: left out; bikes at zero are asked for.
      'Aucun vélo saisi',
    ]);
    expect(res.json().documents.en.figures[1]).toBe('Including at least 2 carried out by the national police and the BAC without CRS');
    expect(res.json().documents.fr.factGroups.map((g: { heading: string }) => g.heading)).toContain('Constats lors des expulsions');
    const saved = await t.db.selectFrom('bulletin_figure_sets').selectAll().where('area_id', '=', calaisisId).execute();
    expect(saved).toEqual([]);
  });

  it('dates only the findings a set names, in its order, and every finding when it names none', async () => {
    const preview = async (figures: unknown[]) => {
      const res = await coordinator.post(`/api/bulletin-figure-sets/${calaisisId}/preview`, { figures, month: '2026-05' });
      expect(res.statusCode, res.body).toBe(200);
      return res.json().content.facts.filter((f: { kind: string }) => f.kind === 'finding').map((f: { type: string }) => f.type);
    };
    const all = await preview(set);
    expect(all).toContain('foodDistribution');
    expect(all.length).toBeGreaterThan(1);
    expect(await preview([...set, { metric: 'evictions', part: null, finding: 'foodDistribution' }])).toEqual(['foodDistribution']);
    // A finding the set names but nobody saw that month prints nothing, never "aucun".
    expect(await preview([...set, { metric: 'evictions', part: null, finding: 'bailiff' }])).toEqual([]);
    const fr = (await coordinator.post(`/api/bulletin-figure-sets/${calaisisId}/preview`, {
      figures: [...set, { metric: 'evictions', part: null, finding: 'foodDistribution' }], month: '2026-05',
    })).json().documents.fr;
    expect(fr.factGroups.flatMap((g: { sentences: string[] }) => g.sentences)).toContain('Le 5 mai, une distribution alimentaire était en cours pendant l’expulsion.');
  });

  it('saves a set, and refuses an unknown metric or a part of the wrong whole with a clear message, saving nothing', async () => {
    const ok = await coordinator.put(`/api/bulletin-figure-sets/${calaisisId}`, { figures: set });
    expect(ok.statusCode, ok.body).toBe(200);
    const wrongWhole = await coordinator.put(`/api/bulletin-figure-sets/${calaisisId}`, { figures: [{ metric: 'tentsSeized', part: 'arrestsWithViolence' }] });
    expect(wrongWhole.statusCode).toBe(422);
    expect(wrongWhole.json().message).toContain('« arrestsWithViolence » à « tentsSeized » : ce n’est pas une partie');
    const unknown = await english.post(`/api/bulletin-figure-sets/${calaisisId}/preview`, { figures: [{ metric: 'yurtsSeized', part: null }], month: '2026-05' });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().message).toContain('yurtsSeized');
    const unknownForce = await coordinator.put(`/api/bulletin-figure-sets/${calaisisId}`, { figures: [{ metric: 'evictions', part: null, forces: { present: ['swat'], absent: [] } }] });
    expect(unknownForce.statusCode).toBe(400);
    const presentAndAbsent = await english.put(`/api/bulletin-figure-sets/${calaisisId}`, { figures: [{ metric: 'evictions', part: null, forces: { present: ['pn', 'crs'], absent: ['crs'] } }] });
    expect(presentAndAbsent.statusCode).toBe(400);
    expect(presentAndAbsent.json().message).toContain('“crs” cannot be both present and absent');
    const unknownFinding = await coordinator.put(`/api/bulletin-figure-sets/${calaisisId}`, { figures: [{ metric: 'evictions', part: null, finding: 'tanksPresent' }] });
    expect(unknownFinding.statusCode).toBe(422);
    expect(unknownFinding.json().message).toContain('constat inconnu : « tanksPresent »');
    const twice = [{ metric: 'evictions', part: null, finding: 'bailiff' }, { metric: 'evictions', part: null, finding: 'bailiff' }];
    const duplicateFinding = await english.put(`/api/bulletin-figure-sets/${calaisisId}`, { figures: twice });
    expect(duplicateFinding.statusCode).toBe(422);
    expect(duplicateFinding.json().message).toContain('“bailiff” twice');
    const findingOnTents = await coordinator.put(`/api/bulletin-figure-sets/${calaisisId}`, { figures: [{ metric: 'tentsSeized', part: null, finding: 'bailiff' }] });
    expect(findingOnTents.statusCode).toBe(400);
    const stored = await t.db.selectFrom('bulletin_figure_sets').select('figures').where('area_id', '=', calaisisId).executeTakeFirstOrThrow();
    expect(stored.figures).toEqual(set);
  });
});

async function pushOperation(startedAt: string): Promise<string> {
  const op = operationCommand(calaisisId, { startedAt });
  for (const r of await push(coordinator, [op])) expect(r.status).toBe('applied');
  return op.record.id;
}
