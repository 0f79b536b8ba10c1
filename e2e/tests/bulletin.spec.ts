import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { Api, invite, inviter, signIn, watchErrors } from '../journeys.js';

/**
 * The comms pole's monthly bulletin in the browser: verified evictions of March 2025 exist; a
 * comms officer generates the Calaisis bulletin from the communication page, downloads its PDF
 * (its text, extracted with pdftotext, holds the month's figures and dated facts), then
 * publishes it after confirming, and downloads the frozen PDF.
 *
 * Accounts: invited through the administrator the foundation journey handed over (see
 * playwright.config.ts), or by doing the set-up itself when run alone on a fresh server.
 */
const COMMS = { email: 'communication@hro.example', password: 'phrase de passe de la chargée de com', name: 'Inès' };
const COORDINATOR = { email: 'coordination-bulletin@hro.example', password: 'phrase de passe de la coordinatrice', name: 'Maud' };
const CALAIS = '62193';

let coordinatorApi: Api;
const tmp = mkdtempSync(join(tmpdir(), 'vigie-e2e-bulletin-'));

test.describe.serial('bulletin', () => {
  test.beforeAll(async ({ baseURL }) => {
    test.setTimeout(90_000);
    const admin = await inviter(baseURL!);
    coordinatorApi = await invite(admin, baseURL!, COORDINATOR, 'coordinator');
    await (await invite(admin, baseURL!, COMMS, 'comms')).ctx.dispose();

    // March 2025 in the Calaisis: two verified evictions on the 5th and the 12th, tents shaken both days.
    const ref = await coordinatorApi.get<{ areas: { id: string; code: string }[] }>('/api/field/reference');
    const areaId = ref.areas.find((a) => a.code === 'calaisis')!.id;
    const siteA = randomUUID();
    const siteB = randomUUID();
    const day = (d: number, h: number, m = 0) => `2025-03-${String(d).padStart(2, '0')}T${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:00Z`;
    const op5 = randomUUID();
    const op12 = randomUUID();
    const ev = [randomUUID(), randomUUID()];
    const saved = await coordinatorApi.push([
      { commandId: randomUUID(), baseVersion: null, type: 'site.save', record: { id: siteA, code: 'BUL-A', name: 'Dunes', areaId, communeInsee: CALAIS } },
      { commandId: randomUUID(), baseVersion: null, type: 'site.save', record: { id: siteB, code: 'BUL-B', name: 'Zone industrielle', areaId, communeInsee: CALAIS } },
      { commandId: randomUUID(), baseVersion: null, type: 'operation.save', record: { id: op5, areaId, startedAt: day(5, 5, 30) } },
      { commandId: randomUUID(), baseVersion: null, type: 'operation.save', record: { id: op12, areaId, startedAt: day(12, 5, 30) } },
      {
        commandId: randomUUID(), baseVersion: null, type: 'eviction.save',
        record: {
          id: ev[0], operationId: op5, siteId: siteA, arrivedAt: day(5, 6), leftAt: day(5, 7),
          counts: { personsEvicted: { n: 35, atLeast: true }, arrests: { n: 2, atLeast: false }, arrestsWithViolence: { n: 1, atLeast: false } },
          seized: [{ term: 'tent', n: 9, atLeast: true }, { term: 'blanket', n: 14, atLeast: true }],
        },
      },
      {
        commandId: randomUUID(), baseVersion: null, type: 'eviction.save',
        record: { id: ev[1], operationId: op12, siteId: siteB, arrivedAt: day(12, 6), leftAt: day(12, 6, 40), seized: [{ term: 'tent', n: 4, atLeast: true }] },
      },
      { commandId: randomUUID(), baseVersion: null, type: 'incident.save', record: { id: randomUUID(), evictionId: ev[0], kind: 'violence', incidentType: 'shaking_tents', occurredAt: day(5, 6, 20) } },
      { commandId: randomUUID(), baseVersion: null, type: 'incident.save', record: { id: randomUUID(), evictionId: ev[1], kind: 'violence', incidentType: 'shaking_tents', occurredAt: day(12, 6, 10) } },
    ]);
    const submitted = await coordinatorApi.push(ev.map((id, i) => ({ commandId: randomUUID(), baseVersion: saved[4 + i]!.version, type: 'eviction.submit', record: { id } })));
    for (const [i, id] of ev.entries()) await coordinatorApi.post(`/api/evictions/${id}/verify`, { version: submitted[i]!.version });
  });

  test.afterAll(async () => {
    await coordinatorApi?.ctx.dispose();
    rmSync(tmp, { recursive: true, force: true });
  });

  test('a comms officer generates the month’s bulletin, downloads its PDF with the figures, and publishes it', async ({ page }) => {
    await signIn(page, COMMS);
    const errors = watchErrors(page);
    await page.getByRole('link', { name: 'Communication' }).first().click();
    await expect(page.getByRole('heading', { name: 'Bulletins mensuels' })).toBeVisible();
    await page.getByLabel('Secteur').selectOption({ label: 'Calaisis' });
    await page.getByTestId('bulletin-month').fill('2025-03');
    await page.getByTestId('bulletin-generate').click();

    await expect(page.getByRole('heading', { level: 1, name: 'Calaisis — mars 2025' })).toBeVisible();
    const figures = page.getByTestId('bulletin-preview-fr').getByTestId('bulletin-figures');
    await expect(figures).toContainText('Au moins 2 expulsions d’au moins 2 lieux de vie distincts');
    await expect(figures).toContainText('Au moins 13 tentes saisies');

    const pdfText = async (testId: string) => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
      expect(download.suggestedFilename()).toBe(`bulletin-calaisis-2025-03-${testId.endsWith('en') ? 'en' : 'fr'}.pdf`);
      const file = join(tmp, `${randomUUID()}.pdf`);
      await download.saveAs(file);
      return execFileSync('/usr/bin/pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    };
    const fr = await pdfText('bulletin-download-pdf-fr');
    for (const expected of [
      'Bulletin mensuel des observations des expulsions dans le Calaisis — mars 2025',
      'Au moins 2 expulsions', 'Au moins 13 tentes saisies', 'Au moins 2 interpellations, dont au moins 1 avec violence', 'Au moins 14 couvertures saisies',
      'Les 5 et 12 mars, des tentes ont été secouées',
    ]) expect(fr).toContain(expected);
    const en = await pdfText('bulletin-download-pdf-en');
    expect(en).toContain('At least 13 tents seized');
    expect(en).toContain('On 5 and 12 March, tents were shaken');

    // The context paragraph a person writes goes into the bulletin, then publication freezes it.
    await page.getByTestId('bulletin-context-fr').fill('Deux expulsions en plein hiver, malgré la trêve hivernale des associations.');
    await page.getByTestId('bulletin-save').click();
    await expect(page.getByRole('status').filter({ hasText: 'Bulletin enregistré.' })).toBeVisible();
    await page.getByTestId('bulletin-publish').click();
    // Before publishing, a checklist says what is missing (here the English context and the
    // low coverage of a fixture month); publishing anyway is the person's choice.
    await expect(page.getByRole('alertdialog')).toContainText('Il manque le contexte en anglais.');
    await expect(page.getByRole('alertdialog')).toContainText('Une fois publié, le bulletin ne change plus.');
    await page.getByTestId('publish-confirm').click();
    await expect(page.getByTestId('bulletin-status')).toHaveText('Publié');
    await expect(page.getByTestId('bulletin-differences')).toContainText('Aucune différence');
    const published = await pdfText('bulletin-download-pdf-fr');
    expect(published).toContain('Deux expulsions en plein hiver');
    expect(published).toContain('Publié le');
    expect(errors).toEqual([]);
  });
});
