import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestVigie, type TestClient, type TestVigie } from './harness.js';
import { seedEviction } from './evidence-fixtures.js';

let t: TestVigie;
let author: TestClient;
let approver: TestClient;
let orgId: string;
let areaCode: string;
let listId: string;

beforeAll(async () => {
  t = await startTestVigie({ MAIL_RATE_PER_SECOND: '200' });
  const admin = await t.setUpAdmin();
  orgId = admin.user.organisationId;
  author = await t.userWithRole(orgId, 'comms');
  approver = await t.userWithRole(orgId, 'coordinator');
  const { evictionId } = await seedEviction(t, orgId, author.user.id);
  await sql`UPDATE evictions SET status = 'verified' WHERE id = ${evictionId}`.execute(t.db);
  areaCode = (await sql<{ code: string }>`SELECT a.code FROM areas a JOIN sites s ON s.area_id = a.id JOIN evictions e ON e.site_id = s.id WHERE e.id = ${evictionId}`.execute(t.db)).rows[0]!.code;
  await sql`UPDATE organisations SET slug = 'hro' WHERE id = ${orgId}`.execute(t.db);
  listId = (await author.post('/api/contact-lists', { name: 'Presse nationale', kind: 'static', legalBasis: 'legitimate_interest' })).json().list.id;
  for (const email of ['a@journal.example', 'b@radio.example']) {
    const c = (await author.post('/api/contacts', { kind: 'person', displayName: email, roles: ['journalist'], channels: [{ kind: 'email', value: email }] })).json().contact;
    await author.put(`/api/contact-lists/${listId}/members/${c.id}`, {});
  }
}, 120_000);
afterAll(async () => { await t?.close(); });

async function draft(over: Record<string, unknown> = {}) {
  const res = await author.post('/api/press-releases', { title: 'Expulsions à Calais', lede: 'Le chapeau.', body: 'Premier paragraphe.\n\nSecond.', ...over });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().release.id;
  const fig = await author.post(`/api/press-releases/${id}/figures`, { metric: 'evictions', from: '2026-02-01', to: '2026-02-28', areaCode });
  expect(fig.statusCode, fig.body).toBe(200);
  return fig.json().release;
}

