import { expect, test } from '@playwright/test';
import { Api, invite, inviter, signIn, watchErrors } from '../journeys.js';

/**
 * Members and dues from HelloAsso (issue 18): the treasurer drops the platform's payments export
 * (French headers, ';', decimal commas, dd/mm/yyyy), reads the dry run — dues for a new member, a
 * gift, a refunded payment refused with its reason — confirms, and finds the new member with
 * their dues in the register; the same file again has nothing left to import.
 */
const TREASURER = { email: 'tresorerie-import@hro.example', password: 'phrase de passe de la trésorerie', name: 'Yanis Trésorier' };
const EXPORT = [
  'Référence paiement;Date du paiement;Montant;Type;Statut;Moyen de paiement;Nom payeur;Prénom payeur;Email payeur;Adresse payeur;Code postal payeur;Ville payeur',
  '77001;02/03/2026 10:12;15,00;Adhésion;Validé;Carte bancaire;Delmas;Aurore;aurore@example.org;;;',
  '77002;03/03/2026;"1 000,00";Don;Validé;Carte bancaire;Ferrand;Basile;basile@example.org;8 rue Royale;62100;Calais',
  '77003;04/03/2026;30,00;Don;Remboursé;Carte bancaire;Roux;Cléa;clea@example.org;1 rue B;59000;Lille',
].join('\r\n');

let treasurerApi: Api;

test.describe.serial('payment-import', () => {
  test.beforeAll(async ({ baseURL }) => {
    const admin = await inviter(baseURL!);
    treasurerApi = await invite(admin, baseURL!, TREASURER, 'board');
  });
  test.afterAll(async () => { await treasurerApi?.ctx.dispose(); });

  test('a treasurer imports a HelloAsso export after reading its dry run', async ({ page }) => {
    await signIn(page, TREASURER);
    const errors = watchErrors(page);
    await page.goto('/association/members');
    const section = page.getByTestId('payment-import');
    await section.locator('summary').click();
    await page.getByTestId('payment-import-file').setInputFiles({ name: 'export-helloasso.csv', mimeType: 'text/csv', buffer: Buffer.from(`\ufeff${EXPORT}\r\n`) });
    await page.getByTestId('payment-import-dry-run').click();
    const report = page.getByTestId('payment-import-report');
    await expect(report).toContainText('3 ligne(s) : 1 cotisation(s) et 1 don(s)');
    await expect(report).toContainText('1 nouveau(x) membre(s)');
    await expect(page.getByTestId('payment-import-row').filter({ hasText: 'Aurore Delmas' })).toContainText('nouveau membre Aurore Delmas');
    await expect(page.getByTestId('payment-import-row').filter({ hasText: 'Cléa Roux' })).toContainText('seul un paiement validé est enregistré');
    await page.getByTestId('payment-import-commit').click();
    await expect(page.getByText('Import enregistré : 1 cotisation(s), 1 don(s), 1 nouveau(x) membre(s).')).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Aurore Delmas' })).toBeVisible();
    await expect(page.getByText(/2026 — membre individuel, 15,00\s€ payés le/)).toBeVisible();

    // The same export again: everything already imported, nothing to confirm.
    await page.getByTestId('payment-import-dry-run').click();
    await expect(report).toContainText('2 déjà importée(s)');
    await expect(page.getByTestId('payment-import-commit')).toHaveCount(0);
    expect(errors).toEqual([]);
  });
});
