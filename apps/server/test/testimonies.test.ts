import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CURRENT_CONSENT_TEXT_VERSION } from '@vigie/domain';
import { startTestVigie, type TestClient, type TestVigie } from './harness.js';
import { seedEviction } from './evidence-fixtures.js';

let t: TestVigie;
let legal: TestClient;
let coordinator: TestClient;
let observer: TestClient;
let otherObserver: TestClient;
let comms: TestClient;
let orgId: string;
let evictionId: string;

const yes = { kept: true, quoted: true, statistics: true, court: false, partners: false };
const consent = (answers = yes, shownIn = 'ar') => ({ answers, textVersion: CURRENT_CONSENT_TEXT_VERSION, shownIn });

beforeAll(async () => {
  t = await startTestVigie();
  const admin = await t.setUpAdmin();
  orgId = admin.user.organisationId;
  legal = await t.userWithRole(orgId, 'legal');
  coordinator = await t.userWithRole(orgId, 'coordinator');
  observer = await t.userWithRole(orgId, 'observer');
  otherObserver = await t.userWithRole(orgId, 'observer');
  comms = await t.userWithRole(orgId, 'comms');
  ({ evictionId } = await seedEviction(t, orgId, observer.user.id));
}, 120_000);
afterAll(async () => { await t?.close(); });

