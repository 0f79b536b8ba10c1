import { expect, test, type Locator, type Page } from '@playwright/test';
import { Api, invite, inviter, signIn, watchErrors } from '../journeys.js';

/**
 * The house on a phone (issue 19): a coordinator hands a field phone and the flat's keys to a new
 * volunteer; the volunteer signs on the coordinator's phone with a finger (drawn here with the
 * mouse on the canvas), the coordinator too, and the signed loan form (PDF) is a tap away.
 * Members and dues (issue 18): the coordinator records a member's dues on the phone and issues
 * the numbered receipt, whose PDF is a tap away.
 */
const pw = 'phrase de passe de la maison';
const COORDINATOR = { email: 'maison-coordination@hro.example', password: pw, name: 'Noa Logistique' };
const VOLUNTEER = { email: 'maison-benevole@hro.example', password: pw, name: 'Maëlle Bénévole' };

const IN_TWO_DAYS = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
let coordinatorApi: Api;
let volunteerApi: Api;
let meetingId: string;

/** A signature: one stroke across the pad, as a finger would draw it. */
async function sign(page: Page, pad: Locator) {
  const canvas = pad.locator('canvas');
  await canvas.scrollIntoViewIfNeeded();
  const box = (await canvas.boundingBox())!;
  await page.mouse.move(box.x + 20, box.y + box.height * 0.6);
  await page.mouse.down();
  for (let i = 1; i <= 12; i += 1) {
    await page.mouse.move(box.x + 20 + i * ((box.width - 40) / 12), box.y + box.height * (0.3 + 0.4 * (i % 2)), { steps: 2 });
  }
  await page.mouse.up();
}

