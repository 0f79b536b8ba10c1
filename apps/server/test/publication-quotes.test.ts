import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CURRENT_CONSENT_TEXT_VERSION } from '@vigie/domain';
import { startTestVigie, type TestClient, type TestVigie } from './harness.js';
import { seedEviction } from './evidence-fixtures.js';

/**
 * Bulletins and newsletters quote testimonies as press releases do: by reference only, the text
 * read through the testimonies' consent check each time; a withdrawal empties the quote in every
 * draft at once, the checklist names it, and publishing or sending is refused.
 */
let t: TestVigie;
let observer: TestClient;
let comms: TestClient;
let areaId: string;
let listId: string;

const yes = { kept: true, quoted: true, statistics: true, court: false, partners: false };

beforeAll(async () => {
  t = await startTestVigie();
  const admin = await t.setUpAdmin();
  const orgId = admin.user.organisationId;
  observer = await t.userWithRole(orgId, 'observer');
  comms = await t.userWithRole(orgId, 'comms');
  const { evictionId } = await seedEviction(t, orgId, observer.user.id);
  areaId = (await sql<{ id: string }>`SELECT s.area_id AS id FROM sites s JOIN evictions e ON e.site_id = s.id WHERE e.id = ${evictionId}`.execute(t.db)).rows[0]!.id;
  await comms.put(`/api/bulletin-figure-sets/${areaId}`, { figures: [{ metric: 'evictions', part: null }] });
  listId = (await comms.post('/api/contact-lists', { name: 'Lettre aux membres', kind: 'static', legalBasis: 'consent' })).json().list.id;
}, 120_000);
afterAll(async () => { await t?.close(); });

