import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { mailText } from '../../apps/server/test/mail-body.js';
import { invite, inviter, signIn, watchErrors } from '../journeys.js';
import { stateFile } from '../state.js';

/**
 * The newsletter journey: a visitor subscribes on the public page and confirms with the button
 * of the page the mail links to (opening it confirms nothing); the comms lead composes an issue
 * (text, a link, an outreach rounds’ figure),
 * sees it at a phone's and a desktop's width and sends it; the SMTP sink receives it with the
 * RFC 8058 headers; the visitor unsubscribes in one click from the link at its foot.
 */
const COMMS = { email: 'communication-lettre@hro.example', password: 'phrase de passe de la lettre', name: 'Inès' };
const VISITOR = 'lectrice@exemple.org';
const TITLE = 'Lettre aux membres — décembre';

type Mail = { to: string[]; raw: string };
const mailsTo = (address: string) => readFileSync(stateFile('mails.jsonl'), 'utf8').split('\n').filter(Boolean)
  .map((l) => JSON.parse(l) as Mail).filter((m) => m.to.includes(address));
const bulk = (m: Mail) => /^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m.test(m.raw.split(/\r?\n\r?\n/)[0]!);

let slug = '';

test.describe.serial('newsletter', () => {
  test.beforeAll(async ({ baseURL }) => {
    const admin = await inviter(baseURL!);
    const settings = await admin.get<{ slug: string | null }>('/api/statistics/public-settings');
    slug = settings.slug ?? 'hro-lettre';
    if (!settings.slug) {
      const res = await admin.ctx.put('/api/statistics/public-settings', { data: { ...settings, slug }, headers: { 'x-csrf-token': admin.csrf } });
      expect(res.ok(), await res.text()).toBe(true);
    }
    const comms = await invite(admin, baseURL!, COMMS, 'comms');
    const { body } = await comms.post<{ list: { id: string } }>('/api/contact-lists', { name: 'Abonnés de la lettre', kind: 'static', legalBasis: 'consent' });
    const res = await comms.ctx.put('/api/newsletter/settings', { data: { enabled: true, listId: body.list.id }, headers: { 'x-csrf-token': comms.csrf } });
    expect(res.ok(), await res.text()).toBe(true);
    await comms.ctx.dispose();
  });

  test('a visitor subscribes and confirms by the button, receives an issue, unsubscribes in one click', async ({ browser }) => {
    const visitorContext = await browser.newContext();
    const visitor = await visitorContext.newPage();
    const index = await (await visitor.request.get(`/api/public/${slug}`)).json();
    await visitor.goto(new URL(index.pages.newsletterSignup).pathname);
    await visitor.getByTestId('subscribe-email').fill('lectrice@@exemple');
    await visitor.getByRole('checkbox').check();
    await visitor.getByTestId('subscribe-submit').click();
    await expect(visitor.getByText('« lectrice@@exemple » n\'est pas une adresse e-mail valide (exemple : nom@exemple.fr).')).toBeVisible();
    await visitor.getByTestId('subscribe-email').fill(VISITOR);
    await visitor.getByTestId('subscribe-submit').click();
    await expect(visitor.getByText(/Presque fini/)).toBeVisible();

    await expect.poll(() => mailsTo(VISITOR).length).toBe(1);
    const link = /https?:\/\/\S+\/subscribe\/confirm\/[A-Za-z0-9_-]+/.exec(mailText(mailsTo(VISITOR)[0]!.raw))![0];
    await visitor.goto(new URL(link).pathname);
    await expect(visitor.getByTestId('subscribe-confirm')).toBeVisible();
    // Opening the link confirmed nothing: the page asks.
    const token = link.split('/').pop()!;
    expect((await (await visitor.request.get(`/api/public/newsletter/confirmations/${token}`)).json()).confirmed).toBe(false);
    await visitor.getByTestId('subscribe-confirm').click();
    await expect(visitor.getByText(/C'est confirmé/)).toBeVisible();

    const desk = await browser.newPage();
    await signIn(desk, COMMS);
    const errors = watchErrors(desk);
    await desk.goto('/communication');
    await desk.getByTestId('newsletter-link').click();
    await desk.getByTestId('newsletter-new-title').fill(TITLE);
    await desk.getByTestId('newsletter-create').click();
    await expect(desk.getByTestId('newsletter-status')).toHaveText('brouillon');
    await desk.getByTestId('newsletter-add-text').click();
    await desk.getByTestId('newsletter-text-0').fill('Chères et chers membres, voici les nouvelles du mois.');
    await desk.getByTestId('newsletter-add-link').click();
    await desk.getByLabel('Texte du lien').fill('Agir avec nous');
    await desk.getByLabel('Adresse (https://…)').fill('https://hro.example/agir');
    // An outreach rounds' figure, cited as a press release cites it.
    await desk.getByTestId('newsletter-add-figure').click();
    await desk.getByLabel('Chiffre', { exact: true }).selectOption({ label: 'maraudes' });
    await desk.getByLabel('Du', { exact: true }).fill('2026-02-01');
    await desk.getByLabel('Au', { exact: true }).fill('2026-02-28');
    await desk.getByTestId('newsletter-save').click();
    for (const frame of ['newsletter-preview-phone', 'newsletter-preview-desktop']) {
      await expect(desk.getByTestId(frame).locator('.newsletter-figure')).toContainText(/maraude.*février 2026/);
      await expect(desk.getByTestId(frame)).toContainText('voici les nouvelles du mois');
      await expect(desk.getByTestId(frame).getByRole('link', { name: 'Agir avec nous' })).toBeVisible();
    }
    expect((await desk.getByTestId('newsletter-preview-phone').boundingBox())!.width).toBeLessThan(400);
    await desk.getByLabel('Liste des abonnés').selectOption({ label: 'Abonnés de la lettre (1 abonnés joignables)' });
    await desk.getByTestId('newsletter-send').click();
    await expect(desk.getByTestId('newsletter-status')).toHaveText('envoyé');
    await expect(desk.getByTestId('newsletter-progress')).toContainText('1 / 1 traités — 1 envoyés');
    expect(errors).toEqual([]);

    await expect.poll(() => mailsTo(VISITOR).filter(bulk).length).toBe(1);
    const issue = mailsTo(VISITOR).find(bulk)!;
    expect(mailText(issue.raw)).toContain('voici les nouvelles du mois');
    expect(mailText(issue.raw)).toMatch(/maraude.*février 2026/);
    const unsubscribe = /https?:\/\/\S+\/unsubscribe\/[a-f0-9]{32}/.exec(mailText(issue.raw))![0];
    await visitor.goto(new URL(unsubscribe).pathname);
    await visitor.getByTestId('unsubscribe-confirm').click();
    await expect(visitor.getByTestId('unsubscribe-done')).toBeVisible();
    await visitorContext.close();
  });
});
