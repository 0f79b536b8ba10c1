import { expect, test } from '@playwright/test';
import { invite, inviter, signIn, watchErrors } from '../journeys.js';

/**
 * The recruitment journey: the administrator gives a board member a second role (observer) on the
 * users screen's terms (through the API here, the screen is walked in foundation-like journeys),
 * then that person writes the seed posting in "Vie associative", publishes it, and opens its public
 * page, which carries the schema.org JobPosting and prints without its navigation.
 */
const BOARD = { email: 'bureau-recrutement@hro.example', password: 'phrase de passe du bureau', name: 'Camille' };

let publicPage = '';
let editorPath = '';

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

    editorPath = new URL(page.url()).pathname;
    const href = await page.getByRole('link', { name: 'Voir la page publique' }).getAttribute('href');
    publicPage = href!;
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

  test('a visitor applies with a CV on a phone; the recruiter moves the application through the pipeline', async ({ browser }) => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'fr-FR' });
    const page = await phone.newPage();
    await page.goto(publicPage);
    await page.getByRole('link', { name: 'Postuler' }).click();
    await expect(page.getByRole('heading', { name: /Candidater : Responsable communication et plaidoyer/ })).toBeVisible();
    await page.getByLabel('Nom et prénom').fill('Alex Candidat');
    await page.getByLabel('Adresse e-mail').fill('alex@example.org');
    await page.getByLabel('Message (facultatif)').fill('Disponible dès janvier.');
    await page.getByTestId('apply-cv').setInputFiles({ name: 'CV Alex.pdf', mimeType: 'application/pdf', buffer: tinyPdf('Alex Candidat plaidoyer frontière') });
    await page.getByTestId('apply-submit').click();
    await expect(page.getByText(/Candidature envoyée/)).toBeVisible();
    await phone.close();

    const recruiter = await browser.newPage();
    await signIn(recruiter, BOARD);
    await recruiter.goto(editorPath);
    await recruiter.getByTestId('posting-applications').click();
    const card = recruiter.getByTestId('application').filter({ hasText: 'Alex Candidat' });
    await expect(card).toContainText('Disponible dès janvier.');
    await card.getByLabel('Étape pour Alex Candidat').selectOption('shortlisted');
    // The card's own line, not the select's option (always there): the change is saved and drawn before the next one.
    await expect(card.getByText('alex@example.org · Présélectionnée')).toBeVisible();
    await card.getByLabel('Étape pour Alex Candidat').selectOption('interview');
    await expect(card.getByText('alex@example.org · Entretien')).toBeVisible();
    await card.getByLabel('Note interne').fill('Entretien fixé mardi.');
    await card.getByRole('button', { name: 'Ajouter la note' }).click();
    await expect(card).toContainText('Entretien fixé mardi.');
    // On to the offer and the hire; the stage holds after a reload (read back from the server).
    await card.getByLabel('Étape pour Alex Candidat').selectOption('offer');
    await expect(card.getByText('alex@example.org · Proposition')).toBeVisible();
    await card.getByLabel('Étape pour Alex Candidat').selectOption('hired');
    await expect(card.getByText('alex@example.org · Recrutée')).toBeVisible();
    await recruiter.reload();
    await expect(recruiter.getByTestId('application').filter({ hasText: 'Alex Candidat' }).getByText('alex@example.org · Recrutée')).toBeVisible();
  });

  test('a recruiter answers from a template, changes it, deletes it after a confirmation; the reply sent keeps its text', async ({ page }) => {
    await signIn(page, BOARD);
    const errors = watchErrors(page);
    await page.goto(editorPath);
    await page.getByTestId('posting-applications').click();
    const templates = page.getByTestId('reply-templates');
    await templates.locator('summary').click();
    await templates.getByLabel('Nom du modèle').fill('Suite donnée');
    await templates.getByLabel('Objet').fill('Votre candidature : {{offre}}');
    await templates.getByLabel('Texte').fill('Bonjour {{nom}}, merci pour votre candidature.');
    await templates.getByRole('button', { name: 'Ajouter le modèle' }).click();
    await expect(templates.getByTestId('reply-template')).toContainText('Suite donnée');

    const card = page.getByTestId('application').filter({ hasText: 'Alex Candidat' });
    await card.getByRole('button', { name: 'Répondre par e-mail' }).click();
    await card.getByLabel('Modèle').selectOption({ label: 'Suite donnée' });
    await card.getByRole('button', { name: 'Envoyer la réponse' }).click();
    await expect(card).toContainText('Bonjour Alex Candidat, merci pour votre candidature.');

    await templates.getByRole('button', { name: 'Modifier' }).click();
    await templates.getByLabel('Nom du modèle').fill('Suite donnée (v2)');
    await templates.getByRole('button', { name: 'Enregistrer les changements' }).click();
    await expect(templates.getByTestId('reply-template')).toContainText('Suite donnée (v2)');
    await templates.getByRole('button', { name: 'Supprimer', exact: true }).click();
    await expect(templates.getByText('Les réponses déjà envoyées avec lui gardent leur texte.')).toBeVisible();
    await templates.getByRole('button', { name: 'Supprimer définitivement' }).click();
    await expect(templates.getByText('Modèle « Suite donnée (v2) » supprimé.')).toBeVisible();
    await expect(templates.getByTestId('reply-template')).toHaveCount(0);
    await page.reload();
    await expect(page.getByTestId('application').filter({ hasText: 'Alex Candidat' })).toContainText('Bonjour Alex Candidat, merci pour votre candidature.');
    expect(errors).toEqual([]);
  });

  test('a visitor asks for internship alerts on a phone: categories and consent checked before anything is sent', async ({ browser }) => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'fr-FR' });
    const page = await phone.newPage();
    await page.goto('/subscribe/job-alerts/hro-recrutement');
    await page.getByTestId('job-alerts-email').fill('alertes@example.org');
    await page.getByTestId('job-alerts-submit').click();
    await expect(page.getByText('Choisissez au moins une catégorie.')).toBeVisible();
    await page.getByLabel('Stages').check();
    await page.getByTestId('job-alerts-submit').click();
    await expect(page.getByText(/Cochez la case d’accord/)).toBeVisible();
    await page.getByRole('checkbox').last().check();
    await page.getByTestId('job-alerts-submit').click();
    await expect(page.getByText(/ouvrez l’e-mail envoyé à alertes@example.org/)).toBeVisible();
    await phone.close();
  });
});

/** A one-page PDF with a line of text, written by hand (enough for a browser upload and pdftotext). */
function tinyPdf(text: string): Buffer {
  const stream = `BT /F1 12 Tf 20 100 Td (${text.normalize('NFD').replace(/[^\x20-\x7e]/g, '')}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 144] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`, '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => { offsets.push(out.length); out += `${i + 1} 0 obj\n${o}\nendobj\n`; });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
