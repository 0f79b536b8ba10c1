import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseCellsOf, recoverable, sumOf, type PublicQuantity } from '@vigie/domain';
import { inOrganisation } from '../src/platform/db/organisation-scope.js';
import { computeFigures } from '../src/modules/communication/statistics/statistics.service.js';
import { startTestVigie, type TestClient, type TestVigie } from './harness.js';
import { evictionCommand, operationCommand, push, reference, siteCommand, submitCommand } from './field-fixtures.js';

/**
 * Statistics against hand-computed expectations. The fixture (all in 2026 unless said; Paris is
 * UTC+1 in winter, UTC+2 from 29 March to 25 October):
 *
 *   site A (Calais), site B (Calais), site C (Grande-Synthe, Dunkerquois)
 *   10 Mar  op1  E1 A 08:00 Paris  30 people (exact), 2 arrests / 1 violent (exact), 3 minors (exact), tents 12 + sleeping bags 5 (exact), CRS 36
 *                E2 B 09:00 Paris  20 people (AT LEAST), 0 arrests (exact), minors not noted, tents 3 (exact), gendarmerie
 *                incident: obstruction "perimeter" 08:10 Paris
 *   12 Mar  opG  E7 C              7 people (exact)
 *   15 Mar  opD  E6 A  DRAFT      100 people — only with the draft view
 *   20 Mar  op2  E3 A  coverage PARTIAL, 10 people (exact), tent 1 (exact); incident: violence "baton" 07:30 Paris
 *   31 Mar  op3  E4 A 23:29 Paris (21:29 UTC)  5 people; incident: violence "baton" 23:45 Paris
 *    1 Apr  op4  E5 B 00:30 Paris (31 Mar 22:30 UTC) — April, not March; incident 00:40 Paris
 *   27 Feb  opF  E8 B   4 people — the previous month
 *    5 Mar 2025 opY E9 A  8 people — the same month a year before
 *   31 Oct  opO  E10 A 23:30 Paris (22:30 UTC) — October;  1 Nov opN E11 A 00:30 Paris (31 Oct 23:30 UTC) — November
 */

let t: TestVigie;
let admin: TestClient;
let observer: TestClient;
let coordinator: TestClient;
let organisationId: string;
const ids: Record<string, string> = {};

const exact = (n: number) => ({ n, atLeast: false });
const none = { personsEvicted: null, arrests: null, arrestsWithViolence: null };

async function operation(areaId: string, startedAt: string) {
  const cmd = operationCommand(areaId, { startedAt });
  expect((await push(observer, [cmd]))[0]!.status).toBe('applied');
  return cmd.record.id;
}

type IncidentSpec = [kind: 'violence' | 'obstruction', incidentType: string, occurredAt: string];

/** Saves an eviction and its incidents as the observer's phone would, then submits and verifies it. */
async function eviction(name: string, op: string, site: string, arrivedAt: string, over: Record<string, unknown>, status: 'verified' | 'draft' = 'verified', incidents: IncidentSpec[] = []) {
  const cmd = evictionCommand(op, site, { arrivedAt, leftAt: null, seized: [], forces: [], ...over });
  const commands = [cmd, ...incidents.map(([kind, incidentType, occurredAt]) => ({
    commandId: randomUUID(), type: 'incident.save', baseVersion: null,
    record: { id: randomUUID(), evictionId: cmd.record.id, kind, incidentType, occurredAt },
  })), ...(status === 'draft' ? [] : [submitCommand(cmd.record.id)])];
  const results = await push(observer, commands);
  expect(results.map((r) => r.status)).toEqual(commands.map(() => 'applied'));
  if (status === 'verified') {
    const res = await coordinator.post(`/api/evictions/${cmd.record.id}/verify`, { version: 2 });
    expect(res.statusCode, res.body).toBe(200);
  }
  ids[name] = cmd.record.id;
}

