import { expect, test } from '@playwright/test';
import { invite, inviter, signIn, watchErrors } from '../journeys.js';

/**
 * The contacts import journey: the comms lead chooses a CSV, the dry run shows every row (a bad
 * address to fix, a person twice in the file) and nothing is saved; the fixed file is imported
 * and the new contacts appear in the search, a person once; one is edited, and an address is put
 * on the suppression list by hand.
 */
const COMMS = { email: 'communication-import@hro.example', password: 'phrase de passe des contacts', name: 'Nadia' };
const csv = (rows: string[]) => Buffer.from(rows.join('\r\n'), 'utf8');

test('a CSV of contacts: dry run with a per-row report, imported, found and edited; an address suppressed by hand', async ({ page, baseURL }) => {
  const admin = await inviter(baseURL!);
  await (await invite(admin, baseURL!, COMMS, 'comms')).ctx.dispose();
  await signIn(page, COMMS);
  const errors = watchErrors(page);
  await page.goto('/communication/contacts');

  const header = 'Nom;E-mail;Organisation;Rôles';
  await page.getByTestId('contacts-import-file').setInputFiles({
    name: 'presse.csv', mimeType: 'text/csv',
    buffer: csv([header, 'Margaux Import;margaux@nordlittoral.example;Nord Littoral;journaliste', 'Théo Import;theo@@radio;;', 'Margaux encore;MARGAUX@nordlittoral.example;;']),
  });
  await page.getByTestId('contacts-import-dry-run').click();
  const report = page.getByTestId('contacts-import-report');
  await expect(report).toContainText('« theo@@radio » n\'est pas une adresse e-mail valide');
  await expect(report).toContainText('même personne que la ligne 2');
  await expect(page.getByTestId('contacts-import-commit')).toHaveCount(0);

  await page.getByTestId('contacts-import-file').setInputFiles({
    name: 'presse.csv', mimeType: 'text/csv',
    buffer: csv([header, 'Margaux Import;margaux@nordlittoral.example;Nord Littoral;journaliste', 'Théo Import;theo@radio.example;;', 'Margaux encore;MARGAUX@nordlittoral.example;;']),
  });
  await page.getByTestId('contacts-import-dry-run').click();
  await expect(report).toContainText('2 nouveau(x)');
  await page.getByTestId('contacts-import-commit').click();
  await expect(page.getByText('Import terminé : 2 contact(s) créé(s)')).toBeVisible();

  await page.getByTestId('contacts-q').fill('Import');
  await expect(page.getByTestId('contact-row')).toHaveCount(2);
  await page.getByTestId('contact-row').filter({ hasText: 'Margaux Import' }).click();
  await expect(page.getByTestId('contact-card')).toContainText('Nord Littoral');

  // The contact page edits every field; the mail screen takes an address off the lists by hand, with why.
  await page.getByTestId('contact-edit-open').click();
  await page.getByLabel('Rubrique (journalistes)').fill('migrations, littoral');
  await page.getByTestId('contact-edit-save').click();
  await expect(page.getByTestId('contact-card')).toContainText('migrations, littoral');
  await page.goto('/communication/mail');
  await page.getByTestId('suppression-address').fill('theo@radio.example');
  await page.getByTestId('suppression-note').fill('Demandé par téléphone');
  await page.getByTestId('suppression-add').click();
  await expect(page.getByTestId('suppression-list')).toContainText('theo@radio.example — ajout à la main');
  expect(errors).toEqual([]);
});
