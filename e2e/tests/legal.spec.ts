import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { Api, invite, inviter, signIn, watchErrors } from '../journeys.js';

/**
 * The legal journey: a coordinator (who reviews evictions and holds legal.manage) opens a case
 * from a submitted eviction's review page, finds it linked to the eviction, and adds the
 * annulment-action deadline from its notification date: 31 December 2026 + 2 months falls on
 * Sunday 28 February 2027, so the deadline shown is Monday 1 March 2027, with the reason. A
 * fine contested too late shows "Échéance dépassée" rather than vanishing.
 *
 * Accounts: its own coordinator, invited through the foundation journey's administrator
 * (or after doing the set-up itself when run alone on a fresh server), like field.spec.ts.
 */
const COORDINATOR = { email: 'coordination-juridique@hro.example', password: 'phrase de passe du pôle juridique', name: 'Inès' };

let api: Api;
let evictionId = '';

test.describe.serial('legal', () => {
  test.beforeAll(async ({ baseURL }) => {
    test.setTimeout(90_000);
    const admin = await inviter(baseURL!);
    api = await invite(admin, baseURL!, COORDINATOR, 'coordinator');
    const ref = await api.get<{ areas: { id: string; code: string }[] }>('/api/field/reference');
    const areaId = ref.areas.find((a) => a.code === 'calaisis')!.id;
    const siteId = randomUUID();
    const opId = randomUUID();
    evictionId = randomUUID();
    const start = new Date(Date.now() - 2 * 86_400_000);
    start.setUTCHours(6, 0, 0, 0);
    const at = (min: number) => new Date(start.getTime() + min * 60_000).toISOString();
    const [, , saved] = await api.push([
      { commandId: randomUUID(), baseVersion: null, type: 'site.save', record: { id: siteId, code: 'J7', name: 'Dunes de la Turquerie', areaId, communeInsee: '62193' } },
      { commandId: randomUUID(), baseVersion: null, type: 'operation.save', record: { id: opId, areaId, startedAt: at(0), endedAt: at(90), observerIds: [] } },
      {
        commandId: randomUUID(), baseVersion: null, type: 'eviction.save',
        record: { id: evictionId, operationId: opId, siteId, arrivedAt: at(10), leftAt: at(50), counts: { personsEvicted: { n: 25, atLeast: true } }, legalBasisText: 'Arrêté préfectoral' },
      },
    ]);
    await api.push([{ commandId: randomUUID(), baseVersion: saved!.version, type: 'eviction.submit', record: { id: evictionId } }]);
  });

  test.afterAll(async () => { await api?.ctx.dispose(); });

  test('opens a case from an eviction, linked to it, and sees its deadline computed', async ({ page }) => {
    await signIn(page, COORDINATOR);
    const errors = watchErrors(page); // signed in: the 401 of the login page is behind us
    await page.goto(`/review/${evictionId}`);
    await page.getByTestId('open-legal-case').click();
    await expect(page).toHaveURL(/\/legal\/cases\/new\?evictionId=/);
    await page.getByTestId('case-title').fill('Recours contre l’arrêté d’expulsion J7');
    await page.getByLabel("Type d'action").selectOption({ label: 'Recours pour excès de pouvoir' });
    await page.getByTestId('case-court').fill('Tribunal administratif de Lille');
    await page.getByTestId('case-create').click();

    await expect(page).toHaveURL(/\/legal\/cases\/[0-9a-f-]{36}$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Recours contre l’arrêté d’expulsion J7');
    await expect(page.getByTestId('case-links')).toContainText('Expulsion : J7 — Dunes de la Turquerie');
    await expect(page.getByTestId('case-status')).toHaveText('En préparation');

    // Deadline from the rule: the notification date is asked for by name.
    await page.getByLabel('Règle').selectOption({ label: 'Recours pour excès de pouvoir : délai de recours' });
    await page.getByTestId('deadline-add').click();
    await expect(page.getByRole('alert')).toContainText('Notification ou publication de la décision');
    await page.getByTestId('deadline-trigger').fill('2026-12-31');
    await page.getByTestId('deadline-add').click();
    const deadline = page.getByTestId('deadline').first();
    await expect(deadline.getByTestId('deadline-date')).toHaveText('lundi 1 mars 2027');
    await expect(deadline).toContainText('Reportée au premier jour ouvrable (au lieu du 28 févr. 2027)');
    await expect(deadline.getByTestId('deadline-state')).toHaveText('À venir');

    // A fine notified long ago: saved, and flagged.
    await page.getByLabel('Règle').selectOption({ label: 'Contestation d\'une amende forfaitaire' });
    await page.getByTestId('deadline-trigger').fill('2025-01-02');
    await page.getByTestId('deadline-add').click();
    const past = page.getByTestId('deadline').first();
    await expect(past.getByTestId('deadline-state')).toHaveText('Échéance dépassée');
    await expect(past.getByTestId('deadline-date')).toHaveText('lundi 17 février 2025');

    // The eviction's page now lists the case; the cases list shows the next deadline.
    await page.goto(`/review/${evictionId}`);
    await expect(page.getByText('Dossiers liés à cette expulsion :')).toBeVisible();
    await page.goto('/legal');
    await expect(page.getByTestId('legal-case-list')).toContainText('Recours contre l’arrêté d’expulsion J7');
    // The one failed request is ours: the deadline asked for without its trigger date (422).
    expect(errors).toEqual([expect.stringContaining('status of 422')]);
  });
});