beforeAll(async () => {
  t = await startTestVigie();
  admin = await t.setUpAdmin();
  organisationId = admin.user.organisationId;
  observer = await t.userWithRole(organisationId, 'observer');
  coordinator = await t.userWithRole(organisationId, 'coordinator');
  const { ref, calaisisId } = await reference(observer);
  const dunkerquoisId = ref.areas.find((a: { code: string }) => a.code === 'dunkerquois').id as string;
  const a = siteCommand(calaisisId, { code: 'A1', name: 'Site A' });
  const b = siteCommand(calaisisId, { code: 'B1', name: 'Site B' });
  const c = siteCommand(dunkerquoisId, { code: 'C1', name: 'Site C', communeInsee: '59271', latitude: 51.0, longitude: 2.3 });
  await push(observer, [a, b, c]);
  const [A, B, C] = [a.record.id, b.record.id, c.record.id];

  const op1 = await operation(calaisisId, '2026-03-10T06:30:00Z');
  await eviction('E1', op1, A, '2026-03-10T07:00:00Z', {
    counts: { personsEvicted: exact(30), arrests: exact(2), arrestsWithViolence: exact(1), unaccompaniedMinors: exact(3) },
    seized: [{ term: 'tent', n: 12, atLeast: false }, { term: 'sleeping_bag', n: 5, atLeast: false }],
    forces: [{ corps: 'crs', unit: 'CRS 36' }],
  }, 'verified', [['obstruction', 'perimeter', '2026-03-10T07:10:00Z']]);
  await eviction('E2', op1, B, '2026-03-10T08:00:00Z', {
    counts: { personsEvicted: { n: 20, atLeast: true }, arrests: exact(0), arrestsWithViolence: exact(0) },
    seized: [{ term: 'tent', n: 3, atLeast: false }], forces: [{ corps: 'gm', unit: null }],
  });
  const opG = await operation(dunkerquoisId, '2026-03-12T06:00:00Z');
  await eviction('E7', opG, C, '2026-03-12T06:30:00Z', { counts: { ...none, personsEvicted: exact(7) } });
  const opD = await operation(calaisisId, '2026-03-15T06:00:00Z');
  await eviction('E6', opD, A, '2026-03-15T07:00:00Z', { counts: { ...none, personsEvicted: exact(100) } }, 'draft');
  const op2 = await operation(calaisisId, '2026-03-20T05:30:00Z');
  await eviction('E3', op2, A, '2026-03-20T06:00:00Z', { coverage: 'partial', counts: { ...none, personsEvicted: exact(10) }, seized: [{ term: 'tent', n: 1, atLeast: false }] }, 'verified',
    [['violence', 'baton', '2026-03-20T06:30:00Z']]);
  const op3 = await operation(calaisisId, '2026-03-31T21:00:00Z');
  await eviction('E4', op3, A, '2026-03-31T21:29:00Z', { counts: { ...none, personsEvicted: exact(5) } }, 'verified',
    [['violence', 'baton', '2026-03-31T21:45:00Z']]);
  const op4 = await operation(calaisisId, '2026-03-31T22:15:00Z');
  await eviction('E5', op4, B, '2026-03-31T22:30:00Z', { counts: { ...none, personsEvicted: exact(6) } }, 'verified',
    [['violence', 'baton', '2026-03-31T22:40:00Z']]);
  const opF = await operation(calaisisId, '2026-02-27T07:00:00Z');
  await eviction('E8', opF, B, '2026-02-27T07:30:00Z', { counts: { ...none, personsEvicted: exact(4) } });
  const opY = await operation(calaisisId, '2025-03-05T07:00:00Z');
  await eviction('E9', opY, A, '2025-03-05T07:30:00Z', { counts: { ...none, personsEvicted: exact(8) } });
  const opO = await operation(calaisisId, '2026-10-31T22:00:00Z');
  await eviction('E10', opO, A, '2026-10-31T22:30:00Z', {});
  const opN = await operation(calaisisId, '2026-10-31T23:15:00Z');
  await eviction('E11', opN, A, '2026-10-31T23:30:00Z', {});
}, 300_000);
afterAll(async () => { await t?.close(); });

