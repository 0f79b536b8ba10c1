import { expect, test } from '@playwright/test';
import { Api, invite, inviter, signIn, watchErrors } from '../journeys.js';

/**
 * An intern is onboarded from a checklist (issue 18): a coordinator records the internship
 * (school, tutor, dates), files the signed convention and starts it; on a phone, opens the
 * intern's arrival, starts the checklist from the templates of the intern's role (the default
 * one and a volunteers' one written on the templates screen), each task with its due day counted
 * from the internship's start and its assignee, and ticks what is done; the intern
 * then stands in the interns' part of the staff register, which prints on its own.
 */
const pw = 'phrase de passe de l’accueil';
const COORDINATOR = { email: 'accueil-coordination@hro.example', password: pw, name: 'Sacha Accueil' };
const INTERN = { email: 'accueil-stagiaire@hro.example', password: pw, name: 'Inès Stagiaire' };

/** A day from today, in Paris, as a date field takes it. */
function inDays(days: number) {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date(Date.now() + days * 86_400_000));
}
/** A minimal real PDF (the convention as scanned), enough for the content check. */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

let coordinatorApi: Api;

test.describe.serial('onboarding', () => {
  test.beforeAll(async ({ baseURL }) => {
    test.setTimeout(90_000);
    const admin = await inviter(baseURL!);
    coordinatorApi = await invite(admin, baseURL!, COORDINATOR, 'coordinator');
    await (await invite(admin, baseURL!, INTERN, 'volunteer')).ctx.dispose();
  });
  test.afterAll(async () => { await coordinatorApi?.ctx.dispose(); });

  test('a coordinator records the intern’s agreement and starts the internship', async ({ page }) => {
    await signIn(page, COORDINATOR);
    const errors = watchErrors(page);
    await page.goto('/association');
    await page.getByTestId('association-internships').click();
    await page.getByLabel('Stagiaire', { exact: true }).selectOption({ label: INTERN.name });
    await page.getByLabel('École ou université').fill('Sciences Po Lille');
    await page.getByLabel('Tuteur ou tutrice').selectOption({ label: COORDINATOR.name });
    // Six weeks full time: within two months, no gratification due.
    await page.getByLabel('Début', { exact: true }).fill(inDays(7));
    await page.getByLabel('Fin', { exact: true }).fill(inDays(48));
    await page.getByTestId('internship-record').click();
    const card = page.getByTestId('internship').filter({ hasText: INTERN.name });
    await expect(card).toContainText('Sciences Po Lille');
    await expect(card.getByTestId('internship-gratification')).toContainText('non obligatoire');
    await expect(card).toContainText('Convention signée pas encore déposée.');
    await card.getByLabel('Déposer la convention signée').setInputFiles({ name: 'convention-ines.pdf', mimeType: 'application/pdf', buffer: PDF });
    await expect(card).toContainText('Convention signée déposée : convention-ines.pdf');
    await card.getByRole('button', { name: 'Commencer le stage' }).click();
    await expect(card).toContainText('Stage commencé');
    expect(errors).toEqual([]);
  });

  test('on a phone, a coordinator writes a volunteers’ arrival template: a task a week after arrival, for a coordinator', async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'fr-FR', timezoneId: 'Europe/Paris', hasTouch: true });
    const page = await context.newPage();
    await signIn(page, COORDINATOR);
    const errors = watchErrors(page);
    await page.goto('/association/people');
    await page.getByTestId('checklist-templates-link').click();
    await expect(page.getByRole('region', { name: 'Arrivée' }).getByTestId('checklist-template')).toContainText(['Arrivée (tous les rôles)']);
    await page.getByTestId('template-new-onboarding').click();
    await page.getByTestId('template-name').fill('Bénévoles et stagiaires');
    await page.getByLabel('Pour le rôle').selectOption({ label: 'Bénévole' });
    await page.getByTestId('template-task-label-0').fill('Première observation en binôme');
    await page.getByTestId('template-task-day-0').fill('400');
    await page.getByTestId('template-save').click();
    // Beyond a year: said, and nothing saved.
    await expect(page.getByRole('alert')).toContainText('au plus 365 jours');
    await page.getByTestId('template-task-day-0').fill('7');
    await page.getByLabel('Confiée à (rôle)').selectOption({ label: 'Coordinateur·rice' });
    await page.getByTestId('template-save').click();
    await expect(page.getByRole('status')).toContainText('Modèle enregistré.');
    await expect(page.getByRole('region', { name: 'Arrivée' }).getByTestId('checklist-template').filter({ hasText: 'Bénévoles et stagiaires' })).toContainText('1 tâche');
    // The one refusal above (400) is the only thing the console reports.
    expect(errors.filter((e) => !e.includes('status of 400'))).toEqual([]);
    await context.close();
  });

  test('on a phone, the arrival checklist is started from its templates and ticked', async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'fr-FR', timezoneId: 'Europe/Paris', hasTouch: true });
    const page = await context.newPage();
    await signIn(page, COORDINATOR);
    const errors = watchErrors(page);
    await page.goto('/association');
    await page.getByTestId('association-people').click();
    await page.getByRole('link', { name: INTERN.name }).click();
    await expect(page.getByText('Aucune liste commencée.')).toBeVisible();
    await page.getByTestId('checklist-start-onboarding').click();
    const arrival = page.getByRole('region', { name: 'Arrivée' });
    for (const item of ['Compte créé et remis', 'Charte signée', 'Clés prêtées (formulaire signé)', 'Matériel prêté (téléphone, etc.)', 'Formation faite']) {
      await expect(arrival.getByLabel(item)).not.toBeChecked();
    }
    // The volunteers' task comes after the default ones, due a week after the internship's start, for a coordinator.
    const pair = arrival.getByTestId('checklist-item').filter({ hasText: 'Première observation en binôme' });
    await expect(pair.getByLabel('Première observation en binôme')).not.toBeChecked();
    await expect(pair.getByTestId('checklist-item-due')).toContainText('À faire le');
    await expect(pair.getByTestId('checklist-item-due')).toContainText('(Coordinateur·rice)');
    await arrival.getByLabel('Compte créé et remis').check();
    // Saved and drawn back with who ticked it, before the next box.
    await expect(arrival.getByText(new RegExp(`^${COORDINATOR.name}, `))).toHaveCount(1);
    await arrival.getByLabel('Charte signée').check();
    await expect(arrival.getByText(new RegExp(`^${COORDINATOR.name}, `))).toHaveCount(2);
    // What is ticked stays ticked: read back from the server.
    await page.reload();
    await expect(page.getByRole('region', { name: 'Arrivée' }).getByLabel('Charte signée')).toBeChecked();
    await expect(page.getByRole('region', { name: 'Arrivée' }).getByLabel('Formation faite')).not.toBeChecked();
    expect(errors).toEqual([]);
    await context.close();
  });

  test('the intern stands in the staff register, which prints on its own', async ({ page }) => {
    await signIn(page, COORDINATOR);
    await page.goto('/association/internships');
    await page.getByTestId('staff-register-link').click();
    const row = page.getByTestId('register-intern').filter({ hasText: INTERN.name });
    await expect(row).toContainText('Sciences Po Lille');
    await expect(row).toContainText(COORDINATOR.name);
    await expect(row).not.toContainText('à venir');
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByTestId('staff-register')).toBeVisible();
    await expect(page.getByTestId('register-print')).toBeHidden();
    await expect(page.getByRole('banner')).toBeHidden();
  });
});