async function take(over: Record<string, unknown> = {}, by = observer) {
  const res = await by.post('/api/testimonies', {
    pseudonym: 'A. du Soudan', language: 'ar', givenOn: '2026-11-30', account: 'Ils ont pris nos tentes à 6 h.', quote: 'Ils ont pris nos tentes.',
    links: [{ target: 'eviction', id: evictionId }], consent: consent(), ...over,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { testimony: any; withdrawalCode: string };
}

const auditCount = async (action: string, entityId: string) =>
  (await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_log WHERE action = ${action} AND entity_id = ${entityId}`.execute(t.db)).rows[0]!.n;

describe(`testimonies (${process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it('records consent per purpose with who, when and the consent text version; stores only the hash of the code', async () => {
    const { testimony, withdrawalCode } = await take();
    expect(withdrawalCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{12}$/);
    expect(testimony).toMatchObject({ status: 'consented', language: 'ar', pseudonym: 'A. du Soudan', consents: yes });
    expect(testimony.links).toEqual([expect.objectContaining({ target: 'eviction', targetId: evictionId })]);
    expect(testimony.history).toHaveLength(5);
    for (const h of testimony.history) {
      expect(h).toMatchObject({ textVersion: CURRENT_CONSENT_TEXT_VERSION, shownIn: 'ar', via: 'staff', recordedByName: 'observer user' });
      expect(h.granted).toBe(yes[h.purpose as keyof typeof yes]);
    }
    const stored = (await sql<{ code_hash: string; account_enc: string }>`SELECT code_hash, account_enc FROM testimonies WHERE id = ${testimony.id}`.execute(t.db)).rows[0]!;
    expect(stored.code_hash).not.toContain(withdrawalCode);
    expect(stored.account_enc).not.toContain('tentes');
    // A text version that does not exist in the language claimed is refused, and nothing is saved.
    const before = (await legal.get('/api/testimonies')).json().testimonies.length;
    const bad = await observer.post('/api/testimonies', { pseudonym: 'B', language: 'ti', givenOn: '2026-11-30', account: 'x', consent: consent(yes, 'ti') });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('testimony.unknown_consent_text');
    expect((await legal.get('/api/testimonies')).json().testimonies.length).toBe(before);
  });

  it('is read only by the legal pole, coordinators and its own taker; every read is audited', async () => {
    const { testimony } = await take();
    expect((await otherObserver.get(`/api/testimonies/${testimony.id}`)).statusCode).toBe(404);
    expect((await otherObserver.get('/api/testimonies')).json().testimonies.map((x: any) => x.id)).not.toContain(testimony.id);
    expect((await comms.get(`/api/testimonies/${testimony.id}`)).statusCode).toBe(403);
    expect((await comms.get('/api/testimonies')).statusCode).toBe(403);
    const before = await auditCount('testimony.read', testimony.id);
    const read = await legal.get(`/api/testimonies/${testimony.id}`);
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json().testimony.account).toBe('Ils ont pris nos tentes à 6 h.');
    expect((await coordinator.get(`/api/testimonies/${testimony.id}`)).statusCode).toBe(200);
    expect((await observer.get(`/api/testimonies/${testimony.id}`)).statusCode).toBe(200);
    expect(await auditCount('testimony.read', testimony.id)).toBe(before + 3);
    const actors = await sql<{ actor_id: string }>`SELECT actor_id FROM audit_log WHERE action = 'testimony.read' AND entity_id = ${testimony.id} ORDER BY seq DESC LIMIT 3`.execute(t.db);
    expect(actors.rows.map((r) => r.actor_id).sort()).toEqual([legal.user.id, coordinator.user.id, observer.user.id].sort());
  });

  it('a testimony without consent is a draft that cannot be quoted', async () => {
    const { testimony } = await take({ consent: undefined });
    expect(testimony).toMatchObject({ status: 'draft', consents: { kept: false, quoted: false, statistics: false, court: false, partners: false } });
    expect((await comms.get('/api/testimonies/quotable')).json().quotes.map((q: any) => q.id)).not.toContain(testimony.id);
    const release = (await comms.post('/api/press-releases', { title: 'Expulsions à Calais' })).json().release;
    const refused = await comms.post(`/api/press-releases/${release.id}/testimony-quotes`, { testimonyId: testimony.id });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('testimony.not_quotable');
    // Consent to be kept but not quoted: still not quotable.
    const kept = await legal.post(`/api/testimonies/${testimony.id}/consent`, consent({ ...yes, quoted: false }, 'fr'));
    expect(kept.json().testimony.status).toBe('consented');
    expect((await comms.post(`/api/press-releases/${release.id}/testimony-quotes`, { testimonyId: testimony.id })).json().code).toBe('testimony.not_quotable');
  });

  it('withdrawal by code applies at once: every purpose no in the history, account erased, the press release quoting it refused', async () => {
    const { testimony, withdrawalCode } = await take();
    const quotable = (await comms.get('/api/testimonies/quotable')).json().quotes;
    expect(quotable.find((q: any) => q.id === testimony.id)).toEqual({ id: testimony.id, quote: 'Ils ont pris nos tentes.', language: 'ar', givenIn: '2026-11' });
    const release = (await comms.post('/api/press-releases', { title: 'Expulsions à Calais', body: 'Texte.' })).json().release;
    const quoted = await comms.post(`/api/press-releases/${release.id}/testimony-quotes`, { testimonyId: testimony.id });
    expect(quoted.statusCode, quoted.body).toBe(200);
    expect(quoted.json().release.testimonyQuotes).toEqual([expect.objectContaining({ testimonyId: testimony.id, text: 'Ils ont pris nos tentes.', consented: true })]);
    await comms.post(`/api/press-releases/${release.id}/submit`);

    // The person types the code (lower case, with dashes, as read from the card) on the public page.
    const typed = withdrawalCode.toLowerCase().replace(/(.{4})(?!$)/g, '$1-');
    const res = await t.client().post('/api/public/testimony-withdrawals', { code: typed });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().alreadyWithdrawn).toBe(false);

    const after = (await legal.get(`/api/testimonies/${testimony.id}`)).json().testimony;
    expect(after).toMatchObject({ status: 'withdrawn', account: null, quote: null, consents: { kept: false, quoted: false, statistics: false, court: false, partners: false } });
    expect(after.history.filter((h: any) => h.via === 'code')).toHaveLength(5);
    expect(after.history.filter((h: any) => h.via === 'code').every((h: any) => h.granted === false && h.recordedByName === null)).toBe(true);

    const draft = (await comms.get(`/api/press-releases/${release.id}`)).json().release;
    expect(draft.testimonyQuotes).toEqual([expect.objectContaining({ testimonyId: testimony.id, text: null, consented: false })]);
    const checklist = (await coordinator.get(`/api/press-releases/${release.id}/checklist`)).json().items;
    expect(checklist).toContainEqual({ kind: 'quoteWithoutConsent', quote: 1 });
    const refused = await coordinator.post(`/api/press-releases/${release.id}/approve`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('press_release.quote_without_consent');
    expect(refused.json().message).toContain('1');
    // Nothing can bring it back: recording consent again is refused.
    expect((await legal.post(`/api/testimonies/${testimony.id}/consent`, consent())).json().code).toBe('testimony.withdrawn');
    // A staff member typing the same code again: nothing more changes.
    const again = await legal.post('/api/testimonies/withdrawals', { code: withdrawalCode });
    expect(again.json().alreadyWithdrawn).toBe(true);
  });

  it('an unknown code is refused with a clear message and changes nothing', async () => {
    const res = await t.client().post('/api/public/testimony-withdrawals', { code: 'ZZZZ-ZZZZ-ZZZZ' });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('testimony.unknown_code');
    expect(res.json().message).toMatch(/ne correspond à aucun témoignage/);
    const byStaff = await coordinator.post('/api/testimonies/withdrawals', { code: randomUUID().slice(0, 12) });
    expect(byStaff.json().code).toBe('testimony.unknown_code');
  });
});
