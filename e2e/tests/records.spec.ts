import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { Api, invite, inviter, signIn, watchErrors } from '../journeys.js';

/**
 * One record for every pole. Two phones edit the same eviction offline: the coordinator's
 * correction reaches the server first, the observer's edit is kept as a conflict; the
 * coordinator settles it field by field from the eviction's page. Then a legal user finds the
 * eviction with the case's picker (by site), links it, opens it from the case, and from there
 * the incident recorded during it (its own page, with its eviction and its history), opens a
 * second case from that incident and adds its victim as a party, picked by pseudonym.
 */
const COORDINATOR = { email: 'coordination-fiches@hro.example', password: 'phrase de passe des fiches', name: 'Maëlle' };
const OBSERVER = { email: 'observateur-fiches@hro.example', password: 'phrase de passe observateur', name: 'Noor' };
const LEGAL = { email: 'juriste-fiches@hro.example', password: 'phrase de passe juriste', name: 'Sacha' };

let coordinator: Api;
let observer: Api;
let legal: Api;
let evictionId = '';
let caseId = '';

test.describe.serial('records', () => {
  test.beforeAll(async ({ baseURL }) => {
    test.setTimeout(90_000);
    const admin = await inviter(baseURL!);
    coordinator = await invite(admin, baseURL!, COORDINATOR, 'coordinator');
    observer = await invite(admin, baseURL!, OBSERVER, 'observer');
    legal = await invite(admin, baseURL!, LEGAL, 'legal');
    const ref = await observer.get<{ areas: { id: string; code: string }[] }>('/api/field/reference');
    const areaId = ref.areas.find((a) => a.code === 'calaisis')!.id;
    const siteId = randomUUID();
    const opId = randomUUID();
    evictionId = randomUUID();
    const start = new Date(Date.now() - 3 * 86_400_000);
    start.setUTCHours(6, 0, 0, 0);
    const at = (min: number) => new Date(start.getTime() + min * 60_000).toISOString();
    const record = { id: evictionId, operationId: opId, siteId, arrivedAt: at(10), leftAt: at(50), counts: { personsEvicted: { n: 30, atLeast: true } }, legalBasisText: 'Flagrance' };
    await observer.push([
      { commandId: randomUUID(), baseVersion: null, type: 'site.save', record: { id: siteId, code: 'K9', name: 'Rue des Garennes', areaId, communeInsee: '62193' } },
      { commandId: randomUUID(), baseVersion: null, type: 'operation.save', record: { id: opId, areaId, startedAt: at(0), endedAt: at(90), observerIds: [] } },
      { commandId: randomUUID(), baseVersion: null, type: 'eviction.save', record },
      { commandId: randomUUID(), baseVersion: null, type: 'incident.save', record: { id: randomUUID(), evictionId, kind: 'violence', incidentType: 'baton', occurredAt: at(20), description: 'Coups aux jambes', victims: [{ id: randomUUID(), pseudonym: 'Karim G.', minor: false }] } },
    ]);
    // Both phones edited version 1 offline; the coordinator's reaches the server first.
    await coordinator.push([{ commandId: randomUUID(), baseVersion: 1, type: 'eviction.save', record: { ...record, legalBasisText: 'Flagrance (selon le commandant)' } }]);
    const { body } = await observer.post<{ results: { status: string }[] }>('/api/sync/push', {
      commands: [{ commandId: randomUUID(), baseVersion: 1, type: 'eviction.save', record: { ...record, counts: { personsEvicted: { n: 45, atLeast: true } } } }],
    });
    expect(body.results.map((r) => r.status)).toEqual(['conflict']);
    caseId = (await legal.post<{ case: { id: string } }>('/api/legal/cases', { title: 'Plainte Garennes', actionType: 'plainte' })).body.case.id;
  });

  test.afterAll(async () => { await Promise.all([coordinator, observer, legal].map((a) => a?.ctx.dispose())); });

  test('a coordinator settles the conflict field by field from the eviction page', async ({ page }) => {
    await signIn(page, COORDINATOR);
    const errors = watchErrors(page);
    await page.goto(`/evictions/${evictionId}`);
    await expect(page.getByTestId('record-conflicts')).toContainText('1 version en conflit à trancher');
    await page.getByTestId('resolve-conflicts').click();
    await expect(page).toHaveURL(new RegExp(`/evictions/${evictionId}/conflicts$`));
    const row = page.getByTestId('conflict-field').filter({ hasText: 'Personnes expulsées' });
    await expect(row).toContainText('au moins 30');
    await expect(row).toContainText('au moins 45');
    await row.getByTestId('take-proposed').check();
    await page.getByTestId('conflict-resolve').click();
    await expect(page.getByText('Conflit tranché : nouvelle version 3.')).toBeVisible();
    await expect(page.getByText(`Tranché par ${COORDINATOR.name}`)).toBeVisible();

    await page.goto(`/evictions/${evictionId}`);
    await expect(page.getByTestId('record-facts')).toContainText('au moins 45');
    await expect(page.getByTestId('record-facts')).toContainText('Flagrance (selon le commandant)');
    await expect(page.getByTestId('record-history')).toContainText(`Personnes expulsées : au moins 30 → au moins 45, par ${COORDINATOR.name}`);
    await expect(page.getByTestId('record-conflicts')).toHaveCount(0);
    expect(errors).toEqual([]);
  });

  test('a legal user links the eviction with the picker and opens it from the case', async ({ page }) => {
    await signIn(page, LEGAL);
    const errors = watchErrors(page);
    await page.goto(`/legal/cases/${caseId}`);
    await page.getByLabel('Lieu', { exact: true }).selectOption({ label: 'K9 — Rue des Garennes' });
    await page.getByTestId('picker-search').click();
    const result = page.getByTestId('picker-result');
    await expect(result).toHaveCount(1);
    await expect(result).toContainText('Rue des Garennes');
    await result.getByTestId('picker-link').click();
    await expect(page.getByTestId('case-links')).toContainText('K9');
    await page.getByTestId('case-link-eviction').click();
    await expect(page).toHaveURL(new RegExp(`/evictions/${evictionId}$`));
    await expect(page.getByRole('heading', { level: 1 })).toContainText('K9 — Rue des Garennes');
    await expect(page.getByTestId('record-cases')).toContainText('Plainte Garennes');

    // The incident recorded during it has its own page: what happened, the eviction, its history.
    await page.getByTestId('record-incident-link').click();
    await expect(page).toHaveURL(/\/incidents\/[0-9a-f-]{36}$/);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Coups de matraque');
    await expect(page.getByTestId('incident-facts')).toContainText('Coups aux jambes');
    await expect(page.getByTestId('incident-eviction')).toContainText('K9 — Rue des Garennes');
    await expect(page.getByTestId('incident-history')).toContainText(`Incident enregistré, par ${OBSERVER.name}`);

    // A case opened from the incident comes linked to it and to its eviction; its victim is picked by pseudonym.
    await page.getByTestId('incident-open-case').click();
    await page.getByTestId('case-title').fill('Plainte coups de matraque');
    await page.getByTestId('case-create').click();
    await expect(page.getByTestId('case-link-incident')).toBeVisible();
    await expect(page.getByTestId('case-link-eviction')).toContainText('K9');
    const parties = page.locator('section[aria-labelledby="case-parties-title"]');
    await parties.getByLabel('Type', { exact: true }).selectOption({ label: 'Personne (pseudonyme)' });
    await page.getByTestId('party-person-search').fill('kari');
    const found = page.getByTestId('party-person-result');
    await expect(found).toHaveCount(1);
    await expect(found).toContainText('K9 — Rue des Garennes');
    await found.getByTestId('party-person-pick').click();
    await page.getByTestId('party-add').click();
    await expect(page.getByTestId('case-parties')).toContainText('Karim G.');
    expect(errors).toEqual([]);
  });
});
