import { expect, test } from '@playwright/test';
import { invite, inviter, signIn, watchErrors } from '../journeys.js';

/**
 * The campaign journey: the comms lead starts a campaign and drafts a Bluesky post planned for
 * today (the counter counts as Bluesky does; over 300 it is refused) with an image uploaded from
 * the computer (refused without alt text, then shown from its copy without metadata); a coordinator — a second person — approves it; the
 * post then shows, approved, in the editorial calendar filtered on the campaign.
 */
const COMMS = { email: 'communication-campagnes@hro.example', password: 'phrase de passe des campagnes', name: 'Inès' };
const APPROVER = { email: 'coordination-campagnes@hro.example', password: 'phrase de passe coordination campagnes', name: 'Rémi' };
const CAMPAIGN = 'Trêve hivernale';
const POST = 'Cet hiver encore, des tentes saisies chaque matin à Calais 👨‍👩‍👧';

// A 1 × 1 PNG: the image uploaded for the post.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const ALT = 'Une tente pliée au bord de la route';

const parisDay = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());

test.describe.serial('campaigns', () => {
  test.beforeAll(async ({ baseURL }) => {
    const admin = await inviter(baseURL!);
    await (await invite(admin, baseURL!, COMMS, 'comms')).ctx.dispose();
    await (await invite(admin, baseURL!, APPROVER, 'coordinator')).ctx.dispose();
  });

  test('a campaign with a post approved and shown in the calendar', async ({ browser }) => {
    const author = await browser.newPage();
    await signIn(author, COMMS);
    const errors = watchErrors(author);
    await author.goto('/communication');
    await author.getByTestId('campaigns-link').click();
    await author.getByTestId('campaign-name').fill(CAMPAIGN);
    await author.getByTestId('campaign-to').fill(`${parisDay().slice(0, 4)}-12-31`);
    await author.getByTestId('campaign-save').click();
    await expect(author.getByRole('heading', { level: 1, name: CAMPAIGN })).toBeVisible();

    await author.getByTestId('post-new').click();
    await author.getByLabel('Réseau', { exact: true }).selectOption('bluesky');
    // Over Bluesky's 300: the counter says so and the server refuses in words, saving nothing.
    await author.getByTestId('post-body').fill('a'.repeat(301));
    await expect(author.getByTestId('post-count')).toHaveText('301 / 300 caractères : 1 de trop');
    await author.getByTestId('post-save').click();
    await expect(author.getByRole('alert')).toContainText('La publication est trop longue pour Bluesky');
    await expect(author.getByTestId('post-item')).toHaveCount(0);
    await author.getByTestId('post-body').fill(POST);
    // Bluesky counts graphemes: the family emoji is one.
    await expect(author.getByTestId('post-count')).toHaveText(`${[...new Intl.Segmenter('fr', { granularity: 'grapheme' }).segment(POST)].length} / 300 caractères (comptés comme le réseau les compte)`);
    await author.getByTestId('post-file').setInputFiles({ name: 'tente.png', mimeType: 'image/png', buffer: PNG });
    await author.getByTestId('post-upload').click();
    await expect(author.getByRole('alert').filter({ hasText: 'texte alternatif' })).toBeVisible();
    await author.getByTestId('post-alt').fill(ALT);
    await author.getByTestId('post-upload').click();
    await expect(author.getByTestId('post-uploaded').getByRole('img', { name: ALT })).toBeVisible();
    await author.getByTestId('post-planned').fill(`${parisDay()}T12:00`);
    await author.getByTestId('post-save').click();
    await expect(author.getByTestId('post-status')).toHaveText('Brouillon');
    await expect(author.getByTestId('post-item')).toContainText(`image : « ${ALT} »`);
    // The list shows the uploaded image small, loaded through the authorised image route.
    const thumb = author.getByTestId('post-item').getByRole('img', { name: ALT });
    await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
    await expect(author.getByText('Une autre personne doit approuver cette publication.')).toBeVisible();
    await expect(author.getByTestId('post-approve')).toHaveCount(0);
    const url = author.url();
    expect(errors.filter((e) => !/status of 400/.test(e))).toEqual([]);
    await author.close();

    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const approver = await context.newPage();
    await signIn(approver, APPROVER);
    await approver.goto(url);
    await approver.getByTestId('post-approve').click();
    await expect(approver.getByTestId('post-status')).toHaveText('Approuvée');
    await expect(approver.getByText(`approuvée par ${APPROVER.name}`)).toBeVisible();
    await approver.getByRole('link', { name: 'Cette campagne dans le calendrier' }).click();
    // On a phone the calendar opens as an agenda.
    const item = approver.getByTestId('calendar-agenda').getByTestId('calendar-item');
    await expect(item).toHaveCount(1);
    await expect(item).toContainText('Bluesky : Cet hiver encore');
    await expect(item).toContainText('Approuvée');
    await context.close();
  });
});
