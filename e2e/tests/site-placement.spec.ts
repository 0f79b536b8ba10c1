import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { Api, invite, inviter, signIn, watchErrors } from '../journeys.js';

/**
 * A coordinator places a site that had no position by tapping the map on its page, and finds
 * it on the dashboard's map. Its own coordinator and sites (codes PL…) and its own month
 * (March 2025), so it can share a server with the other journeys.
 */
const COORDINATOR = { email: 'placement@hro.example', password: 'phrase de passe du placement', name: 'Yara' };
const CALAIS = '62193';

test.describe.serial('site-placement', () => {
  let coordinator: Api;
  const [placed, unplaced, op, eviction] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
  test.beforeAll(async ({ baseURL }) => {
    test.setTimeout(90_000); // may wait for a TOTP step nobody used yet
    const admin = await inviter(baseURL!);
    coordinator = await invite(admin, baseURL!, COORDINATOR, 'coordinator');
    await admin.ctx.dispose();
    const ref = await coordinator.get<{ areas: { id: string; code: string }[] }>('/api/field/reference');
    const areaId = ref.areas.find((a) => a.code === 'calaisis')!.id;
    const saved = await coordinator.push([
      { commandId: randomUUID(), baseVersion: null, type: 'site.save', record: { id: placed, code: 'PL1', name: 'Pont de la rocade', areaId, communeInsee: CALAIS, latitude: 50.9655, longitude: 1.862 } },
      { commandId: randomUUID(), baseVersion: null, type: 'site.save', record: { id: unplaced, code: 'PL2', name: 'Friche des Dunes', areaId, communeInsee: CALAIS } },
      { commandId: randomUUID(), baseVersion: null, type: 'operation.save', record: { id: op, areaId, startedAt: '2025-03-12T05:30:00Z', observerIds: [] } },
      { commandId: randomUUID(), baseVersion: null, type: 'eviction.save', record: { id: eviction, operationId: op, siteId: unplaced, arrivedAt: '2025-03-12T06:00:00Z', counts: { personsEvicted: { n: 14, atLeast: false } } } },
      { commandId: randomUUID(), baseVersion: null, type: 'eviction.submit', record: { id: eviction } },
    ]);
    await coordinator.post(`/api/evictions/${eviction}/verify`, { version: saved[4]!.version });
  });
  test.afterAll(async () => { await coordinator?.ctx.dispose(); });

  test('a site is placed on the map and appears on the dashboard map', async ({ page }) => {
    await signIn(page, COORDINATOR);
    const errors = watchErrors(page);
    await page.goto('/?from=2025-03-01&to=2025-03-31&areaCode=calaisis');
    // No position yet: the dashboard names the site in its list, with no point.
    const dashboardMap = page.getByTestId('dashboard-map');
    await expect(dashboardMap.getByTestId('map-list')).toContainText('PL2 — Friche des Dunes');
    await expect(dashboardMap.locator('[data-testid="map-point"][data-code="PL2"]')).toHaveCount(0);

    await page.goto(`/sites/${unplaced}`);
    await expect(page.getByRole('heading', { name: 'PL2 — Friche des Dunes' })).toBeVisible();
    await expect(page.getByTestId('site-edit-latitude')).toHaveValue('');
    // A tap a little right of the map's centre, where the rocade bridge (PL1) is drawn: a few hundred metres east of it.
    const canvas = page.getByTestId('place-map-canvas');
    const box = (await canvas.boundingBox())!;
    await canvas.click({ position: { x: box.width * 0.6, y: box.height * 0.5 } });
    await expect(page.getByTestId('place-map-pin')).toBeVisible();
    // Where exactly depends on the sites other journeys placed (the map centres on them): near Calais.
    await expect(page.getByTestId('site-edit-latitude')).toHaveValue(/^\d+,\d+$/);
    const near = async (id: string, value: number) => {
      const typed = Number((await page.getByTestId(id).inputValue()).replace(',', '.'));
      expect(Math.abs(typed - value), `${id} = ${typed}`).toBeLessThan(0.1);
    };
    await near('site-edit-latitude', 50.95);
    await near('site-edit-longitude', 1.86);
    await expect(page.getByTestId('site-edit-warning')).toHaveCount(0);
    // Typed far away instead (decimal comma): warned, not refused.
    await page.getByTestId('site-edit-latitude').fill('43,30');
    await expect(page.getByTestId('site-edit-warning')).toContainText('loin des autres lieux');
    await canvas.click({ position: { x: box.width * 0.6, y: box.height * 0.5 } });
    await expect(page.getByTestId('site-edit-warning')).toHaveCount(0);
    const placedAt = await page.getByTestId('site-edit-latitude').inputValue();
    await page.getByTestId('site-edit-save').click();
    await expect(page.getByTestId('site-done')).toContainText('Lieu enregistré.');
    await expect(page.getByTestId('site-history')).toContainText(`Latitude : non renseigné → ${placedAt.slice(0, 5)}`);

    await page.goto('/?from=2025-03-01&to=2025-03-31&areaCode=calaisis');
    await expect(dashboardMap.locator('[data-testid="map-point"][data-code="PL2"]')).toBeVisible();
    expect(errors).toEqual([]);
  });
});
