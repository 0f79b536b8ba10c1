import { expect, test } from '@playwright/test';
import { invite, inviter, signIn, watchErrors } from '../journeys.js';

/**
 * A testimony taken on a phone: the account in the staff member's language, then the consent
 * screen handed to the person in Arabic — right to left — with a yes/no per purpose, saved with
 * its consents; the code card shows the withdrawal code once, and the person withdraws with it
 * on the public page, without an account; the quote put in a draft bulletin (only through the
 * picker of quotable excerpts) leaves it at once.
 */
const COORDINATOR = { email: 'coordination-temoignages@hro.example', password: 'phrase de passe des témoignages', name: 'Yasmine' };

test('a testimony in Arabic: consent screen right to left, saved with its consents, code card, quoted in a draft bulletin, withdrawal by code', async ({ page, browser, baseURL }) => {
  test.setTimeout(60_000);
  const admin = await inviter(baseURL!);
  const api = await invite(admin, baseURL!, COORDINATOR, 'coordinator');
  await admin.ctx.dispose();

  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, COORDINATOR);
  const errors = watchErrors(page);
  await page.goto('/testimonies/new');
  await page.getByTestId('testimony-pseudonym').fill('Abdallah (Soudan)');
  await page.getByTestId('testimony-language').selectOption('ar');
  await page.getByTestId('testimony-account').fill('La police a pris nos tentes et nos couvertures à 6 h du matin.');
  await page.getByTestId('testimony-quote').fill('Ils ont pris nos couvertures.');
  await page.getByTestId('to-consent').click();

  const text = page.getByTestId('consent-text-ar');
  await expect(text).toHaveAttribute('dir', 'rtl');
  await expect(text).toHaveAttribute('lang', 'ar');
  await expect(text.getByRole('heading')).toHaveText('شهادتك: ما الذي توافق عليه');
  // The Arabic text was not written by a professional translator: the screen says so.
  await expect(page.getByTestId('consent-screen')).toContainText("n'a pas encore été relu par un traducteur professionnel");
  for (const [purpose, answer] of [['kept', 'yes'], ['quoted', 'yes'], ['statistics', 'yes'], ['court', 'no'], ['partners', 'no']]) {
    await page.getByTestId(`consent-${purpose}-${answer}`).check();
  }
  await page.getByTestId('save-testimony').click();

  const code = await page.getByTestId('withdrawal-code').textContent();
  expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  await page.getByTestId('card-done').click();
  await expect(page.getByTestId('testimony-status')).toContainText('consentement recueilli');
  await expect(page.getByTestId('testimony-consents')).toContainText('Utilisé en justice : non');

  const testimonyUrl = page.url();

  // Agreed to be quoted: the bulletin editor's picker offers the excerpt, and the preview quotes it.
  const { areas } = await api.get<{ areas: Array<{ id: string }> }>('/api/bulletins');
  const bulletinId = (await api.post<{ bulletin: { id: string } }>('/api/bulletins', { areaId: areas[0]!.id, month: '2024-03' })).body.bulletin.id;
  await page.goto(`/communication/bulletins/${bulletinId}`);
  const picker = page.getByLabel('Extrait à citer');
  const value = await picker.locator('option', { hasText: 'Ils ont pris nos couvertures.' }).getAttribute('value');
  await picker.selectOption(value!);
  await page.getByTestId('bulletin-quote-insert').click();
  await expect(page.getByTestId('bulletin-testimony-quotes')).toContainText('Ils ont pris nos couvertures.');
  await expect(page.getByTestId('bulletin-preview-fr')).toContainText('Ils ont pris nos couvertures.');

  // The person, on their own phone, withdraws with the code on the card.
  const person = await browser.newPage();
  await person.goto(`${baseURL}/withdraw-testimony`);
  await person.getByTestId('withdraw-code').fill(code!.toLowerCase());
  await person.getByTestId('withdraw-submit').click();
  await expect(person.getByRole('status')).toContainText('Le consentement est retiré');
  await person.close();

  // The draft bulletin no longer quotes them: the text is gone, the editor says to remove the quote.
  await page.reload();
  await expect(page.getByTestId('bulletin-quote-withdrawn')).toBeVisible();
  await expect(page.getByTestId('bulletin-testimony-quotes')).not.toContainText('Ils ont pris');
  await expect(page.getByTestId('bulletin-preview-fr')).not.toContainText('Ils ont pris');

  await page.goto(testimonyUrl);
  await expect(page.getByTestId('testimony-status')).toContainText('retiré par la personne');
  await api.ctx.dispose();
  expect(errors).toEqual([]);
});
