import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { Api, invite, inviter, signIn, watchErrors } from '../journeys.js';
import { stateFile } from '../state.js';

/**
 * The press journey: the comms lead writes a press release and inserts a figure from the
 * statistics; a coordinator (a second person) approves it and sends it to a press list; the
 * SMTP sink receives one mail per recipient, each with RFC 8058 one-click unsubscribe headers;
 * the release is on the organisation's public site and in its Atom feed.
 */
const COMMS = { email: 'communication-presse@hro.example', password: 'phrase de passe du pôle presse', name: 'Maëlle' };
const APPROVER = { email: 'coordination-presse@hro.example', password: 'phrase de passe coordination presse', name: 'Yanis' };
const JOURNALISTS = ['redaction@journal-calais.example', 'desk@radio-nord.example'];
const TITLE = 'Expulsions quotidiennes à Calais : les chiffres de février';

type Mail = { to: string[]; raw: string; from: string };
const mailsTo = (address: string) => readFileSync(stateFile('mails.jsonl'), 'utf8').split('\n').filter(Boolean)
  .map((l) => JSON.parse(l) as Mail).filter((m) => m.to.includes(address));
const unfolded = (raw: string) => raw.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n(?=[ \t])/g, '');

let slug = '';

test.describe.serial('press', () => {
  test.beforeAll(async ({ baseURL }) => {
    test.setTimeout(90_000);
    const admin = await inviter(baseURL!);
    const settings = await admin.get<{ slug: string | null; enabled: boolean; threshold: number }>('/api/statistics/public-settings');
    slug = settings.slug ?? 'hro-presse';
    if (!settings.slug) {
      const res = await admin.ctx.put('/api/statistics/public-settings', { data: { ...settings, slug }, headers: { 'x-csrf-token': admin.csrf } });
      expect(res.ok(), await res.text()).toBe(true);
    }
    const comms: Api = await invite(admin, baseURL!, COMMS, 'comms');
    await (await invite(admin, baseURL!, APPROVER, 'coordinator')).ctx.dispose();
    const { body } = await comms.post<{ list: { id: string } }>('/api/contact-lists', { name: 'Presse régionale', kind: 'static', legalBasis: 'legitimate_interest' });
    for (const email of JOURNALISTS) {
      const c = await comms.post<{ contact: { id: string } }>('/api/contacts', { kind: 'person', displayName: email, roles: ['journalist'], channels: [{ kind: 'email', value: email }] });
      const res = await comms.ctx.put(`/api/contact-lists/${body.list.id}/members/${c.body.contact.id}`, { data: {}, headers: { 'x-csrf-token': comms.csrf } });
      expect(res.ok()).toBe(true);
    }
    await comms.ctx.dispose();
  });

  test('written with a figure, approved by a second person, sent to a list, public with its feed', async ({ browser }) => {
    const author = await browser.newPage();
    await signIn(author, COMMS);
    const errors = watchErrors(author);
    await author.goto('/communication');
    await author.getByTestId('press-link').click();
    await author.getByTestId('press-new-title').fill(TITLE);
    await author.getByTestId('press-create').click();
    await expect(author.getByTestId('press-status')).toHaveText('brouillon');
    await author.getByTestId('press-body').fill('Les observateurs ont documenté chaque expulsion.\n\nIls demandent la fin des expulsions.');
    await author.getByTestId('press-save').click();
    await author.getByTestId('figure-from').fill('2026-02-01');
    await author.getByTestId('figure-to').fill('2026-02-28');
    await author.getByTestId('figure-insert').click();
    await expect(author.getByTestId('press-figures')).toContainText('expulsions');
    await expect(author.getByTestId('press-figures')).toContainText('du 1 février 2026 au 28 février 2026');
    // An outreach rounds' figure is chosen and cited the same way, with the same dates.
    await author.getByLabel('Indicateur').selectOption({ label: 'maraudes' });
    await author.getByTestId('figure-insert').click();
    await expect(author.getByTestId('press-figures').getByRole('listitem')).toHaveCount(2);
    await expect(author.getByTestId('press-figures').getByRole('listitem').nth(1)).toContainText('maraudes (du 1 février 2026 au 28 février 2026)');
    await author.getByTestId('press-submit').click();
    await expect(author.getByTestId('press-status')).toHaveText('en relecture');
    // The author cannot approve their own release.
    await author.getByTestId('press-approve').click();
    // The publish checklist comes first; approving after reading it is the person's choice.
    await expect(author.getByTestId('publish-checklist')).toBeVisible();
    await author.getByTestId('publish-confirm').click();
    await expect(author.getByText('Une autre personne que l\'auteur·e doit approuver ce communiqué.')).toBeVisible();
    const url = author.url();
    // The one refusal is the self-approval above.
    expect(errors.filter((e) => !/status of 409/.test(e))).toEqual([]);
    await author.close();

    const context = await browser.newContext();
    const approver = await context.newPage();
    await signIn(approver, APPROVER);
    await approver.goto(url);
    await approver.getByTestId('press-approve').click();
    await approver.getByTestId('publish-confirm').click();
    await expect(approver.getByTestId('press-status')).toHaveText('approuvé');
    await expect(approver.getByText(`Approuvé par ${APPROVER.name}`)).toBeVisible();
    await approver.getByLabel('Liste de contacts presse').selectOption({ label: 'Presse régionale (2 joignables)' });
    await approver.getByTestId('press-send').click();
    await approver.getByTestId('publish-confirm').click();
    await expect(approver.getByTestId('press-status')).toHaveText('envoyé');
    await expect(approver.getByTestId('press-progress')).toContainText('2 / 2 traités — 2 envoyés');

    for (const address of JOURNALISTS) {
      const mails = mailsTo(address);
      expect(mails).toHaveLength(1);
      expect(mails[0]!.to).toEqual([address]);
      const head = unfolded(mails[0]!.raw);
      expect(head).toMatch(/^List-Unsubscribe:\s*<http:\/\/localhost:\d+\/api\/public\/unsubscribe\/[a-f0-9]{32}>$/m);
      expect(head).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
      expect(mails[0]!.from).toMatch(/^bounce\+[a-f0-9]{32}@/);
      expect(mails[0]!.raw).toContain('application/pdf');
    }

    // The public page opens outside the app (a new tab for a person).
    await approver.goto((await approver.getByTestId('press-public-link').getAttribute('href'))!);
    await expect(approver.getByRole('heading', { name: TITLE })).toBeVisible();
    // "… expulsions (…)", or "expulsions : non observé (…)" when nobody observed February.
    await expect(approver.getByText(/expulsions?[^(]*\(.*février 2026\)/)).toBeVisible();
    await expect(approver.getByText(/maraude.*\(.*février 2026\)/)).toBeVisible();
    const feed = await approver.request.get(`/api/public/${slug}/press-releases.atom`);
    expect(await feed.text()).toContain(TITLE);
    const index = await (await approver.request.get(`/api/public/${slug}`)).json();
    expect(index.pages.pressReleasesFeed).toMatch(new RegExp(`/api/public/${slug}/press-releases\\.atom$`));
    await context.close();
  });
});
