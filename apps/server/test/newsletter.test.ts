import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { purgeExpiredSignups } from '../src/modules/communication/newsletters/newsletter.jobs.js';
import { startTestVigie, type TestClient, type TestVigie } from './harness.js';
import { createHash, randomUUID } from 'node:crypto';
import { jpegWithGps, patchChunk, publicCopyMade, rawRequest, seedEviction, uploadBody } from './evidence-fixtures.js';
import { mailText } from './mail-body.js';
import type { ReceivedMail } from './smtp-sink.js';

/**
 * The members' newsletter: double opt-in (GET never confirms, the button's POST does, a second
 * sign-up never makes a second contact), sending through the one pipeline (suppressed and
 * unconsented people are skipped, a second click never sends twice), and the public archive.
 */
let t: TestVigie;
let comms: TestClient;
let orgId: string;
let listId: string;
let areaCode: string;
let evictionId: string;

beforeAll(async () => {
  t = await startTestVigie({ MAIL_RATE_PER_SECOND: '200' });
  const admin = await t.setUpAdmin();
  orgId = admin.user.organisationId;
  comms = await t.userWithRole(orgId, 'comms');
  ({ evictionId } = await seedEviction(t, orgId, comms.user.id));
  await sql`UPDATE evictions SET status = 'verified' WHERE id = ${evictionId}`.execute(t.db);
  areaCode = (await sql<{ code: string }>`SELECT a.code FROM areas a JOIN sites s ON s.area_id = a.id JOIN evictions e ON e.site_id = s.id WHERE e.id = ${evictionId}`.execute(t.db)).rows[0]!.code;
  await sql`UPDATE organisations SET slug = 'hro' WHERE id = ${orgId}`.execute(t.db);
  listId = (await comms.post('/api/contact-lists', { name: 'Lettre aux membres', kind: 'static', legalBasis: 'consent' })).json().list.id;
}, 120_000);
afterAll(async () => { await t?.close(); });

const confirmTokenIn = (raw: string) => /\/subscribe\/confirm\/([A-Za-z0-9_-]+)/.exec(mailText(raw))?.[1];
const header = (raw: string, name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'mi').exec(raw.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n(?=[ \t])/g, ''))?.[1]?.trim();
const contactsWith = async (email: string) => Number((await sql<{ n: string }>`SELECT count(*) AS n FROM contact_channels WHERE normalised = ${email}`.execute(t.db)).rows[0]!.n);

