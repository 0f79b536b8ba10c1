import { expect, test } from '@playwright/test';
import { invite, inviter, signIn, watchErrors } from '../journeys.js';

/**
 * The figure set of an area edited on screen (issue 10, d.6): a comms officer opens the
 * Calaisis list, sees the bulletin preview beside it, removes a line, adds a forces line and a
 * dated-findings line, saves, and finds the list as saved after a reload.
 */
const COMMS = { email: 'communication-chiffres@hro.example', password: 'phrase de passe des chiffres du bulletin', name: 'Lina' };

test('a comms officer edits the Calaisis figure set and sees the bulletin preview follow', async ({ page, baseURL }) => {
  test.setTimeout(60_000);
  const admin = await inviter(baseURL!);
  await (await invite(admin, baseURL!, COMMS, 'comms')).ctx.dispose();
  await signIn(page, COMMS);
  const errors = watchErrors(page);
  await page.goto('/communication/figure-sets');
  const lines = page.getByTestId('figure-set-line');
  const preview = page.getByTestId('bulletin-preview-fr');
  await expect(preview.getByRole('heading', { level: 2 }).first()).toContainText('Bulletin mensuel des observations des expulsions dans le Calaisis');
  const before = await lines.count();
  expect(before).toBeGreaterThan(3);
  // The preview month with nothing recorded: the list says so once rather than printing zeros.
  await page.getByTestId('figure-set-month').fill('2019-01');
  await expect(preview.getByTestId('bulletin-figures')).toContainText('n’a pas été observé en janvier 2019');
  await page.getByTestId('figure-set-remove-0').click();
  await expect(lines).toHaveCount(before - 1);
  // A figure listed twice is said beside the second line, before Save, which waits for a fix.
  await page.getByTestId('figure-set-add').click();
  await expect(lines).toHaveCount(before);
  const firstPlain = lines.filter({ has: page.getByLabel('Chiffre', { exact: true }) }).first();
  const firstMetric = await firstPlain.getByLabel('Chiffre', { exact: true }).inputValue();
  await lines.nth(before - 1).getByLabel('Chiffre', { exact: true }).selectOption(firstMetric);
  await expect(lines.nth(before - 1).getByTestId('figure-set-line-error')).toContainText('figure déjà plus haut');
  await expect(page.getByTestId('figure-set-save')).toBeDisabled();
  await page.getByTestId(`figure-set-remove-${before - 1}`).click();
  await expect(lines).toHaveCount(before - 1);
  await expect(page.getByTestId('figure-set-line-error')).toHaveCount(0);
    // A forces line made on screen: with no corps present it says why beside it and cannot be saved.
  await page.getByTestId('figure-set-add-forces').click();
  const forces = page.getByTestId(`figure-set-forces-${before - 1}`);
  await expect(forces.getByLabel('CRS')).toHaveValue('absent');
  await forces.getByLabel('Police nationale').selectOption('none');
  await forces.getByLabel('BAC').selectOption('none');
  await expect(forces.getByTestId('figure-set-line-error')).toContainText('au moins une force présente');
  await expect(page.getByTestId('figure-set-save')).toBeDisabled();
  await forces.getByLabel('Police nationale').selectOption('present');
  await expect(forces.getByTestId('figure-set-line-error')).toHaveCount(0);
  // A dated-findings line: the bulletin then dates this finding only.
  await page.getByTestId('figure-set-add-finding').click();
  await lines.nth(before).getByLabel('Constat daté').selectOption('noInterpreter');
  await page.getByTestId('figure-set-save').click();
  await expect(page.getByTestId('figure-set-saved')).toBeVisible();
  await page.reload();
  await expect(lines).toHaveCount(before + 1);
  await expect(lines.nth(before).getByLabel('Constat daté')).toHaveValue('noInterpreter');
  await expect(page.getByTestId(`figure-set-forces-${before - 1}`).getByLabel('Police nationale')).toHaveValue('present');
  expect(errors).toEqual([]);
});
