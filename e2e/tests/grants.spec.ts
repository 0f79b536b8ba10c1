import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { invite, inviter, signIn, watchErrors } from '../journeys.js';

/**
 * The funder journey: the comms lead records a grant (funder typed in, one reporting period),
 * adds an indicator computed by Vigie (press releases sent), sees its actual computed, and
 * downloads the period's report as a spreadsheet and as a PDF.
 */
const COMMS = { email: 'communication-subventions@hro.example', password: 'phrase de passe des subventions', name: 'Awa' };
const GRANT = 'Observation 2026';

const parisDay = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());

test.describe.serial('grants', () => {
  test.beforeAll(async ({ baseURL }) => {
    const admin = await inviter(baseURL!);
    await (await invite(admin, baseURL!, COMMS, 'comms')).ctx.dispose();
  });

  test('a grant with a computed indicator and its report downloaded', async ({ page }) => {
    await signIn(page, COMMS);
    const errors = watchErrors(page);
    const year = parisDay().slice(0, 4);
    await page.goto('/communication');
    await page.getByTestId('grants-link').click();
    await page.getByTestId('grant-title').fill(GRANT);
    await page.getByTestId('grant-funder').fill('Fondation du Littoral');
    await page.getByTestId('grant-amount').fill('25000');
    await page.getByTestId('grant-from').fill(`${year}-01-01`);
    await page.getByTestId('grant-to').fill(`${year}-12-31`);
    await page.getByTestId('period-add').click();
    await page.getByTestId('period-label-0').fill('Année');
    await page.getByTestId('period-from-0').fill(`${year}-01-01`);
    await page.getByTestId('period-to-0').fill(`${year}-12-31`);
    await page.getByTestId('period-due-0').fill(`${year}-12-31`);
    await page.getByTestId('grant-save').click();
    await expect(page.getByRole('heading', { level: 1, name: GRANT })).toBeVisible();
    await expect(page.getByTestId('grant-funder-line')).toContainText('Fondation du Littoral');

    const form = page.getByTestId('indicator-new');
    await form.getByTestId('indicator-name').fill('Communiqués diffusés');
    await form.getByLabel('Source', { exact: true }).selectOption('press_releases_sent');
    await form.getByTestId('indicator-target').fill('6');
    await form.getByTestId('indicator-save').click();
    const row = page.getByTestId('indicator-row');
    await expect(row).toContainText('Communiqués diffusés');
    await expect(row.getByTestId('indicator-actual')).toContainText('calculé par Vigie');

    for (const [testId, extension] of [['grant-report-xlsx', 'xlsx'], ['grant-report-pdf', 'pdf']] as const) {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
      expect(download.suggestedFilename()).toBe(`observation-2026-annee-fr.${extension}`);
      const bytes = readFileSync((await download.path())!);
      expect(bytes.subarray(0, extension === 'pdf' ? 4 : 2).toString()).toBe(extension === 'pdf' ? '%PDF' : 'PK');
    }
    expect(errors).toEqual([]);
  });
});