async function waitMail(match: (m: ReceivedMail) => boolean, from = 0) {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const mail = t.smtp.mails.slice(from).find(match);
    if (mail) return mail;
    if (Date.now() > deadline) throw new Error('no such mail');
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function subscribe(email: string) {
  const anonymous = t.client();
  const form = (await anonymous.get('/api/public/hro/newsletter/signup')).json();
  const before = t.smtp.mails.length;
  const res = await anonymous.post('/api/public/hro/newsletter/signup', { email, name: 'Ana', formVersion: form.formVersion, consent: true });
  expect(res.statusCode, res.body).toBe(202);
  const mail = await waitMail((m) => m.to.includes(email.trim().toLowerCase()), before);
  return { token: confirmTokenIn(mail.raw)!, mail, form };
}

async function mailingDone(id: string) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const m = (await comms.get(`/api/mailings/${id}`)).json().mailing;
    if (m.counts.queued === 0 && m.counts.deferred === 0) return m;
    if (Date.now() > deadline) throw new Error(`mailing not done: ${JSON.stringify(m.counts)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('the members’ newsletter', () => {
  it('is opt-in per organisation, to a static consent list, and then listed in the public index', async () => {
    expect((await t.client().get('/api/public/hro/newsletter/signup')).statusCode).toBe(404);
    expect((await t.client().get('/api/public/hro')).json().pages.newsletterSignup).toBeUndefined();
    const press = (await comms.post('/api/contact-lists', { name: 'Presse', kind: 'static', legalBasis: 'legitimate_interest' })).json().list;
    const refused = await comms.put('/api/newsletter/settings', { enabled: true, listId: press.id });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().code).toBe('newsletter.list_not_consent');
    const saved = await comms.put('/api/newsletter/settings', { enabled: true, listId });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ enabled: true, listId, signupUrl: 'http://localhost:3000/subscribe/hro' });
    const index = (await t.client().get('/api/public/hro')).json();
    expect(index.pages).toMatchObject({
      newsletterSignup: 'http://localhost:3000/subscribe/hro', newsletterArchive: 'http://localhost:3000/api/public/hro/newsletter',
      newsletterFeed: 'http://localhost:3000/api/public/hro/newsletter.atom',
    });
  });

  it('double opt-in: a malformed address is refused clearly; GET shows the page and never confirms; the POST does, with the form text in the ledger; twice is one contact', async () => {
    const anonymous = t.client();
    const form = (await anonymous.get('/api/public/hro/newsletter/signup')).json();
    expect(form.formText.fr).toContain('lettre d\'information');
    const bad = await anonymous.post('/api/public/hro/newsletter/signup', { email: 'ana@@exemple', formVersion: form.formVersion, consent: true });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('newsletter.invalid_email');
    expect(bad.json().message).toBe('« ana@@exemple » n\'est pas une adresse e-mail valide (exemple : nom@exemple.fr).');

    const { token } = await subscribe('Ana@Membres.example');
    const url = `/api/public/newsletter/confirmations/${token}`;
    for (let i = 0; i < 2; i++) {
      const seen = await anonymous.get(url);
      expect(seen.statusCode).toBe(200);
      expect(seen.json()).toEqual({ organisation: expect.any(String), address: 'a…@membres.example', confirmed: false, expired: false });
    }
    expect(await contactsWith('ana@membres.example')).toBe(0);
    expect((await comms.get('/api/contact-lists')).json().lists.find((l: { id: string }) => l.id === listId).mailable).toBe(0);

    const confirmed = await anonymous.post(url);
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json().confirmed).toBe(true);
    expect((await anonymous.post(url)).json().confirmed).toBe(true);
    expect(await contactsWith('ana@membres.example')).toBe(1);
    const ledger = await sql<{ status: string; method: string; form_version: string; form_text: string; list_id: string }>`
      SELECT ev.status, ev.method, ev.form_version, ev.form_text, ev.list_id FROM consent_events ev
      JOIN contact_channels ch ON ch.contact_id = ev.contact_id WHERE ch.normalised = 'ana@membres.example'`.execute(t.db);
    expect(ledger.rows).toEqual([{ status: 'granted', method: 'double_opt_in', form_version: form.formVersion, form_text: form.formText.fr, list_id: listId }]);
    // The pending request forgets the address once the contact holds it.
    expect(Number((await sql<{ n: string }>`SELECT count(*) AS n FROM newsletter_signups WHERE email IS NOT NULL`.execute(t.db)).rows[0]!.n)).toBe(0);

    const again = await subscribe('ana@membres.example ');
    expect((await anonymous.post(`/api/public/newsletter/confirmations/${again.token}`)).json().confirmed).toBe(true);
    expect(await contactsWith('ana@membres.example')).toBe(1);
    expect((await anonymous.get('/api/public/newsletter/confirmations/not-a-token')).statusCode).toBe(404);

    // A link confirmed too late says so, and subscribes no one.
    const late = await subscribe('tardive@membres.example');
    await sql`UPDATE newsletter_signups SET expires_at = now() - interval '1 minute' WHERE confirmed_at IS NULL`.execute(t.db);
    expect((await anonymous.get(`/api/public/newsletter/confirmations/${late.token}`)).json()).toMatchObject({ confirmed: false, expired: true });
    const refused = await anonymous.post(`/api/public/newsletter/confirmations/${late.token}`);
    expect(refused.statusCode).toBe(410);
    expect(refused.json().code).toBe('newsletter.confirmation_expired');
    expect(await contactsWith('tardive@membres.example')).toBe(0);

    // The nightly purge deletes the expired request and its address; a pending one stays.
    const held = async () => (await sql<{ email: string }>`SELECT email FROM newsletter_signups WHERE email IS NOT NULL ORDER BY email`.execute(t.db)).rows.map((r) => r.email);
    expect(await held()).toEqual(['tardive@membres.example']);
    expect(await purgeExpiredSignups(t.db)).toBe(1);
    expect(await held()).toEqual([]);
    await subscribe('en-attente@membres.example');
    expect(await purgeExpiredSignups(t.db)).toBe(0);
    expect(await held()).toEqual(['en-attente@membres.example']);
  });

  it('sends an issue once to consenting subscribers, skipping suppressed and unconsented people; an empty list is refused clearly', async () => {
    const empty = (await comms.post('/api/contact-lists', { name: 'Lettre vide', kind: 'static', legalBasis: 'consent' })).json().list;
    // A photo with its publication copy (metadata stripped) and a credit, taken by an observer.
    const coordinator = await t.userWithRole(orgId, 'coordinator');
    const jpeg = await jpegWithGps();
    const upload = uploadBody(jpeg, { evictionId }, { declaredType: 'image/jpeg', originalName: 'IMG_0001.jpg', credit: 'HRO' });
    expect((await coordinator.post('/api/evidence', upload)).statusCode).toBe(201);
    const stored = await patchChunk(t, coordinator, upload.id, 0, jpeg);
    expect(stored.statusCode).toBe(200);
    const ready = await publicCopyMade(coordinator, upload.id);
    expect((await comms.get('/api/newsletter/photos')).json().photos).toEqual([{ id: upload.id, credit: 'HRO', capturedAt: expect.anything() }]);

    const draft = (await comms.post('/api/newsletter/issues', { title: 'Lettre de décembre' })).json().issue;
    const blocks = [
      { kind: 'photo', evidenceId: upload.id, caption: 'Tentes saisies' },
      { kind: 'photo', evidenceId: randomUUID(), caption: 'Inconnue' },
      { kind: 'text', text: 'Chères et chers membres,\n\nVoici les nouvelles du mois.' },
      { kind: 'figure', metric: 'evictions', from: '2026-02-01', to: '2026-02-28', areaCode },
      { kind: 'bulletin' },
      { kind: 'link', url: 'https://hro.example/agir', label: 'Agir avec nous' },
    ];
    const edited = await comms.put(`/api/newsletter/issues/${draft.id}`, { title: 'Lettre de décembre', language: 'fr', blocks });
    expect(edited.statusCode, edited.body).toBe(200);
    const shown = edited.json().issue.blocks;
    expect(shown.slice(0, 2)).toEqual([
      { kind: 'photo', evidenceId: upload.id, caption: 'Tentes saisies', credit: 'HRO', available: true },
      { kind: 'photo', evidenceId: expect.any(String), caption: 'Inconnue', credit: null, available: false },
    ]);
    const figure = shown[3];
    expect(figure.wording).toMatch(/^au moins 1 expulsions? \(.*du 1 février 2026 au 28 février 2026\)$/);
    expect(shown[4]).toEqual({ kind: 'bulletin', bulletin: null });

    const none = await comms.post(`/api/newsletter/issues/${draft.id}/send`, { listId: empty.id });
    expect(none.statusCode).toBe(422);
    expect(none.json()).toMatchObject({ code: 'newsletter.no_subscribers' });
    expect(none.json().message).toContain('Lettre vide');

    // On the list too: a confirmed subscriber whose address then hard-bounced, and a member added by hand without consent.
    const { token } = await subscribe('bruno@membres.example');
    await t.client().post(`/api/public/newsletter/confirmations/${token}`);
    await sql`INSERT INTO mail_suppressions (organisation_id, address, reason) VALUES (${orgId}, 'bruno@membres.example', 'hard_bounce')`.execute(t.db);
    const carla = (await comms.post('/api/contacts', { kind: 'person', displayName: 'Carla', roles: ['member'], channels: [{ kind: 'email', value: 'carla@membres.example' }] })).json().contact;
    await comms.put(`/api/contact-lists/${listId}/members/${carla.id}`, {});

    const [sent, twice] = await Promise.all([
      comms.post(`/api/newsletter/issues/${draft.id}/send`, { listId }), comms.post(`/api/newsletter/issues/${draft.id}/send`, { listId }),
    ]);
    expect(sent.statusCode, sent.body).toBe(200);
    expect(twice.statusCode, twice.body).toBe(200);
    expect(twice.json().issue.mailingId).toBe(sent.json().issue.mailingId);
    expect(sent.json().issue).toMatchObject({ status: 'sent', publicUrl: `http://localhost:3000/api/public/hro/newsletter/${draft.id}` });
    const done = await mailingDone(sent.json().issue.mailingId);
    expect(done.total).toBe(2);
    expect(done.counts).toMatchObject({ sent: 1, suppressed: 1 });
    expect(done.deliveries.map((d: { address: string; status: string }) => [d.address, d.status])).toEqual([
      ['ana@membres.example', 'sent'], ['bruno@membres.example', 'suppressed'],
    ]);
    const isIssue = (m: ReceivedMail) => header(m.raw, 'List-Unsubscribe') !== undefined;
    const mail = await waitMail((m) => m.to.includes('ana@membres.example') && isIssue(m));
    expect(header(mail.raw, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    expect(header(mail.raw, 'List-Unsubscribe')).toMatch(/^<http:\/\/localhost:3000\/api\/public\/unsubscribe\/[a-f0-9]{32}>$/);
    expect(mailText(mail.raw)).toContain(figure.wording);
    const photoUrl = `http://localhost:3000/api/public/hro/newsletter/${draft.id}/photos/${upload.id}.jpg`;
    expect(mailText(mail.raw)).toContain('[Photo : Tentes saisies (© HRO)]');
    expect(mailText(mail.raw)).toContain(photoUrl);
    expect(mailText(mail.raw)).not.toContain('Inconnue');
    expect(mailText(mail.raw)).toContain(`Lire en ligne : http://localhost:3000/api/public/hro/newsletter/${draft.id}`);
    await new Promise((r) => setTimeout(r, 500));
    expect(t.smtp.mails.filter(isIssue).map((m) => m.to)).toEqual([['ana@membres.example']]);

    expect((await comms.put(`/api/newsletter/issues/${draft.id}`, { title: 'Changée', blocks })).json().code).toBe('newsletter.not_editable');
    await expect(sql`UPDATE newsletter_issues SET title = 'réécrite' WHERE id = ${draft.id}`.execute(t.db)).rejects.toThrow(/frozen/);

    const archive = await t.client().get('/api/public/hro/newsletter');
    expect(archive.body).toContain('Lettre de décembre');
    expect(archive.body).toContain('lettre d’information');
    // An English-speaking visitor reads the archive in English; the French issue is said to be in French.
    const inEnglish = await t.client().get('/api/public/hro/newsletter?lang=en');
    expect(inEnglish.body).toContain('<html lang="en" dir="ltr">');
    expect(inEnglish.body).toMatch(/— newsletter<\/h1>/);
    expect(inEnglish.body).toContain('in French');
    expect(inEnglish.body).not.toContain('lettre d’information');
    expect((await t.client().get('/api/public/hro/newsletter?lang=xx')).statusCode).toBe(400);
    const page = await t.client().get(`/api/public/hro/newsletter/${draft.id}`);
    expect(page.body).toContain(figure.wording);
    expect(page.body).toContain('© HRO');
    const photo = await rawRequest(t, t.client(), 'GET', new URL(photoUrl).pathname);
    expect(photo.statusCode).toBe(200);
    expect(photo.headers['content-type']).toBe('image/jpeg');
    expect(createHash('sha256').update(photo.raw).digest('hex')).toBe(ready.publicCopySha256);
    expect((await t.client().get(`/api/public/hro/newsletter/${draft.id}/photos/${randomUUID()}.jpg`)).statusCode).toBe(404);
    const feed = await t.client().get('/api/public/hro/newsletter.atom');
    expect(feed.headers['content-type']).toContain('application/atom+xml');
    expect(feed.body).toContain('Lettre de décembre');

    // Ana unsubscribes in one click, then subscribes again: her own unsubscribe no longer stands.
    const unsubscribeToken = /\/api\/public\/unsubscribe\/([a-f0-9]{32})/.exec(header(mail.raw, 'List-Unsubscribe')!)![1];
    expect((await t.client().post(`/api/public/unsubscribe/${unsubscribeToken}`)).json().unsubscribed).toBe(true);
    const mailable = async () => (await comms.get('/api/contact-lists')).json().lists.find((l: { id: string }) => l.id === listId).mailable;
    expect(await mailable()).toBe(1); // Bruno: his consent stands, his address is suppressed at send time.
    const back = await subscribe('ana@membres.example');
    await t.client().post(`/api/public/newsletter/confirmations/${back.token}`);
    expect(await mailable()).toBe(2);
    const left = (await comms.get('/api/mail/suppressions')).json().suppressions.map((x: { address: string; reason: string }) => [x.address, x.reason]);
    expect(left).toEqual([['bruno@membres.example', 'hard_bounce']]);
  });
});
