import { randomUUID } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { invite, inviter, unlockPhone, type Api } from '../journeys.js';

/**
 * A coordinator's back-office journey: adds a value to a list (an item type) and finds it
 * offered at once in the capture app; then looks at the living sites on the map, which draws
 * its points with no tile server at all (the offline case), each point a link to its site.
 *
 * Accounts: like field.spec.ts, this file creates its own coordinator through the administrator
 * the foundation journey handed over (e2e/.state/<port>/admin.json), or does the set-up itself
 * when run alone on a fresh server. Its sites have their own codes (PT…), so it can share a
 * server with the field journey.
 */
const COORDINATOR = { email: 'listes@hro.example', password: 'phrase de passe de la coordinatrice', name: 'Inès' };
const CALAIS = '62193';

function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  // A Content-Security-Policy violation (an inline style, a foreign image) shows up here too.
  page.on('console', (m) => {
    // The 409 of the duplicate code this journey sends on purpose is the browser's own log line.
    if (m.type() === 'error' && !/status of 409/.test(m.text())) errors.push(`console: ${m.text()}`);
  });
  return errors;
}

async function signIn(page: Page, who: { email: string; password: string; name: string }) {
  await page.goto('/login');
  await page.getByLabel('Adresse e-mail').fill(who.email);
  await page.getByLabel('Mot de passe').fill(who.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  // Signed in: the header shows the user's menu (the home page's content belongs to the dashboard).
  await expect(page.getByRole('banner').getByText(who.name)).toBeVisible();
}

const SITES = [
  { code: 'PT1', name: 'Hangar du port', latitude: 50.9655, longitude: 1.8620 },
  { code: 'PT2', name: 'Dunes de Marck', latitude: 50.9700, longitude: 1.9420 },
  { code: 'PT3', name: 'Bois de Coquelles', latitude: 50.9300, longitude: 1.8000 },
  { code: 'PT4', name: 'Lieu sans position', latitude: null, longitude: null },
];

test.describe.serial('sites-admin', () => {
  let coordinator: Api;
  test.beforeAll(async ({ baseURL }) => {
    test.setTimeout(120_000); // may wait for a TOTP step nobody used yet
    const admin = await inviter(baseURL!);
    coordinator = await invite(admin, baseURL!, COORDINATOR, 'coordinator');
    await admin.ctx.dispose();
    const ref = await coordinator.get<{ areas: { id: string; code: string }[] }>('/api/field/reference');
    const areaId = ref.areas.find((a) => a.code === 'calaisis')!.id;
    const { body: pushed } = await coordinator.post<{ results: { status: string }[] }>('/api/sync/push', {
      commands: SITES.map((s) => ({ commandId: randomUUID(), baseVersion: null, type: 'site.save', record: { id: randomUUID(), areaId, communeInsee: CALAIS, ...s } })),
    });
    expect(pushed.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied', 'applied']);
  });
  test.afterAll(async () => {
    await coordinator?.ctx.dispose();
  });

  test('a coordinator adds an item type and the capture app offers it', async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'fr-FR', timezoneId: 'Europe/Paris', hasTouch: true });
    const page = await context.newPage();
    await signIn(page, COORDINATOR);
    const errors = watchErrors(page);

    await page.goto('/admin/taxonomies');
    await expect(page.getByRole('heading', { name: 'Listes et secteurs', level: 1 })).toBeVisible();
    await expect(page.getByLabel('Liste')).toHaveValue('item_type');
    const rows = page.getByTestId('term-row');
    await expect(rows.filter({ hasText: 'Tentes' }).first()).toBeVisible();

    // A mistake first: the English label forgotten, said in French next to the field.
    await page.getByTestId('term-new-fr').fill('Réchauds');
    await expect(page.getByTestId('term-new-code')).toHaveValue('rechauds');
    await page.getByTestId('term-new-submit').click();
    await expect(page.getByTestId('term-new').getByRole('alert')).toContainText('corrigez les champs signalés');
    await expect(page.getByTestId('term-new-en')).toHaveAttribute('aria-invalid', 'true');
    // An existing code is refused, not overwritten.
    await page.getByTestId('term-new-en').fill('Stoves');
    await page.getByTestId('term-new-code').fill('tent');
    await page.getByTestId('term-new-submit').click();
    await expect(page.getByTestId('term-new').getByRole('alert')).toContainText('Ce code existe déjà dans cette liste');
    await page.getByTestId('term-new-code').fill('rechauds');
    await page.getByTestId('term-new-submit').click();
    await expect(page.getByText('« Réchauds » ajoutée.')).toBeVisible();
    await expect(rows.filter({ hasText: 'Réchauds' })).toContainText('rechauds');

    // Renamed, and still active: the capture app shows the new label.
    await rows.filter({ hasText: 'Réchauds' }).getByTestId('term-edit-open').click();
    await page.getByTestId('term-edit-fr').fill('Réchauds à gaz');
    // This device's capture app is handed the new lists at once (other phones at their next refresh).
    const refreshed = page.waitForResponse((r) => r.url().endsWith('/api/field/reference') && r.ok());
    await page.getByTestId('term-edit-save').click();
    await expect(page.getByText('« Réchauds à gaz » enregistrée.')).toBeVisible();
    await refreshed;

    // In the capture app, on a new eviction at PT1: the new item type has its own stepper.
    await page.goto('/field');
    await unlockPhone(page);
    await expect(page.getByTestId('sync-bar')).toContainText('Tout est envoyé', { timeout: 20_000 });
    await page.getByTestId('start-operation').click();
    await expect(page).toHaveURL(/\/field\/operations\/[0-9a-f-]{36}$/);
    await page.getByTestId('add-eviction').click();
    await page.getByTestId('site-PT1').click();
    // Sections of the eviction form may be folded away: unfold "Affaires saisies" if so.
    await expect(page.getByTestId('count-personsEvicted-plus')).toBeVisible();
    const seized = page.locator('summary', { hasText: 'Affaires saisies' });
    const stepper = page.getByTestId('seized-rechauds');
    if (await seized.count()) await seized.click();
    await expect(stepper).toBeVisible();
    await expect(stepper).toContainText('Réchauds à gaz');
    await page.getByTestId('seized-rechauds-plus').click();
    await expect(page.getByTestId('seized-rechauds-value')).toHaveValue('1');
    expect(errors).toEqual([]);
    await context.close();
  });

  test('the sites map shows points without any tile server, each one a link to its site', async ({ browser, baseURL }) => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'fr-FR', timezoneId: 'Europe/Paris', hasTouch: true });
    const page = await context.newPage();
    await signIn(page, COORDINATOR);
    const errors = watchErrors(page);
    const outside: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(baseURL!)) outside.push(r.url());
    });

    await page.goto('/sites');
    await expect(page.getByTestId('sites-view-list')).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByTestId('site-row').filter({ hasText: 'PT1' })).toBeVisible();
    await page.getByTestId('sites-view-map').click();
    await expect(page).toHaveURL(/\/sites\?view=map$/);
    const map = page.getByTestId('sites-map');
    await expect(map.getByRole('group', { name: 'Carte des lieux de vie' })).toBeVisible();
    for (const code of ['PT1', 'PT2', 'PT3']) await expect(map.locator(`[data-testid="map-point"][data-code="${code}"]`)).toBeVisible();
    await expect(map.locator('[data-testid="map-point"][data-code="PT4"]')).toHaveCount(0);
    await expect(map.getByTestId('map-tile')).toHaveCount(0);
    // The text list for screen readers names every site, the one with no position too.
    await expect(map.getByTestId('map-list')).toContainText('PT4 — Lieu sans position');
    await expect(map.getByTestId('map-list')).toContainText('pas de position enregistrée');

    // Positions follow the coordinates: Marck (PT2) east of the port (PT1), Coquelles (PT3) west and south.
    const box = async (code: string) => (await map.locator(`[data-code="${code}"]`).boundingBox())!;
    const [p1, p2, p3] = [await box('PT1'), await box('PT2'), await box('PT3')];
    expect(p2.x).toBeGreaterThan(p1.x);
    expect(p3.x).toBeLessThan(p1.x);
    expect(p3.y).toBeGreaterThan(p1.y);
    const canvas = (await map.getByRole('group').boundingBox())!;
    for (const p of [p1, p2, p3]) {
      expect(p.x).toBeGreaterThanOrEqual(canvas.x - p.width);
      expect(p.x + p.width).toBeLessThanOrEqual(canvas.x + canvas.width + p.width);
    }

    // Keyboard: a point takes the focus and opens its site.
    const pt2 = map.locator('[data-code="PT2"]');
    await expect(pt2).toHaveAttribute('aria-label', /PT2 — Dunes de Marck, aucune expulsion ces 30 derniers jours/);
    await pt2.focus();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/sites\/[0-9a-f-]{36}$/);
    await expect(page.getByRole('heading', { name: 'PT2 — Dunes de Marck' })).toBeVisible();
    expect(outside).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
