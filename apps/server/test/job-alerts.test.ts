import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parisDate } from '@vigie/domain';
import { startTestVigie, type TestClient, type TestVigie } from './harness.js';
import { mailText } from './mail-body.js';
import type { ReceivedMail } from './smtp-sink.js';

/**
 * Job alerts: a visitor subscribes to a category from the public jobs page, confirms by the
 * button (opening the link confirms nothing), is mailed when a posting of that category is
 * published — and only then, only if confirmed — with a one-click unsubscribe that stops the next.
 */
let t: TestVigie;
let admin: TestClient;

const addDays = (days: number) => parisDate(new Date(Date.now() + days * 86_400_000));
const posting = (title: string, engagement: string) => ({
  title, engagement, locality: 'Calais', postalCode: '62100', region: null, country: 'FR', workplace: 'on_site', schedule: 'full_time',
  hoursPerWeek: 35, contract: null, durationMonths: 6, startDate: null, payMin: null, payMax: null, payUnit: null,
  benefits: [], qualifications: [], responsibilities: [], skills: [], tools: [], education: [], languages: [],
  description: 'Observer les expulsions.', closesOn: addDays(30), openings: 1,
});

beforeAll(async () => {
  t = await startTestVigie({ MAIL_RATE_PER_SECOND: '200' });
  admin = await t.setUpAdmin();
  await sql`UPDATE organisations SET slug = 'hro' WHERE id = ${admin.user.organisationId}`.execute(t.db);
}, 120_000);
afterAll(async () => { await t?.close(); });

const header = (raw: string, name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'mi').exec(raw.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n(?=[ \t])/g, ''))?.[1]?.trim();