test.describe.serial('house', () => {
  test.beforeAll(async ({ baseURL }) => {
    test.setTimeout(90_000);
    const admin = await inviter(baseURL!);
    coordinatorApi = await invite(admin, baseURL!, COORDINATOR, 'coordinator');
    volunteerApi = await invite(admin, baseURL!, VOLUNTEER, 'volunteer');
    await coordinatorApi.post('/api/association/equipment', { kind: 'field_phone', label: 'Téléphone terrain 7', identifier: '356938035643807' });
    await coordinatorApi.post('/api/association/equipment', { kind: 'keys', label: 'Clés appartement rue des Fleurs', identifier: '2 clés' });
    // For the car and the board: the coordinator holds the car in two days' morning; a meeting gives the volunteer an action.
    const { body: car } = await coordinatorApi.post<{ id: string }>('/api/association/equipment', { kind: 'vehicle', label: 'Berlingo', identifier: 'GA-123-BC' });
    const me = await coordinatorApi.get<{ user: { id: string } }>('/api/auth/me');
    await coordinatorApi.post('/api/association/vehicle-bookings', { itemId: car.id, driverId: me.user.id, startsAt: `${IN_TWO_DAYS}T09:00:00+01:00`, endsAt: `${IN_TWO_DAYS}T12:00:00+01:00` });
    const volunteer = await volunteerApi.get<{ user: { id: string } }>('/api/auth/me');
    const { body: series } = await coordinatorApi.post<{ id: string }>('/api/association/meeting-series', { title: 'Réunion du lundi', weekday: 1, startTime: '10:00' });
    const { body: meeting } = await coordinatorApi.post<{ id: string }>(`/api/association/meeting-series/${series.id}/meetings`, { startsAt: new Date().toISOString() });
    await coordinatorApi.post(`/api/association/meetings/${meeting.id}/start`, {});
    meetingId = meeting.id;
    await coordinatorApi.post(`/api/association/meetings/${meeting.id}/actions`, { title: 'Racheter des couvertures', ownerId: volunteer.user.id, dueOn: IN_TWO_DAYS });
  });
  test.afterAll(async () => {
    await coordinatorApi?.ctx.dispose();
    await volunteerApi?.ctx.dispose();
  });

  test('a volunteer signs for a phone and keys with a finger', async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'fr-FR', timezoneId: 'Europe/Paris', hasTouch: true });
    const page = await context.newPage();
    await signIn(page, COORDINATOR);
    const errors = watchErrors(page);
    await page.goto('/association/equipment/lend');
    await expect(page.getByRole('heading', { name: 'Remettre du matériel' })).toBeVisible();
    await page.getByLabel('À qui ?').selectOption({ label: VOLUNTEER.name });
    await page.getByLabel(/Téléphone terrain 7/).check();
    await page.getByLabel(/Clés appartement rue des Fleurs/).check();
    // Not signed yet: refused, with a message saying what to do.
    await page.getByTestId('lend-submit').click();
    await expect(page.getByRole('alert')).toContainText('La signature de l\'emprunteur·se est vide');

    await sign(page, page.getByTestId('sign-borrower'));
    await sign(page, page.getByTestId('sign-lender'));
    await page.getByTestId('lend-submit').click();
    await expect(page.getByTestId('loan-done')).toContainText(`${VOLUNTEER.name} a signé le document de mise à disposition`);
    const pdfUrl = await page.getByTestId('loan-pdf-out').getAttribute('href');
    const pdf = await page.request.get(pdfUrl!);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 4).toString()).toBe('%PDF');

    // The volunteer holds both, with their copy of the form.
    const { loans } = await volunteerApi.get<{ loans: Array<{ items: Array<{ label: string }>; documents: unknown[] }> }>('/api/association/loans/mine');
    expect(loans[0]!.items.map((i) => i.label).sort()).toEqual(['Clés appartement rue des Fleurs', 'Téléphone terrain 7']);
    expect(loans[0]!.documents).toHaveLength(1);
    // The one 400 is the refused unsigned form above, which the browser logs.
    expect(errors.filter((e) => !/status of 400/.test(e))).toEqual([]);
    await context.close();
  });

  test('a member\'s dues are recorded and receipted on a phone', async ({ browser }) => {
    const settings = await coordinatorApi.ctx.put('/api/association/receipt-settings', {
      headers: { 'x-csrf-token': coordinatorApi.csrf },
      data: {
        legalName: 'Human Rights Observers', address: '12 rue des Dunes', postcode: '62100', city: 'Calais', registration: '', purpose: 'Observer les expulsions',
        status: 'general_interest', taxReceiptsEnabled: false, signatoryName: 'Noa Logistique', signatoryTitle: 'Trésorière',
      },
    });
    expect(settings.ok(), await settings.text()).toBe(true);
    await coordinatorApi.post('/api/association/members', { fullName: 'Alex Adhérent', address: '3 place d\'Armes', postcode: '62100', city: 'Calais', joinedOn: '2026-01-15' });
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'fr-FR', timezoneId: 'Europe/Paris', hasTouch: true });
    const page = await context.newPage();
    await signIn(page, COORDINATOR);
    const errors = watchErrors(page);
    await page.goto('/association');
    await page.getByTestId('association-members').click();
    await expect(page.getByRole('heading', { name: 'Adhérents et cotisations' })).toBeVisible();
    const member = page.locator('li.card', { has: page.getByRole('heading', { name: 'Alex Adhérent' }) });
    await member.getByLabel('Montant (€)').fill('15');
    await member.getByLabel('Mode de paiement').selectOption('cheque');
    await member.getByTestId('membership-add-Alex Adhérent').click();
    const year = await member.getByLabel('Année d\'adhésion').inputValue();
    await expect(member).toContainText(`${year} — membre individuel, 15,00`);
    await member.getByTestId(`dues-receipt-${year}`).click();
    const receipt = member.getByTestId(`receipt-COT-${year}-0001`);
    await expect(receipt).toBeVisible();
    const pdf = await page.request.get((await receipt.getByRole('link').getAttribute('href'))!);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 4).toString()).toBe('%PDF');
    expect(errors).toEqual([]);
    await context.close();
  });

  test('a meeting\'s decision gets an action put on the board; the volunteer finds it there, and is told the car is taken', async ({ browser }) => {
    const phone = { viewport: { width: 390, height: 844 }, locale: 'fr-FR', timezoneId: 'Europe/Paris', hasTouch: true };
    const DECISION = 'Une batterie de secours par binôme';
    const coordination = await browser.newContext(phone);
    const chair = await coordination.newPage();
    await signIn(chair, COORDINATOR);
    const chairErrors = watchErrors(chair);
    await chair.goto(`/association/meetings/${meetingId}`);
    await chair.getByLabel('Décision', { exact: true }).fill(DECISION);
    await chair.getByRole('button', { name: 'Enregistrer la décision' }).click();
    await expect(chair.locator(`li[id^="decision-"]`, { hasText: DECISION })).toBeVisible();
    await chair.getByLabel('Action', { exact: true }).fill('Commander les batteries');
    await chair.getByLabel('Responsable').selectOption({ label: VOLUNTEER.name });
    await chair.getByLabel('Suite à la décision').selectOption({ label: DECISION });
    await chair.getByLabel('Échéance').fill(IN_TWO_DAYS);
    await chair.getByRole('button', { name: 'Ajouter l\'action' }).click();
    const action = chair.locator('#meeting-actions ~ ul > li', { hasText: 'Commander les batteries' });
    await expect(action).toContainText(`suite à la décision « ${DECISION} »`);
    await action.getByLabel('Tableau').selectOption({ label: 'Vie associative' });
    await action.getByTestId('action-to-board').click();
    await expect(action.getByTestId('action-on-board')).toHaveText('Sur le tableau Vie associative');
    expect(chairErrors).toEqual([]);
    await coordination.close();

    const context = await browser.newContext(phone);
    const page = await context.newPage();
    await signIn(page, VOLUNTEER);
    const errors = watchErrors(page);
    await page.goto('/association/tasks');
    await expect(page.getByTestId('task-card').filter({ hasText: 'Racheter des couvertures' })).toContainText('Action de réunion');
    // On the association board, the action is a task pointing back to its decision.
    await page.getByTestId('task-pole-association').click();
    const card = page.getByTestId('task-card').filter({ hasText: 'Commander les batteries' });
    await expect(card.getByRole('link', { name: DECISION })).toBeVisible();
    await expect(card).toContainText(VOLUNTEER.name);
    await page.goto('/association/vehicles');
    await expect(page.getByTestId('vehicle').filter({ hasText: 'Berlingo' })).toBeVisible();
    await page.getByTestId('booking-from').fill(`${IN_TWO_DAYS}T10:00`);
    await page.getByTestId('booking-to').fill(`${IN_TWO_DAYS}T11:00`);
    await page.getByTestId('booking-submit').click();
    await expect(page.getByRole('alert')).toContainText(`Berlingo est déjà réservé·e par ${COORDINATOR.name}`);
    // The one 409 is the refused booking, which the browser logs.
    expect(errors.filter((e) => !/status of 409/.test(e))).toEqual([]);
    await context.close();
  });
});