const march = 'from=2026-03-01&to=2026-03-31';
const get = async (c: TestClient, url: string) => {
  const res = await c.get(url);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

describe(`statistics (${process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it('counts evictions, not operations, and each living site once', async () => {
    const s = await get(coordinator, `/api/statistics/summary?${march}`);
    // E1, E2, E3, E4, E7 — not the draft E6, not E5 (1 April in Paris).
    expect(s.figures.evictions.value).toBe(5);
    expect(s.figures.distinctSites.value).toBe(3);
    expect(s.figures.operations.value).toBe(4);
    expect(s.figures.personsEvicted.value).toBe(30 + 20 + 7 + 10 + 5);
    expect(s.figures.tentsSeized.value).toBe(16);
    expect(s.figures.itemsSeized.value).toBe(21);
    expect(s.figures.arrests).toEqual({ value: 2, atLeast: true });
    expect(s.figures.arrestsWithViolence.value).toBe(1);
    expect(s.figures.incidentsViolence.value).toBe(2);
    expect(s.figures.incidentsObstruction.value).toBe(1);
  });

  it('marks a figure "at least" only when a count, the coverage of the day or of the eviction says so', async () => {
    // 10 March alone: observers were out that day and saw both evictions fully.
    const day = (await get(coordinator, '/api/statistics/summary?from=2026-03-10&to=2026-03-10')).figures;
    expect(day.evictions).toEqual({ value: 2, atLeast: false });
    expect(day.distinctSites).toEqual({ value: 2, atLeast: false });
    expect(day.personsEvicted).toEqual({ value: 50, atLeast: true }); // E2's 20 is a minimum
    expect(day.arrests).toEqual({ value: 2, atLeast: false });
    expect(day.itemsSeized).toEqual({ value: 20, atLeast: false });
    expect(day.unaccompaniedMinors).toEqual({ value: 3, atLeast: true }); // E2 did not note minors
    expect(day.daysObserved).toEqual({ value: 1, atLeast: false });
    // 20 March: E3 was only partly observed, so its exact count is still a minimum.
    const partial = (await get(coordinator, '/api/statistics/summary?from=2026-03-20&to=2026-03-20')).figures;
    expect(partial.evictions).toEqual({ value: 1, atLeast: false });
    expect(partial.personsEvicted).toEqual({ value: 10, atLeast: true });
    // The month: observers were out on 5 of 31 days (10, 12, 15, 20, 31), so every count is a minimum.
    const month = await get(coordinator, `/api/statistics/summary?${march}`);
    expect(month.figures.evictions).toEqual({ value: 5, atLeast: true });
    expect(month.coverage).toEqual({ daysInPeriod: 31, expectedDays: 31, daysObserved: 5, daysNotObserved: 26, share: 0.161 });
  });

  it('puts 00:30 Paris on 1 April in April and 23:29 on 31 March in March, and the same around the October change', async () => {
    const spring = await get(coordinator, '/api/statistics/series?from=2026-03-01&to=2026-04-30&bucket=month');
    expect(spring.points.map((p: { key: string; value: number }) => [p.key, p.value])).toEqual([['2026-03', 5], ['2026-04', 1]]);
    const autumn = await get(coordinator, '/api/statistics/series?from=2026-10-01&to=2026-11-30&bucket=month');
    expect(autumn.points.map((p: { key: string; value: number }) => [p.key, p.value])).toEqual([['2026-10', 1], ['2026-11', 1]]);
    const days = await get(coordinator, '/api/statistics/series?from=2026-03-30&to=2026-04-01&bucket=day&metric=personsEvicted');
    expect(days.points.map((p: { key: string; value: number }) => [p.key, p.value])).toEqual([['2026-03-30', 0], ['2026-03-31', 5], ['2026-04-01', 6]]);
    // Incidents are dated in Paris too: 23:45 on 31 March, 00:40 on 1 April.
    const incidents = await get(coordinator, '/api/statistics/breakdown?from=2026-03-01&to=2026-04-30&by=incidentType');
    expect(incidents.rows.find((r: { key: string }) => r.key === 'violence:baton')).toMatchObject({ value: 3, days: ['2026-03-20', '2026-03-31', '2026-04-01'] });
  });

  it('gives a series whose period lies within one bucket the period\'s own figures, keyed by that bucket', async () => {
    const period = 'from=2026-03-10&to=2026-04-01';
    const { figures } = await get(coordinator, `/api/statistics/summary?${period}`);
    expect(figures.evictions.value).toBeGreaterThan(0);
    for (const metric of ['evictions', 'personsEvicted', 'itemsSeized', 'incidentsViolence', 'daysObserved']) {
      const year = await get(coordinator, `/api/statistics/series?${period}&bucket=year&metric=${metric}`);
      expect(year.points, metric).toEqual([{ key: '2026', from: '2026-03-10', to: '2026-04-01', value: figures[metric].value, atLeast: figures[metric].atLeast }]);
    }
    // By year over a partial first year, a whole one and a partial last one: each point is its own part's figures.
    const years = await get(coordinator, '/api/statistics/series?from=2024-06-01&to=2026-04-01&bucket=year&metric=personsEvicted');
    expect(years.points.map((p: { key: string; from: string; to: string }) => [p.key, p.from, p.to]))
      .toEqual([['2024', '2024-06-01', '2024-12-31'], ['2025', '2025-01-01', '2025-12-31'], ['2026', '2026-01-01', '2026-04-01']]);
    expect(years.points[2].value).toBeGreaterThan(0);
    for (const p of years.points as { key: string; from: string; to: string; value: number; atLeast: boolean }[]) {
      const own = (await get(coordinator, `/api/statistics/summary?from=${p.from}&to=${p.to}`)).figures.personsEvicted;
      expect(own, p.key).toMatchObject({ value: p.value, atLeast: p.atLeast });
    }
  });

  it('counts verified records only, unless a verifier asks for the draft view', async () => {
    const drafts = await get(coordinator, `/api/statistics/summary?${march}&includeDrafts=true`);
    expect(drafts.figures.evictions.value).toBe(6);
    expect(drafts.figures.personsEvicted.value).toBe(172);
    const observerAsks = await observer.get(`/api/statistics/summary?${march}&includeDrafts=true`);
    expect(observerAsks.statusCode).toBe(403);
    expect(observerAsks.json().code).toBe('statistics.drafts_forbidden');
    expect((await get(observer, `/api/statistics/summary?${march}&includeDrafts=false`)).figures.evictions.value).toBe(5);
  });

  it('compares with the previous month and the same month a year before, and gives the rates', async () => {
    const s = await get(coordinator, `/api/statistics/summary?${march}`);
    expect(s.comparisons.previousPeriod).toMatchObject({ from: '2026-02-01', to: '2026-02-28' });
    expect(s.comparisons.previousPeriod.figures.evictions.value).toBe(1);
    expect(s.comparisons.previousPeriod.figures.personsEvicted.value).toBe(4);
    expect(s.comparisons.yearBefore).toMatchObject({ from: '2025-03-01', to: '2025-03-31' });
    expect(s.comparisons.yearBefore.figures.personsEvicted.value).toBe(8);
    // March 2026 has 743 hours (the clocks skip one on the 29th): 743 / 5 evictions.
    expect(s.rates).toEqual({ hoursPerEviction: 148.6, perDay: 0.16, perWeek: 1.13, perMonth: 4.91, atLeast: true });
  });

  it('breaks figures down by area, commune, site, force and item type', async () => {
    const communes = await get(coordinator, `/api/statistics/breakdown?${march}&by=commune`);
    expect(communes.rows.map((r: { key: string; label: string; value: number }) => [r.key, r.label, r.value])).toEqual([['62193', 'Calais', 4], ['59271', 'Grande-Synthe', 1]]);
    expect(communes.rows[0].figures.distinctSites.value).toBe(2);
    const sites = await get(coordinator, `/api/statistics/breakdown?${march}&by=site`);
    expect(sites.rows.map((r: { label: string; value: number }) => [r.label, r.value])).toEqual([['A1 — Site A', 3], ['B1 — Site B', 1], ['C1 — Site C', 1]]);
    // The dashboard's map asks for the evictions alone: the same rows, places and minimums, without the other figures.
    for (const by of ['area', 'commune', 'site', 'legalBasis']) {
      for (const filter of ['', '&forceCorps=crs', '&communeInsee=62193']) {
        const full = await get(coordinator, `/api/statistics/breakdown?${march}${filter}&by=${by}`);
        const light = await get(coordinator, `/api/statistics/breakdown?${march}${filter}&by=${by}&detail=value`);
        expect(light.rows, `${by}${filter}`).toEqual(full.rows.map(({ figures: _, ...row }: { figures: unknown }) => row));
      }
    }
    expect((await get(coordinator, `/api/statistics/breakdown?${march}&by=site&detail=value`)).rows[0].site).toMatchObject({ code: 'A1', name: 'Site A' });
    const forces = await get(coordinator, `/api/statistics/breakdown?${march}&by=forceCorps`);
    expect(forces.rows.map((r: { key: string; value: number }) => [r.key, r.value])).toEqual([['crs', 1], ['gm', 1]]);
    const units = await get(coordinator, `/api/statistics/breakdown?${march}&by=forceUnit`);
    expect(units.rows.map((r: { label: string }) => r.label)).toContain('CRS 36');
    const items = await get(coordinator, `/api/statistics/breakdown?${march}&by=itemType`);
    expect(items.rows.map((r: { key: string; value: number }) => [r.key, r.value])).toEqual([['tent', 16], ['sleeping_bag', 5]]);
    const dunkerquois = await get(coordinator, `/api/statistics/summary?${march}&areaCode=dunkerquois`);
    expect(dunkerquois.figures.evictions.value).toBe(1);
    const crs = await get(coordinator, `/api/statistics/summary?${march}&forceCorps=crs`);
    expect(crs.figures.personsEvicted.value).toBe(30);
  });

  it('lists the evictions behind a figure, a page at a time', async () => {
    const page1 = await get(coordinator, `/api/statistics/evictions?${march}&communeInsee=62193&pageSize=2`);
    expect(page1.total).toBe(4);
    expect(page1.evictions.map((e: { id: string }) => e.id)).toEqual([ids.E4, ids.E3]);
    const page2 = await get(coordinator, `/api/statistics/evictions?${march}&communeInsee=62193&pageSize=2&page=2`);
    expect(page2.evictions.map((e: { id: string }) => e.id)).toEqual([ids.E2, ids.E1]);
    const tents = await get(coordinator, `/api/statistics/evictions?${march}&itemType=sleeping_bag`);
    expect(tents.evictions.map((e: { id: string }) => e.id)).toEqual([ids.E1]);
  });

  it('gives other modules the same figures through computeFigures', async () => {
    const figures = await inOrganisation(t.db, organisationId, (trx) => computeFigures(trx, { from: '2026-03-01', to: '2026-03-31', areaCode: 'calaisis' }));
    expect(figures.evictions).toEqual({ value: 4, atLeast: true });
    expect(figures.distinctSites.value).toBe(2);
  });

  it('draws the charts as SVG and PNG and lists their data as CSV', async () => {
    const csv = await coordinator.get(`/api/statistics/charts/byCommune.csv?${march}`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.replace(/^\uFEFF/, '').split('\r\n').filter(Boolean)).toEqual(['Commune;Expulsions (au moins)', 'Calais;4', 'Grande-Synthe;1']);
    // A file saved from the dashboard is named in French after what it shows.
    expect(csv.headers['content-disposition']).toBe('attachment; filename="expulsions-par-commune-toutes-les-zones-mars-2026.csv"');
    const svg = await coordinator.get(`/api/statistics/charts/evictionsOverTime.svg?${march}&bucket=week&areaCode=calaisis`);
    expect(svg.headers['content-type']).toContain('image/svg+xml');
    expect(svg.body).toMatch(/^<svg/);
    expect(svg.headers['content-disposition']).toContain('filename="expulsions-calaisis-mars-2026.svg"');
    // Pasted alone into a post or a slide, the chart still says where, when and whose figures.
    const words = [...svg.body.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(words).toContain('Calaisis — mars 2026');
    expect(words).toContain('Source : Human Rights Observers');
    const height = Number(/<svg[^>]*\sheight="([\d.]+)"/.exec(svg.body)![1]);
    const sourceY = Number(/<text x="12" y="([\d.]+)"[^>]*>Source/.exec(svg.body)![1]);
    expect(sourceY).toBeLessThan(height);
    const english = await t.userWithRole(organisationId, 'comms', 'comms-en-charts@hro.example');
    await t.db.updateTable('users').set({ locale: 'en' }).where('email', '=', 'comms-en-charts@hro.example').execute();
    const svgEn = await english.get(`/api/statistics/charts/byCommune.svg?${march}&areaCode=calaisis`);
    expect(svgEn.body).toContain('Source: Human Rights Observers');
    expect(svgEn.headers['content-disposition']).toContain('filename="evictions-by-commune-calaisis-march-2026.svg"');
    const png = await coordinator.request('GET', `/api/statistics/charts/byForce.png?${march}`);
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.body.slice(1, 4)).toBe('PNG');
  });

  it('refuses bad input with a clear message in French and in English', async () => {
    const reversed = await coordinator.get('/api/statistics/summary?from=2026-03-31&to=2026-03-01');
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json()).toMatchObject({ code: 'statistics.range_reversed' });
    expect(reversed.json().message).toContain('avant de commencer');
    // The account's language wins over the browser's: an English-speaking researcher.
    const english = await t.userWithRole(organisationId, 'researcher', 'researcher-en@hro.example');
    await t.db.updateTable('users').set({ locale: 'en' }).where('email', '=', 'researcher-en@hro.example').execute();
    const reversedEn = await english.get('/api/statistics/summary?from=2026-03-31&to=2026-03-01');
    expect(reversedEn.json().message).toContain('ends (2026-03-01) before it starts (2026-03-31)');
    const area = await coordinator.get(`/api/statistics/summary?${march}&areaCode=boulonnais`);
    expect(area.json()).toMatchObject({ code: 'statistics.unknown_area' });
    expect(area.json().message).toContain('boulonnais');
    expect((await coordinator.get(`/api/statistics/summary?${march}&communeInsee=75056`)).json().code).toBe('statistics.unknown_commune');
    const metric = await coordinator.get(`/api/statistics/series?${march}&metric=tentz`);
    expect(metric.statusCode).toBe(400);
    expect(metric.json().code).toBe('statistics.unknown_metric');
    expect((await coordinator.get('/api/statistics/summary?from=2026-02-30&to=2026-03-01')).statusCode).toBe(400);
    expect((await coordinator.get(`/api/statistics/breakdown?${march}&by=mood`)).json().code).toBe('request.validation_failed');
    expect((await t.client().get(`/api/statistics/summary?${march}`)).statusCode).toBe(401);
  });

  it('keeps item and incident counts in step when an eviction is verified, merged, edited, rejected or deleted', async () => {
    // Tallies and incidents carry a copy of their eviction's day, site and state (migration 42,
    // kept by triggers): every change of the eviction must reach them. June–July 2024, away from
    // the fixture above.
    const { calaisisId } = await reference(observer);
    const s1 = siteCommand(calaisisId, { code: 'T1', name: 'Site T1' });
    const s2 = siteCommand(calaisisId, { code: 'T2', name: 'Site T2' });
    await push(observer, [s1, s2]);
    const june = 'from=2024-06-01&to=2024-06-30';
    const july = 'from=2024-07-01&to=2024-07-31';
    const figures = async (period: string, drafts = false) => {
      const f = (await get(coordinator, `/api/statistics/summary?${period}${drafts ? '&includeDrafts=true' : ''}`)).figures;
      return { evictions: f.evictions.value, tents: f.tentsSeized.value, violence: f.incidentsViolence.value };
    };
    const op = await operation(calaisisId, '2024-06-10T05:00:00Z');
    const submitted = async (arrivedAt: string, tents: number) => {
      const cmd = evictionCommand(op, s1.record.id, { arrivedAt, leftAt: null, seized: [{ term: 'tent', n: tents, atLeast: false }], forces: [], counts: none });
      const incident = { commandId: randomUUID(), type: 'incident.save', baseVersion: null,
        record: { id: randomUUID(), evictionId: cmd.record.id, kind: 'violence', incidentType: 'baton', occurredAt: arrivedAt } };
      expect((await push(observer, [cmd, incident, submitCommand(cmd.record.id)])).map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
      return cmd;
    };
    const x = await submitted('2024-06-10T05:30:00Z', 4);
    const y = await submitted('2024-06-10T06:00:00Z', 2);
    expect(await figures(june)).toEqual({ evictions: 0, tents: 0, violence: 0 });
    expect(await figures(june, true)).toEqual({ evictions: 2, tents: 6, violence: 2 });

    for (const id of [x.record.id, y.record.id]) expect((await coordinator.post(`/api/evictions/${id}/verify`, { version: 2 })).statusCode).toBe(200);
    expect(await figures(june)).toEqual({ evictions: 2, tents: 6, violence: 2 });

    const merged = await coordinator.post('/api/evictions/merge', { keepId: x.record.id, mergeIds: [y.record.id] });
    expect(merged.statusCode, merged.body).toBe(200);
    expect(await figures(june)).toEqual({ evictions: 1, tents: 4, violence: 1 });

    // A coordinator corrects the record: another day (in July), another site, another count.
    const edit = evictionCommand(op, s2.record.id, { ...x.record, siteId: s2.record.id, arrivedAt: '2024-07-02T05:30:00Z', seized: [{ term: 'tent', n: 7, atLeast: false }] }, 4);
    edit.record.id = x.record.id;
    expect((await push(coordinator, [edit]))[0]!.status).toBe('applied');
    expect(await figures(june)).toEqual({ evictions: 0, tents: 0, violence: 0 });
    expect(await figures(july)).toEqual({ evictions: 1, tents: 7, violence: 1 });
    const bySite = await get(coordinator, `/api/statistics/breakdown?${july}&by=site`);
    expect(bySite.rows.map((r: { label: string; figures: { tentsSeized: { value: number } } }) => [r.label, r.figures.tentsSeized.value])).toEqual([['T2 — Site T2', 7]]);

    const rejected = await coordinator.post(`/api/evictions/${x.record.id}/reject`, { version: 5, reason: 'Doublon' });
    expect(rejected.statusCode, rejected.body).toBe(200);
    expect(await figures(july)).toEqual({ evictions: 0, tents: 0, violence: 0 });
    expect(await figures(july, true)).toEqual({ evictions: 0, tents: 0, violence: 0 });

    // No route deletes an eviction yet; the application role does it under row-level security.
    const z = await submitted('2024-07-03T05:30:00Z', 5);
    expect((await coordinator.post(`/api/evictions/${z.record.id}/verify`, { version: 2 })).statusCode).toBe(200);
    expect(await figures(july)).toEqual({ evictions: 1, tents: 5, violence: 1 });
    await inOrganisation(t.db, organisationId, (trx) => trx.updateTable('evictions').set({ deleted_at: new Date() }).where('id', '=', z.record.id).execute());
    expect(await figures(july)).toEqual({ evictions: 0, tents: 0, violence: 0 });

    // And the copies agree with their evictions everywhere, not only where the figures looked.
    const { rows } = await sql<{ stale: number }>`
      SELECT (SELECT count(*) FROM eviction_tallies t JOIN evictions e ON e.id = t.eviction_id
               WHERE (t.eviction_date, t.site_id, t.eviction_status, t.eviction_live) IS DISTINCT FROM (e.date, e.site_id, e.status, e.deleted_at IS NULL AND e.merged_into IS NULL))
           + (SELECT count(*) FROM incidents i JOIN evictions e ON e.id = i.eviction_id
               WHERE (i.eviction_date, i.site_id, i.eviction_status, i.eviction_live) IS DISTINCT FROM (e.date, e.site_id, e.status, e.deleted_at IS NULL AND e.merged_into IS NULL)) AS stale`.execute(t.db);
    expect(Number(rows[0]!.stale)).toBe(0);
  });

  // Two connections at once: only the PostgreSQL pool has them (the embedded one has a single connection).
  it.skipIf(!process.env.TEST_DATABASE_URL)('counts items saved while another transaction verifies the same eviction', async () => {
    const { calaisisId } = await reference(observer);
    const site = siteCommand(calaisisId, { code: 'T3', name: 'Site T3' });
    await push(observer, [site]);
    const op = await operation(calaisisId, '2024-09-10T05:00:00Z');
    const cmd = evictionCommand(op, site.record.id, { arrivedAt: '2024-09-10T05:30:00Z', leftAt: null, seized: [{ term: 'tent', n: 1, atLeast: false }], forces: [], counts: none });
    await push(observer, [cmd, submitCommand(cmd.record.id)]);
    // A transaction adds items to the submitted eviction and has not committed yet…
    const writer = await t.db.startTransaction().execute();
    await sql`SELECT set_config('vigie.organisation_id', ${organisationId}, true), set_config('role', 'vigie_app', true)`.execute(writer);
    await writer.insertInto('eviction_tallies').values({ eviction_id: cmd.record.id, organisation_id: organisationId, kind: 'seized', term: 'blanket', n: 9, at_least: false }).execute();
    // …when another transaction verifies it. The verify route locks the row first (FOR UPDATE), so
    // this is a plain UPDATE, as a bulk verification would write: it must wait for the writer
    // (the trigger read the eviction FOR SHARE), then its trigger sees the new items and updates them.
    const verifying = inOrganisation(t.db, organisationId, (trx) =>
      trx.updateTable('evictions').set({ status: 'verified' }).where('id', '=', cmd.record.id).execute());
    await new Promise((resolve) => setTimeout(resolve, 300));
    await writer.commit().execute();
    await verifying;
    const f = (await get(coordinator, '/api/statistics/summary?from=2024-09-10&to=2024-09-10')).figures;
    expect(f.itemsSeized).toEqual({ value: 10, atLeast: false });
  });

  it('publishes aggregated figures only when the organisation opts in, hiding small counts', async () => {
    const visitor = t.client();
    expect((await visitor.get(`/api/public/hro/statistics.json?${march}`)).statusCode).toBe(404);
    expect((await admin.get('/api/statistics/public-settings')).json()).toEqual({ enabled: false, slug: null, threshold: 5 });
    expect((await admin.put('/api/statistics/public-settings', { enabled: true, slug: null, threshold: 5 })).json().code).toBe('statistics.slug_required');
    // Managed by the communication pole (and administrators), not by observers.
    expect((await observer.put('/api/statistics/public-settings', { enabled: true, slug: 'hro', threshold: 5 })).statusCode).toBe(403);
    expect((await admin.put('/api/statistics/public-settings', { enabled: true, slug: 'hro', threshold: 5 })).statusCode).toBe(200);

    const json = await get(visitor, `/api/public/hro/statistics.json?${march}`);
    const fig = (code: string) => json.figures.find((f: { code: string }) => f.code === code);
    // 5 evictions in March, but shown it would give Dunkerquois' single one back: the first quarter
    // of all areas (6) minus Calaisis' (5) is Dunkerquois' quarter, its March alone (February had none there).
    expect(fig('evictions')).toMatchObject({ value: null, belowThreshold: false, suppressed: true, display: 'masqué' });
    expect(fig('distinctSites')).toMatchObject({ value: null, belowThreshold: true, display: '< 5' });
    // People evicted (72) go with them: Calaisis' 4 in February would follow by subtraction.
    expect(fig('personsEvicted')).toMatchObject({ value: null, suppressed: true, display: 'masqué' });
    expect(fig('itemsSeized')).toMatchObject({ value: 21, atLeast: true, display: 'au moins 21' });
    expect(json.figures.map((f: { code: string }) => f.code)).not.toContain('women');
    // The coverage of the period the page speaks of (no rota rule: every day of March expected).
    expect(json.coverage).toEqual({ expectedDays: 31, observedDays: 5, display: 'Jours d’observation : 5 sur 31' });
    expect(JSON.stringify(json)).not.toMatch(/Site A|A1|CRS 36/);
    expect(json.byArea.map((a: { area: string; display: string }) => [a.area, a.display])).toEqual([['Calaisis', '< 5'], ['Dunkerquois', '< 5']]);

    const csv = await visitor.get(`/api/public/hro/statistics.csv?${march}&lang=en`);
    expect(csv.body).toContain('figure,distinctSites,distinct living sites evicted,< 5,false');
    expect(csv.body).toContain('figure,evictions,evictions,hidden,false');

    const page = await visitor.get(`/api/public/hro/statistics.html?${march}`);
    expect(page.headers['content-type']).toContain('text/html');
    expect(String(page.headers['content-security-policy'])).toContain('frame-ancestors *');
    expect(page.headers['x-frame-options']).toBeUndefined();
    expect(page.body).toContain('au moins 21');
    expect(page.body).toContain('Mars 2026');
    expect(page.body).toContain('Jours d’observation : 5 sur 31');
    // The public site's index lists the figures while they are published, and only then.
    expect((await get(visitor, '/api/public/hro')).pages.figuresJson).toBe('http://localhost:3000/api/public/hro/statistics.json');
    // Every other page still refuses to be framed.
    expect(String((await visitor.get('/api/health')).headers['content-security-policy'])).toContain("frame-ancestors 'none'");

    await admin.put('/api/statistics/public-settings', { enabled: false, slug: 'hro', threshold: 5 });
    expect((await visitor.get(`/api/public/hro/statistics.json?${march}`)).statusCode).toBe(404);
    expect((await get(visitor, '/api/public/hro')).pages.figuresJson).toBeUndefined();
  });

  it('hides more public figures where subtracting the others would give a small one back', async () => {
    // 2023, people evicted: Calaisis 2 in January (small), 6 in February, 6 in March; Dunkerquois 6 in January.
    const { ref, calaisisId } = await reference(observer);
    const dunkerquoisId = ref.areas.find((a: { code: string }) => a.code === 'dunkerquois').id as string;
    const cal = siteCommand(calaisisId, { code: 'S23', name: 'Site 2023' });
    const dun = siteCommand(dunkerquoisId, { code: 'D23', name: 'Dune 2023', communeInsee: '59271' });
    await push(observer, [cal, dun]);
    const plan: Array<[string, string, string, number]> = [
      ['P1', calaisisId, '2023-01-10T08:00:00Z', 2], ['P2', calaisisId, '2023-02-10T08:00:00Z', 6],
      ['P3', calaisisId, '2023-03-10T08:00:00Z', 6], ['P4', dunkerquoisId, '2023-01-12T08:00:00Z', 6],
    ];
    for (const [name, areaId, at, n] of plan) {
      const op = await operation(areaId, at);
      await eviction(name, op, areaId === calaisisId ? cal.record.id : dun.record.id, at, { counts: { ...none, personsEvicted: exact(n) } });
    }
    expect((await admin.put('/api/statistics/public-settings', { enabled: true, slug: 'hro', threshold: 5 })).statusCode).toBe(200);
    const visitor = t.client();
    const areaCodes = ['calaisis', 'dunkerquois'];
    const periods: Array<[string, string, (a: number | null) => PublicQuantity]> = [
      ...[1, 2, 3].map((m): [string, string, (a: number | null) => PublicQuantity] => [`2023-0${m}-01`, `2023-0${m}-${m === 2 ? 28 : 31}`,
        (a) => (a === null ? { kind: 'month', month: m - 1 } : { kind: 'cell', area: a, month: m - 1 })]),
      ['2023-01-01', '2023-03-31', (a) => (a === null ? { kind: 'quarter', quarter: 0 } : { kind: 'areaQuarter', area: a, quarter: 0 })],
      ['2023-01-01', '2023-12-31', (a) => (a === null ? { kind: 'year' } : { kind: 'areaYear', area: a })],
    ];
    // Every page a reader can collect about the first quarter and the year, for each area and for all.
    const shown: ReturnType<typeof sumOf>[] = [];
    const hidden: ReturnType<typeof sumOf>[] = [];
    const displays: Record<string, string> = {};
    for (const [from, to, quantity] of periods) {
      for (const area of [null, 0, 1]) {
        const json = await get(visitor, `/api/public/hro/statistics.json?from=${from}&to=${to}${area === null ? '' : `&areaCode=${areaCodes[area]}`}`);
        const persons = json.figures.find((f: { code: string }) => f.code === 'personsEvicted');
        displays[`${from}/${to}/${area ?? 'all'}`] = persons.display;
        (persons.value === null ? hidden : shown).push(sumOf(baseCellsOf(quantity(area), 2)));
      }
    }
    // The other months are empty: a reader knows their zeros (pages not fetched here).
    for (let a = 0; a < 2; a++) for (let m = 3; m < 12; m++) shown.push(sumOf([a * 12 + m]));
    expect(displays['2023-01-01/2023-01-31/0']).toBe('< 5');
    expect(Object.values(displays)).toContain('masqué');
    // The year of all areas hides nothing (coverage is partial: a minimum).
    expect(displays['2023-01-01/2023-12-31/all']).toBe('au moins 20');
    // Nothing hidden can be recomputed from everything shown.
    expect(recoverable(shown, hidden)).toEqual(hidden.map(() => false));
    // The embeddable page says why a value is hidden.
    const page = await visitor.get('/api/public/hro/statistics.html?from=2023-01-01&to=2023-03-31');
    expect(page.body).toContain('1er trimestre 2023');
    expect(page.body).toContain('« masqués »');
    await admin.put('/api/statistics/public-settings', { enabled: false, slug: 'hro', threshold: 5 });
  });
});