async function waitMail(match: (m: ReceivedMail) => boolean, from = 0) {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const mail = t.smtp.mails.slice(from).find(match);
    if (mail) return mail;
    if (Date.now() > deadline) throw new Error('no such mail');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Every delivery of the posting's alert has left (or was stopped). */
async function alertSettled(postingId: string) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const { rows } = await sql<{ status: string; address: string }>`SELECT d.status, d.address FROM mail_deliveries d JOIN mailings m ON m.id = d.mailing_id
      WHERE m.source_id = ${postingId}`.execute(t.db);
    if (rows.every((r) => r.status !== 'queued' && r.status !== 'deferred')) return rows;
    if (Date.now() > deadline) throw new Error('alert not settled');
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function requestAlerts(email: string, categories: string[]) {
  const visitor = t.client();
  const form = (await visitor.get('/api/public/hro/job-alerts')).json();
  const before = t.smtp.mails.length;
  const res = await visitor.post('/api/public/hro/job-alerts', { email, categories, language: 'fr', formVersion: form.formVersion, consent: true });
  expect(res.statusCode, res.body).toBe(202);
  const mail = await waitMail((m) => m.to.includes(email), before);
  return /\/subscribe\/job-alerts\/confirm\/([A-Za-z0-9_-]+)/.exec(mailText(mail.raw))![1]!;
}

async function publish(title: string, engagement: string) {
  const created = await admin.post('/api/association/postings', posting(title, engagement));
  expect(created.statusCode, created.body).toBe(200);
  const published = await admin.post(`/api/association/postings/${created.json().id}/publish`);
  expect(published.statusCode, published.body).toBe(200);
  return created.json().id as string;
}

describe('job alerts', () => {
  it('reach confirmed subscribers of the category only, and stop after a one-click unsubscribe', async () => {
    const jobsPage = (await t.client().get('/api/public/hro/jobs')).body;
    expect(jobsPage).toContain('http://localhost:3000/subscribe/job-alerts/hro');

    const anaToken = await requestAlerts('ana@example.org', ['internship', 'volunteering']);
    // Opening the link (as a mail scanner does) shows the question and confirms nothing.
    const state = (await t.client().get(`/api/public/job-alerts/confirmations/${anaToken}`)).json();
    expect(state).toMatchObject({ organisation: expect.any(String), address: 'a…@example.org', categories: ['internship', 'volunteering'], confirmed: false });
    const confirmed = await t.client().post(`/api/public/job-alerts/confirmations/${anaToken}`);
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json().confirmed).toBe(true);
    // The consent ledger holds the form's text and version, once per category.
    const consents = await sql<{ form_version: string; method: string }>`SELECT e.form_version, e.method FROM consent_events e
      JOIN contact_channels c ON c.contact_id = e.contact_id WHERE c.normalised = 'ana@example.org'`.execute(t.db);
    expect(consents.rows).toHaveLength(2);
    expect(consents.rows[0]).toMatchObject({ form_version: 'job-alerts-2026-12-05', method: 'double_opt_in' });

    await requestAlerts('ben@example.org', ['internship']); // never confirmed
    const chloeToken = await requestAlerts('chloe@example.org', ['employment']);
    expect((await t.client().post(`/api/public/job-alerts/confirmations/${chloeToken}`)).statusCode).toBe(200);

    const internship = await publish('Stage juridique', 'internship');
    const mail = await waitMail((m) => m.to.includes('ana@example.org') && /Stage juridique/.test(mailText(m.raw)));
    expect(mailText(mail.raw)).toContain('http://localhost:3000/api/public/hro/jobs/');
    expect(header(mail.raw, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    const settled = await alertSettled(internship);
    expect(settled.map((d) => d.address)).toEqual(['ana@example.org']);

    // A civic service is announced to volunteering subscribers.
    const civic = await publish('Service civique observation', 'civic_service');
    expect((await alertSettled(civic)).map((d) => d.address)).toEqual(['ana@example.org']);

    const unsubscribeToken = /\/api\/public\/unsubscribe\/([a-f0-9]{32})/.exec(header(mail.raw, 'List-Unsubscribe')!)![1];
    expect((await t.client().post(`/api/public/unsubscribe/${unsubscribeToken}`)).json().unsubscribed).toBe(true);
    const before = t.smtp.mails.length;
    const second = await publish('Stage communication', 'internship');
    // Her withdrawal is in the consent ledger: she is no longer on the internships audience at all.
    expect(await alertSettled(second)).toEqual([]);
    const employment = await publish('Coordination', 'employment');
    await waitMail((m) => m.to.includes('chloe@example.org') && /Coordination/.test(mailText(m.raw)), before);
    expect(t.smtp.mails.slice(before).filter((m) => m.to.includes('ana@example.org'))).toHaveLength(0);
    expect((await alertSettled(employment)).map((d) => d.address)).toEqual(['chloe@example.org']);
    // The internships unsubscribe left her volunteering alerts alone.
    const volunteering = await publish('Bénévole observateur', 'volunteering');
    expect((await alertSettled(volunteering)).map((d) => [d.address, d.status])).toEqual([['ana@example.org', expect.stringMatching(/queued|sent/)]]);
  }, 120_000);

  it('refuses a malformed address or a stale form, and a second press confirms nothing more', async () => {
    const visitor = t.client();
    const form = (await visitor.get('/api/public/hro/job-alerts')).json();
    const bad = await visitor.post('/api/public/hro/job-alerts', { email: 'not-an-address', categories: ['employment'], formVersion: form.formVersion, consent: true });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('newsletter.invalid_email');
    const stale = await visitor.post('/api/public/hro/job-alerts', { email: 'dan@example.org', categories: ['employment'], formVersion: 'old', consent: true });
    expect(stale.json().code).toBe('newsletter.form_outdated');
    const token = await requestAlerts('dan@example.org', ['employment']);
    expect((await visitor.post(`/api/public/job-alerts/confirmations/${token}`)).json().confirmed).toBe(true);
    expect((await visitor.post(`/api/public/job-alerts/confirmations/${token}`)).json().confirmed).toBe(true);
    const members = await sql<{ n: string }>`SELECT count(*) AS n FROM contact_list_members m JOIN contact_channels c ON c.contact_id = m.contact_id
      WHERE c.normalised = 'dan@example.org'`.execute(t.db);
    expect(Number(members.rows[0]!.n)).toBe(1);
    expect((await visitor.get('/api/public/job-alerts/confirmations/abcdefghijklmnopqrstuvwxyz')).statusCode).toBe(404);
  });
});