async function take(quote: string, language = 'ar') {
  const res = await observer.post('/api/testimonies', {
    pseudonym: 'A.', language, givenOn: '2026-11-30', account: `Récit : ${quote}`, quote,
    consent: { answers: yes, textVersion: CURRENT_CONSENT_TEXT_VERSION, shownIn: language },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { testimony: { id: string }; withdrawalCode: string };
}
const withdraw = (code: string) => t.client().post('/api/public/testimony-withdrawals', { code });

describe(`testimony quotes in bulletins and newsletters (${process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it('a bulletin quotes by reference; a withdrawal empties the quote in the draft, the checklist names it, publishing is refused', async () => {
    const kept = await take('أخذوا خيامنا.');
    const leaving = await take('Ils ont pris nos couvertures.', 'fr');
    const created = await comms.post('/api/bulletins', { areaId, month: '2026-11' });
    expect(created.statusCode, created.body).toBe(201);
    const draft = created.json().bulletin;
    const unconsented = (await observer.post('/api/testimonies', { pseudonym: 'B.', language: 'fr', givenOn: '2026-11-30', account: 'x', quote: 'y' })).json().testimony;
    const refused = await comms.post(`/api/bulletins/${draft.id}/testimony-quotes`, { testimonyId: unconsented.id });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('testimony.not_quotable');

    await comms.post(`/api/bulletins/${draft.id}/testimony-quotes`, { testimonyId: kept.testimony.id });
    const quoted = await comms.post(`/api/bulletins/${draft.id}/testimony-quotes`, { testimonyId: leaving.testimony.id });
    expect(quoted.statusCode, quoted.body).toBe(200);
    expect(quoted.json().bulletin.content.quotes).toEqual(['أخذوا خيامنا.', 'Ils ont pris nos couvertures.']);
    expect(quoted.json().bulletin.documents.fr.quotes).toEqual(['« أخذوا خيامنا. »', '« Ils ont pris nos couvertures. »']);
    // Only the reference is stored with the bulletin.
    const stored = await sql<{ n: number }>`SELECT count(*)::int AS n FROM bulletin_quotes WHERE bulletin_id = ${draft.id}`.execute(t.db);
    expect(stored.rows[0]!.n).toBe(2);

    expect((await withdraw(leaving.withdrawalCode)).statusCode).toBe(200);
    const after = (await comms.get(`/api/bulletins/${draft.id}`)).json().bulletin;
    expect(after.content.quotes).toEqual(['أخذوا خيامنا.']);
    expect(after.testimonyQuotes.map((q: any) => [q.testimonyId, q.text, q.consented])).toEqual([
      [kept.testimony.id, 'أخذوا خيامنا.', true], [leaving.testimony.id, null, false],
    ]);
    const md = await comms.get(`/api/bulletins/${draft.id}/export?format=md&locale=fr`);
    expect(md.body).not.toContain('couvertures');
    expect((await comms.get(`/api/bulletins/${draft.id}/checklist`)).json().items).toContainEqual({ kind: 'quoteWithoutConsent', quote: 2 });
    const publish = await comms.post(`/api/bulletins/${draft.id}/publish`, { version: after.version });
    expect(publish.statusCode).toBe(409);
    expect(publish.json().code).toBe('bulletin.quote_without_consent');
    expect(publish.json().message).toContain('2');

    // Removed, it publishes: the frozen content carries the consented quote, the PDF renders.
    const quoteId = after.testimonyQuotes[1].id;
    expect((await comms.delete(`/api/bulletins/${draft.id}/testimony-quotes/${quoteId}`)).statusCode).toBe(200);
    const published = await comms.post(`/api/bulletins/${draft.id}/publish`, { version: after.version });
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json().bulletin.content.quotes).toEqual(['أخذوا خيامنا.']);
    const html = await comms.get(`/api/bulletins/${draft.id}/export?format=html&locale=en`);
    expect(html.body).toContain('<blockquote dir="auto">“أخذوا خيامنا.”</blockquote>');
    expect((await comms.post(`/api/bulletins/${draft.id}/testimony-quotes`, { testimonyId: kept.testimony.id })).json().code).toBe('bulletin.published');
  });

  it('a newsletter quote block holds the reference only; a withdrawal empties it, the checklist names it, sending is refused', async () => {
    const { testimony, withdrawalCode } = await take('On dormait quand ils sont venus.', 'fr');
    const other = await take('Sans interprète.', 'fr');
    const draft = (await comms.post('/api/newsletter/issues', { title: 'Lettre de décembre' })).json().issue;
    const blocks = [{ kind: 'text', text: 'Chères et chers membres,' }, { kind: 'quote', testimonyId: testimony.id }];
    const edited = await comms.put(`/api/newsletter/issues/${draft.id}`, { title: 'Lettre de décembre', language: 'fr', blocks });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().issue.blocks[1]).toEqual({ kind: 'quote', testimonyId: testimony.id, text: 'On dormait quand ils sont venus.', consented: true });
    const stored = await sql<{ blocks: unknown }>`SELECT blocks FROM newsletter_issues WHERE id = ${draft.id}`.execute(t.db);
    expect(JSON.stringify(stored.rows[0]!.blocks)).not.toContain('dormait');
    expect((await comms.get(`/api/newsletter/issues/${draft.id}/checklist`)).json().items).toEqual([]);

    await withdraw(withdrawalCode);
    const after = (await comms.get(`/api/newsletter/issues/${draft.id}`)).json().issue;
    expect(after.blocks[1]).toEqual({ kind: 'quote', testimonyId: testimony.id, text: null, consented: false });
    expect((await comms.get(`/api/newsletter/issues/${draft.id}/checklist`)).json().items).toEqual([{ kind: 'quoteWithoutConsent', quote: 1 }]);
    const send = await comms.post(`/api/newsletter/issues/${draft.id}/send`, { listId });
    expect(send.statusCode).toBe(409);
    expect(send.json().code).toBe('newsletter.quote_without_consent');
    expect((await comms.get(`/api/newsletter/issues/${draft.id}`)).json().issue.status).toBe('draft');

    // Saving the draft with the emptied quote still there is allowed (it stays flagged); adding a withdrawn one is not.
    const resaved = await comms.put(`/api/newsletter/issues/${draft.id}`, { title: 'Lettre', language: 'fr', blocks: [...blocks, { kind: 'quote', testimonyId: other.testimony.id }] });
    expect(resaved.statusCode, resaved.body).toBe(200);
    const second = (await comms.post('/api/newsletter/issues', { title: 'Autre' })).json().issue;
    const refused = await comms.put(`/api/newsletter/issues/${second.id}`, { title: 'Autre', language: 'fr', blocks: [{ kind: 'quote', testimonyId: testimony.id }] });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('testimony.not_quotable');
  });
});
