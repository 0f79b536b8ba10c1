import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { Api, invite, inviter, signIn, watchErrors } from '../journeys.js';

/**
 * The communication pole's dashboard against the real server: a coordinator opens the figures
 * of June 2025 (two verified evictions at two living sites in Calais, one more in draft), reads
 * the headline worded "au moins", sees the evictions behind it, and downloads a chart's data
 * as CSV for Office. Accounts: its own coordinator, invited by the foundation journey's
 * administrator (see field.spec.ts).
 */
const COORDINATOR = { email: 'coordination-stats@hro.example', password: 'phrase de passe des statistiques', name: 'Camille' };
const CALAIS = '62193';

let coordinatorApi: Api;

test.describe.serial('dashboard', () => {
  test.beforeAll(async ({ baseURL }) => {
    test.setTimeout(90_000);
    const admin = await inviter(baseURL!);
    coordinatorApi = await invite(admin, baseURL!, COORDINATOR, 'coordinator');
    const ref = await coordinatorApi.get<{ areas: { id: string; code: string }[] }>('/api/field/reference');
    const areaId = ref.areas.find((a) => a.code === 'calaisis')!.id;
    const [s1, s2, op] = [randomUUID(), randomUUID(), randomUUID()];
    const force = (corps: string) => ({ corps, unit: null, vehicles: [], officers: null, weapons: [] });
    // Seven tents each time, three of them full of belongings (a part recorded under its whole).
    const ev = (id: string, siteId: string, at: string, persons: { n: number; atLeast: boolean }, corps: string[]) => ({
      commandId: randomUUID(), baseVersion: null, type: 'eviction.save',
      record: {
        id, operationId: op, siteId, arrivedAt: at, counts: { personsEvicted: persons },
        seized: [{ term: 'tent', n: 7, atLeast: false, parts: [{ term: 'tent_with_belongings', n: 3, atLeast: false }] }],
        forces: corps.map(force),
      },
    });
    const [e1, e2, e3] = [randomUUID(), randomUUID(), randomUUID()];
    await coordinatorApi.push([
      { commandId: randomUUID(), baseVersion: null, type: 'site.save', record: { id: s1, code: 'ST1', name: 'Dunes Est', areaId, communeInsee: CALAIS } },
      { commandId: randomUUID(), baseVersion: null, type: 'site.save', record: { id: s2, code: 'ST2', name: 'Hangar', areaId, communeInsee: CALAIS } },
      { commandId: randomUUID(), baseVersion: null, type: 'operation.save', record: { id: op, areaId, startedAt: '2025-06-12T05:30:00Z', observerIds: [] } },
      ev(e1, s1, '2025-06-12T06:00:00Z', { n: 30, atLeast: false }, ['pn', 'bac']),
      ev(e2, s2, '2025-06-12T07:00:00Z', { n: 12, atLeast: true }, ['crs', 'pn']),
      ev(e3, s2, '2025-06-12T08:00:00Z', { n: 99, atLeast: false }, ['crs']),
    ]);
    for (const id of [e1, e2]) {
      const [submitted] = await coordinatorApi.push([{ commandId: randomUUID(), baseVersion: null, type: 'eviction.submit', record: { id } }]);
      await coordinatorApi.post(`/api/evictions/${id}/verify`, { version: submitted!.version });
    }
    // One outreach round that month: about 25 people met ("au moins"), food asked about, not clothes.
    await coordinatorApi.post('/api/rounds', {
      id: randomUUID(), areaCode: 'calaisis', startedAt: '2025-06-20T19:00:00+02:00', siteIds: [s1],
      peopleMet: { n: 25, atLeast: true }, needs: { food: { n: 18, atLeast: false } },
    });
  });

  test.afterAll(async () => { await coordinatorApi?.ctx.dispose(); });

  test('a coordinator reads the month’s figures, drills down and downloads a chart’s data', async ({ page }) => {
    await signIn(page, COORDINATOR);
    const errors = watchErrors(page);
    await page.goto('/?from=2025-06-01&to=2025-06-30&areaCode=calaisis');
    // Observers were out on 1 day of 30: the counts are minimums; the draft (99 people) is not counted.
    await expect(page.getByTestId('figure-evictions')).toContainText('au moins 2');
    await expect(page.getByTestId('figure-evictions')).toContainText('expulsions');
    await expect(page.getByTestId('figure-distinctSites')).toContainText('au moins 2');
    // The outreach rounds' own figures, worded by the same rule.
    await expect(page.getByTestId('round-figure-rounds')).toContainText('1');
    await expect(page.getByTestId('round-figure-roundPeopleMet')).toContainText('au moins 25');
    await expect(page.getByTestId('round-figure-roundNeedFood')).toContainText('18');
    await expect(page.getByTestId('round-figure-roundNeedClothes')).toContainText('non observé');
    await expect(page.getByTestId('figure-personsEvicted')).toContainText('au moins 42');
    await expect(page.getByTestId('figure-tentsSeized')).toContainText('au moins 14');
    await expect(page.getByTestId('coverage')).toContainText('1 sur 30');
    await expect(page.getByTestId('drilldown').locator('tbody tr')).toHaveCount(2);
    await expect(page.getByTestId('drilldown')).toContainText('ST1 — Dunes Est');
    // The chart itself is drawn by the server.
    const chart = page.getByTestId('chart-byCommune').locator('img');
    await expect(chart).toHaveJSProperty('complete', true);
    expect(await chart.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(100);

    const download = page.waitForEvent('download');
    await page.getByTestId('download-byCommune-csv').click();
    const file = await (await download).path();
    const rows = readFileSync(file, 'utf8').replace(/^\uFEFF/, '').split('\r\n').filter(Boolean);
    expect(rows).toEqual(['Commune;Expulsions (au moins)', 'Calais;2']);

    // Forces (issue 10): one eviction per combination of corps; "police nationale sans CRS" narrows the whole page.
    const combinations = page.getByTestId('force-combinations');
    await expect(combinations.getByTestId('force-combination')).toHaveCount(2);
    await expect(combinations.getByRole('row', { name: /BAC et Police nationale/ })).toContainText('au moins 1');
    const forces = page.getByTestId('force-filter');
    await forces.getByLabel('Police nationale').selectOption('present');
    await forces.getByLabel('CRS').selectOption('absent');
    await expect(page).toHaveURL(/forcePresent=pn&forceAbsent=crs/);
    await expect(page.getByTestId('figure-evictions')).toContainText('au moins 1');
    await expect(page.getByTestId('drilldown')).toContainText('ST1 — Dunes Est');
    await expect(page.getByTestId('drilldown').locator('tbody tr')).toHaveCount(1);
    // The communes under that filter too (the place cells by force combination, migration 20m-01).
    const filtered = page.waitForEvent('download');
    await page.getByTestId('download-byCommune-csv').click();
    const filteredRows = readFileSync(await (await filtered).path(), 'utf8').replace(/^\uFEFF/, '').split('\r\n').filter(Boolean);
    expect(filteredRows).toEqual(['Commune;Expulsions (au moins)', 'Calais;1']);
    await forces.getByLabel('CRS').selectOption('any');
    await forces.getByLabel('Police nationale').selectOption('any');
    await expect(page.getByTestId('figure-evictions')).toContainText('au moins 2');

    // Drafts appear only when a verifier asks for them.
    await page.getByLabel('Inclure les brouillons (non vérifiés)').check();
    await expect(page.getByTestId('figure-evictions')).toContainText('au moins 3');

    // The record behind a figure shows the part under its whole, not as a separate item.
    await page.getByTestId('drilldown').getByRole('link').first().click();
    const facts = page.getByTestId('record-facts');
    await expect(facts.getByTestId('record-seized')).toContainText('Tentes : 7');
    await expect(facts.getByTestId('record-parts')).toHaveText('dont Tentes pleines d’affaires : 3');
    expect(errors).toEqual([]);
  });
});