describe('press releases', () => {
  it('inserts a figure from the statistics with its "au moins" wording; approval needs a second person and a figure that has not changed', async () => {
    const r = await draft();
    expect(r.figures).toHaveLength(1);
    expect(r.figures[0]).toMatchObject({ metric: 'evictions', value: 1, areaCode });
    expect(r.figures[0].wording).toMatch(/^au moins 1 expulsions? \(.*du 1 février 2026 au 28 février 2026\)$/);

    expect((await author.post(`/api/press-releases/${r.id}/submit`)).json().release.status).toBe('in_review');
    const self = await author.post(`/api/press-releases/${r.id}/approve`);
    expect(self.statusCode).toBe(409);
    expect(self.json().code).toBe('press_release.self_approval');

    // The data changes: a second verified eviction in February.
    const { evictionId } = await seedEviction(t, orgId, author.user.id);
    await sql`UPDATE evictions SET status = 'verified', site_id = (SELECT s.id FROM sites s JOIN areas a ON a.id = s.area_id WHERE a.code = ${areaCode} LIMIT 1) WHERE id = ${evictionId}`.execute(t.db);
    // The checklist shown before approval says which cited figure changed, from what to what.
    const checklist = await approver.get(`/api/press-releases/${r.id}/checklist`);
    expect(checklist.statusCode, checklist.body).toBe(200);
    expect(checklist.json().items.filter((i: any) => i.kind === 'figureChanged')).toEqual([{
      kind: 'figureChanged', metric: 'evictions', from: '2026-02-01', to: '2026-02-28', areaCode, filters: {},
      was: { value: 1, atLeast: true }, now: { value: 2, atLeast: true },
    }]);
    // One language, no photos: nothing to translate; one observed day of February is low coverage.
    expect(checklist.json().items.map((i: any) => i.kind).sort()).toEqual(['figureChanged', 'lowCoverage']);
    const refused = await approver.post(`/api/press-releases/${r.id}/approve`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('press_release.figure_changed');
    expect(refused.json().message).toContain(r.figures[0].wording);
    expect(refused.json().message).toContain('au moins 2');

    await author.post(`/api/press-releases/${r.id}/reopen`);
    const refreshed = (await author.post(`/api/press-releases/${r.id}/figures/${r.figures[0].id}/refresh`)).json().release;
    expect(refreshed.figures[0].value).toBe(2);
    // A figure of a period nobody observed ("non observé") has not changed either.
    await author.post(`/api/press-releases/${r.id}/figures`, { metric: 'evictions', from: '2019-01-01', to: '2019-01-31' });
    expect((await author.get(`/api/press-releases/${r.id}/checklist`)).json().items.filter((i: any) => i.kind === 'figureChanged')).toEqual([]);
    await author.post(`/api/press-releases/${r.id}/submit`);
    const approved = await approver.post(`/api/press-releases/${r.id}/approve`);
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().release).toMatchObject({ status: 'approved', approvedByName: 'coordinator user' });
    expect((await author.put(`/api/press-releases/${r.id}`, { title: 'Changé' })).json().code).toBe('press_release.not_editable');
  });

  it('refuses an embargo in the past; sends once per recipient with the embargo in the subject, a PDF and a text; public after the embargo only', async () => {
    const past = await author.post('/api/press-releases', { title: 'Trop tard', embargoUntil: '2020-01-01T10:00:00+01:00' });
    expect(past.statusCode).toBe(400);
    expect(past.json().code).toBe('press_release.embargo_past');

    const embargo = new Date(Date.now() + 3_600_000).toISOString();
    const r = await draft({ title: 'Sous embargo', embargoUntil: embargo });
    await author.post(`/api/press-releases/${r.id}/submit`);
    expect((await approver.post(`/api/press-releases/${r.id}/approve`)).statusCode).toBe(200);
    const [sent, again] = await Promise.all([
      author.post(`/api/press-releases/${r.id}/send`, { listId }), author.post(`/api/press-releases/${r.id}/send`, { listId }),
    ]);
    expect(sent.statusCode, sent.body).toBe(200);
    expect(again.statusCode, again.body).toBe(200);
    const release = sent.json().release;
    expect(release.status).toBe('sent');
    expect(release.snapshotSha256).toMatch(/^[a-f0-9]{64}$/);
    const mail = await t.smtp.waitFor('a@journal.example');
    await t.smtp.waitFor('b@radio.example');
    await new Promise((r2) => setTimeout(r2, 1500));
    expect(t.smtp.mails.filter((m) => m.raw.includes('Sous embargo') || /EMBARGO/.test(m.raw)).length).toBe(2);
    expect(mail.raw).toMatch(/Subject: .*EMBARGO/);
    expect(mail.raw).toContain('application/pdf');
    expect(mail.raw).toMatch(/List-Unsubscribe-Post: List-Unsubscribe=One-Click/);

    expect((await t.client().get(`/api/public/hro/press-releases/${r.id}`)).statusCode).toBe(404);
    // The embargo passes.
    await sql`UPDATE press_releases SET embargo_until = now() - interval '1 minute' WHERE id = ${r.id}`.execute(t.db);
    const page = await t.client().get(`/api/public/hro/press-releases/${r.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Sous embargo');
    expect(page.body).toContain('au moins 2');
    const feed = await t.client().get('/api/public/hro/press-releases.atom');
    expect(feed.headers['content-type']).toContain('application/atom+xml');
    expect(feed.body).toContain('<title type="html"><![CDATA[Sous embargo]]></title>');
    const pdf = await t.client().get(`/api/public/hro/press-releases/${r.id}.pdf`);
    expect(pdf.body.startsWith('%PDF')).toBe(true);
    // A WordPress site may frame the public pages (and only those): no script, the page's own style by hash.
    expect(page.headers['x-frame-options']).toBeUndefined();
    expect(page.headers['content-security-policy']).toMatch(/frame-ancestors \*/);
    expect(page.headers['content-security-policy']).toMatch(/default-src 'none'; style-src 'sha256-/);
    expect(page.body).toContain('<h1 dir="auto">Sous embargo</h1>');
    const listInEnglish = await t.client().get('/api/public/hro/press-releases?lang=en');
    expect(listInEnglish.body).toContain('— press releases</h1>');
    expect(listInEnglish.headers['content-security-policy']).toMatch(/frame-ancestors \*/);
    expect((await t.client().get('/api/public/hro/press-releases')).body).toContain('— communiqués de presse</h1>');
    expect((await author.get('/api/press-releases')).headers['x-frame-options']).toBe('SAMEORIGIN');
    const index = (await t.client().get('/api/public/hro')).json();
    expect(index.pages.pressReleasesFeed).toBe('http://localhost:3000/api/public/hro/press-releases.atom');
    expect(index.kinds).toMatchObject({ pressReleases: 'frame', pressReleasesFeed: 'feed', pressReleasesJson: 'data', jobs: 'frame' });
    // Recruitment's pages are in the same index (association/postings/public-pages.ts).
    expect(index.pages.jobsFeed).toBe('http://localhost:3000/api/public/hro/jobs.atom');

    // A correction is appended and dated, never a silent edit.
    await expect(sql`UPDATE press_releases SET body = 'réécrit' WHERE id = ${r.id}`.execute(t.db)).rejects.toThrow(/frozen/);
    const corrected = await author.post(`/api/press-releases/${r.id}/corrections`, { text: 'Le site était B12, pas B2.' });
    expect(corrected.json().release.corrections).toHaveLength(1);
    expect((await t.client().get(`/api/public/hro/press-releases/${r.id}`)).body).toContain('Le site était B12, pas B2.');
  });

  it('shows a release written in Arabic as a right-to-left page, still frameable; French pages stay left to right', async () => {
    const r = await draft({ language: 'ar', title: 'عمليات الطرد في كاليه', lede: 'ملخص البيان.', body: 'الفقرة الأولى.\n\nالفقرة الثانية.' });
    expect(r.language).toBe('ar');
    await author.post(`/api/press-releases/${r.id}/submit`);
    expect((await approver.post(`/api/press-releases/${r.id}/approve`)).statusCode).toBe(200);
    expect((await author.post(`/api/press-releases/${r.id}/send`, { listId })).statusCode).toBe(200);

    const page = await t.client().get(`/api/public/hro/press-releases/${r.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<html lang="ar" dir="rtl">');
    expect(page.body).toContain('<h1 dir="auto">عمليات الطرد في كاليه</h1>');
    // The fixed wording (figures' heading and wording) is English, marked as such inside the Arabic page.
    expect(page.body).toMatch(/<h2 lang="en" dir="auto">Figures cited/);
    expect(page.body).toContain('at least 2');
    // The layout mirrors: the style speaks of start and end, never of left and right.
    expect(page.body.match(/<style>(.*)<\/style>/s)![1]).not.toMatch(/left|right/);
    expect(page.headers['content-security-policy']).toMatch(/frame-ancestors \*/);
    const listed = (await t.client().get('/api/public/hro/press-releases.json')).json().releases.find((x: { id: string }) => x.id === r.id);
    expect(listed.language).toBe('ar');
    expect((await t.client().get(`/api/public/hro/press-releases/${r.id}.pdf`)).body.startsWith('%PDF')).toBe(true);

    const french = await draft({ title: 'Expulsions à Grande-Synthe' });
    await author.post(`/api/press-releases/${french.id}/submit`);
    await approver.post(`/api/press-releases/${french.id}/approve`);
    await author.post(`/api/press-releases/${french.id}/send`, { listId });
    expect((await t.client().get(`/api/public/hro/press-releases/${french.id}`)).body).toContain('<html lang="fr" dir="ltr">');
    expect((await t.client().get('/api/public/hro/press-releases?lang=fr')).body).toContain('<html lang="fr" dir="ltr">');
  });
});
