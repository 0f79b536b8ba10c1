import { expect, test } from '@playwright/test';
import { unzipSync } from 'fflate';
import { invite, inviter, signIn, watchErrors } from '../journeys.js';

/**
 * The data-sharing desk: a comms officer saves an anonymisation profile and an agreement with a
 * researcher, prepares a (here empty) dataset, gets a link for the recipient, and the link gives
 * the signed ZIP. A researcher, signed in, sees aggregates only: no list of evictions one by one.
 */
const COMMS = { email: 'partage-recherche@hro.example', password: 'phrase de passe du pôle communication', name: 'Lou' };
const RESEARCHER = { email: 'chercheuse@univ.example', password: 'phrase de passe de la chercheuse', name: 'Camille' };

test.describe.serial('research', () => {
  test.beforeAll(async ({ baseURL }) => {
    test.setTimeout(60_000);
    const admin = await inviter(baseURL!);
    await (await invite(admin, baseURL!, COMMS, 'comms')).ctx.dispose();
    await (await invite(admin, baseURL!, RESEARCHER, 'researcher')).ctx.dispose();
    await admin.ctx.dispose();
  });

  test('prepares a dataset under an agreement and shares it by link', async ({ page }) => {
    await signIn(page, COMMS);
    const errors = watchErrors(page);
    await page.goto('/communication');
    await page.getByTestId('research-link').click();
    await expect(page.getByRole('heading', { name: 'Partage de données avec la recherche' })).toBeVisible();

    await page.getByText("Nouveau profil d'anonymisation").click();
    await page.getByTestId('profile-name').fill('Communes par mois');
    await page.getByRole('button', { name: 'Enregistrer le profil' }).click();

    await page.getByTestId('recipient-name').fill('Dr Camille Martin');
    await page.getByTestId('recipient-email').fill('camille.martin@univ.example');
    await page.getByTestId('institution').fill('Université de Lille');
    await page.getByTestId('purpose').fill('Thèse sur les expulsions à la frontière');
    await page.getByTestId('starts-on').fill('2026-01-01');
    await page.getByTestId('ends-on').fill('2027-12-31');
    await page.getByRole('button', { name: "Enregistrer l'accord" }).click();

    const card = page.getByTestId('agreement').filter({ hasText: 'Dr Camille Martin' });
    await expect(card).toContainText('En cours');
    await card.getByTestId('release-from').fill('2024-06-01');
    await card.getByTestId('release-to').fill('2024-06-30');
    await card.getByRole('button', { name: 'Préparer un jeu de données' }).click();
    await expect(card.getByTestId('release')).toHaveAttribute('data-status', 'done', { timeout: 20_000 });
    await card.getByRole('button', { name: /Créer un lien/ }).click();
    const url = await card.getByTestId('release-link').inputValue();
    const res = await page.request.get(new URL(url).pathname);
    expect(res.status()).toBe(200);
    const entries = unzipSync(new Uint8Array(await res.body()));
    expect(Object.keys(entries)).toEqual(expect.arrayContaining(['data.csv', 'datapackage.json', 'manifest.sig', 'README.md']));
    expect(errors).toEqual([]);
  });

  test('shows a researcher aggregates only', async ({ page }) => {
    await signIn(page, RESEARCHER);
    await expect(page.getByTestId('aggregates-only')).toContainText('chiffres agrégés seulement');
  });
});
