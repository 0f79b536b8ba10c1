import { expect, test } from '@playwright/test';
import { invite, inviter, signIn, watchErrors } from '../journeys.js';

/**
 * The recruitment journey: the administrator gives a board member a second role (observer) on the
 * users screen's terms (through the API here, the screen is walked in foundation-like journeys),
 * then that person writes the seed posting in "Vie associative", publishes it, and opens its public
 * page, which carries the schema.org JobPosting and prints without its navigation.
 */
const BOARD = { email: 'bureau-recrutement@hro.example', password: 'phrase de passe du bureau', name: 'Camille' };

function inDays(days: number) {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date(Date.now() + days * 86_400_000));
}

test.describe.serial('recruitment', () => {
  test.beforeAll(async ({ baseURL }) => {
    const admin = await inviter(baseURL!);
    await invite(admin, baseURL!, BOARD, 'board');
    const { users } = await admin.get<{ users: { id: string; email: string }[] }>('/api/users');
    const id = users.find((u) => u.email === BOARD.email)!.id;
    const res = await admin.ctx.patch(`/api/users/${id}`, { data: { roles: ['board', 'observer'] }, headers: { 'x-csrf-token': admin.csrf } });
    expect(res.ok(), await res.text()).toBe(true);
    const settings = await admin.ctx.put('/api/statistics/public-settings', { data: { enabled: false, slug: 'hro-recrutement', threshold: 5 }, headers: { 'x-csrf-token': admin.csrf } });
    expect(settings.ok(), await settings.text()).toBe(true);
  });

  test('a board member who also observes publishes a posting with its JobPosting page', async ({ page }) => {
    await signIn(page, BOARD);
    const errors = watchErrors(page);
    await page.goto('/association');
    await page.getByTestId('association-postings').click();
    await page.getByTestId('posting-new').click();
    await page.getByTestId('posting-title').fill('Responsable communication et plaidoyer');
    await page.getByLabel("Type d'engagement").selectOption('employment');
    await page.getByTestId('posting-locality').fill('Calais');
    await page.getByLabel('Minimum').fill('60000');
    await page.getByLabel('Maximum').fill('40000');
    await page.getByLabel('Période').selectOption('year');
    await page.getByLabel('Avantages').fill('Panier repas pris en charge\nMutuelle et prévoyance à 60%');
    await page.getByLabel('Outils').fill('CANVA\nWordpress');
    await page.getByLabel('Description du poste').fill('Le **Littoral nord**, frontière avec le Royaume-Uni.');
    await page.getByLabel('Date de clôture des candidatures').fill(inDays(20));
    await page.getByTestId('posting-save').click();
    // Upside down: said plainly, nothing saved.
    await expect(page.getByText(/fourchette de rémunération est à l'envers/)).toBeVisible();
    await page.getByLabel('Minimum').fill('40000');
    await page.getByLabel('Maximum').fill('60000');
    await page.getByTestId('posting-save').click();
    await expect(page.getByText('Offre enregistrée.')).toBeVisible();
    await page.getByTestId('posting-publish').click();
    await expect(page.getByText('Offre publiée sur votre site public.')).toBeVisible();

    const href = await page.getByRole('link', { name: 'Voir la page publique' }).getAttribute('href');
    await page.goto(href!);
    await expect(page.getByRole('heading', { name: 'Responsable communication et plaidoyer' })).toBeVisible();
    const ld = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent())!);
    expect(ld).toMatchObject({ '@type': 'JobPosting', employmentType: ['FULL_TIME'], baseSalary: { value: { minValue: 40000, maxValue: 60000, unitText: 'YEAR' } } });
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByRole('link', { name: /Toutes les offres/ })).toBeHidden();
    // The one refused save (upside-down range) is the only failed request.
    expect(errors.filter((e) => !/status of 400/.test(e))).toEqual([]);
    expect(errors.filter((e) => /status of 400/.test(e))).toHaveLength(1);
  });
});
