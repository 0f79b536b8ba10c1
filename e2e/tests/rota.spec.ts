import { expect, test } from '@playwright/test';
import { Api, invite, inviter, signIn, watchErrors } from '../journeys.js';

/**
 * The observation rota on a phone (issue 10): an observer (an HRO volunteer) signs up for
 * today's Dunkerquois shift, is warned the team is short, taps "Rien à signaler" after going
 * out, offers their place and takes the calendar link of their shifts; the dashboard then
 * shows the day as observed: coverage 1 of 1 and "aucune expulsion observée" rather than "au moins 0".
 * Dunkerquois, because no other journey records there.
 */
const VOLUNTEER = { email: 'benevole-planning@hro.example', password: 'phrase de passe du planning', name: 'Sacha' };
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

const PLANNER = { email: 'coordination-planning@hro.example', password: 'phrase de passe de la coordination', name: 'Camille P.' };
/** Monday and Tuesday of this Paris week, as the availability week view names its days. */
const monday = (() => { const d = new Date(`${today}T12:00:00Z`); d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7)); return d; })();
const tuesday = new Date(monday.getTime() + 86_400_000).toISOString().slice(0, 10);

let volunteerApi: Api;
let plannerApi: Api;

test.describe.serial('rota', () => {
  test.beforeAll(async ({ baseURL }) => {
    test.setTimeout(90_000);
    const admin = await inviter(baseURL!);
    volunteerApi = await invite(admin, baseURL!, VOLUNTEER, 'observer');
    plannerApi = await invite(admin, baseURL!, PLANNER, 'coordinator');
  });
  test.afterAll(async () => { await volunteerApi?.ctx.dispose(); await plannerApi?.ctx.dispose(); });

  test('a volunteer signs up on a phone, says "rien à signaler", and the dashboard shows the coverage', async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'fr-FR', timezoneId: 'Europe/Paris', hasTouch: true });
    const page = await context.newPage();
    await signIn(page, VOLUNTEER);
    const errors = watchErrors(page);
    await page.goto('/rota');
    await expect(page.getByRole('heading', { name: 'Planning d’observation' })).toBeVisible();
    const day = page.getByTestId(`rota-day-dunkerquois-${today}`);
    await expect(day).toContainText('Aujourd’hui');
    await day.getByTestId('rota-sign-up').tap();
    await expect(day).toContainText('Sacha (observation)');
    // One observer instead of two, and no driver: a warning, not a refusal.
    await expect(day).toContainText('Équipe incomplète : il manque 1 observateur·ice(s) et 1 chauffeur·e(s).');
    await day.getByTestId('rota-nothing-to-report').tap();
    await expect(day).toContainText('Jour observé : rien à signaler.');
    // Can't go tomorrow after all: offer the place; Sacha stays on the shift until someone takes it.
    await day.getByTestId('rota-offer').tap();
    await expect(day).toContainText('Sacha (observation) — place proposée');
    // The shifts in the phone's calendar: a secret link, shown once, that a calendar app reads.
    await page.getByTestId('rota-ical-create').tap();
    const link = await page.getByTestId('rota-ical-url').inputValue();
    expect(link).toMatch(/\/api\/rota\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    const ics = await context.request.get(link.replace(/^https?:\/\/[^/]+/, ''));
    expect(await ics.text()).toContain('SUMMARY:Observation — Dunkerquois');

    await page.goto(`/?from=${today}&to=${today}&areaCode=dunkerquois`);
    await expect(page.getByTestId('coverage')).toContainText('1 sur 1');
    await expect(page.getByTestId('figure-evictions')).toContainText('0');
    await expect(page.getByTestId('figure-evictions')).not.toContainText('au moins');
    expect(errors).toEqual([]);
    await context.close();
  });

  test('a volunteer gives their availability on a phone; the coordinator finds them in the week to fill the rota', async ({ browser }) => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'fr-FR', timezoneId: 'Europe/Paris', hasTouch: true });
    const page = await phone.newPage();
    await signIn(page, VOLUNTEER);
    const errors = watchErrors(page);
    await page.goto('/association/availability');
    await page.getByTestId('slot-2-early').tap();
    await page.getByTestId('availability-save').tap();
    await expect(page.getByText('Disponibilités enregistrées.')).toBeVisible();
    await page.reload();
    await expect(page.getByTestId('slot-2-early')).toBeChecked();
    expect(errors).toEqual([]);
    await phone.close();

    const office = await browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris' });
    const desk = await office.newPage();
    await signIn(desk, PLANNER);
    const deskErrors = watchErrors(desk);
    await desk.goto('/rota');
    await desk.getByTestId('rota-availability-week').click();
    await expect(desk.getByTestId(`available-${tuesday}-early`)).toContainText('Sacha');
    await expect(desk.getByTestId(`available-${tuesday}-morning`)).not.toContainText('Sacha');
    expect(deskErrors).toEqual([]);
    await office.close();
  });
});
