import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestVigie, type TestClient, type TestVigie } from './harness.js';
import { startFeedWeb, type FeedWeb } from './monitoring-fixtures.js';
import { mailText } from './mail-body.js';
import { pollDueSources } from '../src/modules/communication/monitoring/poll-sources.js';
import { sendDigests } from '../src/modules/communication/monitoring/monitoring-digest.js';

let t: TestVigie;
let comms: TestClient;
let web: FeedWeb;
let orgId: string;
const ids: Record<string, string> = {};
const LIMITS = { timeoutMs: 1500, maxBytes: 1024 * 1024, maxRedirects: 3 };

beforeAll(async () => {
  t = await startTestVigie({ MAIL_RATE_PER_SECOND: '200' });
  web = await startFeedWeb();
  const admin = await t.setUpAdmin();
  orgId = admin.user.organisationId;
  comms = await t.userWithRole(orgId, 'comms', 'veille@hro.example');
  for (const [key, name, path] of [
    ['rss', 'Journal du Littoral', '/rss.xml'], ['atom', 'Channel Observer', '/atom.xml'], ['json', 'Nord Littoral', '/feed.json'],
    ['broken', 'Flux cassé', '/broken.xml'], ['html', 'Site sans flux', '/not-a-feed'], ['huge', 'Flux énorme', '/huge.xml'],
    ['loop', 'Boucle', '/loop-a'], ['slow', 'Serveur muet', '/slow.xml'],
  ] as const) {
    const res = await comms.post('/api/monitoring/sources', { name, url: `${web.url}${path}` });
    expect(res.statusCode, res.body).toBe(201);
    ids[key] = res.json().source.id;
  }
  const global = await comms.post('/api/monitoring/rules', { name: 'HRO', expression: '"Human Rights Observers" OR "HRO" NOT "HRO Today"' });
  expect(global.statusCode, global.body).toBe(201);
  const perSource = await comms.post('/api/monitoring/rules', { name: 'Expulsions (Nord Littoral)', expression: 'expuls*', sourceId: ids.json, language: 'fr' });
  expect(perSource.statusCode, perSource.body).toBe(201);
}, 120_000);
afterAll(async () => { await web?.close(); await t?.close(); });

const clippings = async (query = '') => {
  const res = await comms.get(`/api/monitoring/clippings${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().clippings as Array<Record<string, any>>;
};

describe('media monitoring', () => {
  it('refuses a rule that would match everything, with a message that says why', async () => {
    for (const [expression, code] of [['NOT football', 'monitoring.rule_only_exclusions'], ['le', 'monitoring.rule_too_broad'], ['"HRO', 'monitoring.rule_unbalanced_quote']]) {
      const res = await comms.post('/api/monitoring/rules', { name: 'Trop large', expression });
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe(code);
    }
    const broad = await comms.post('/api/monitoring/rules', { name: 'Trop large', expression: 'le' });
    expect(broad.json().message).toContain('« le »');
    expect((await comms.get('/api/monitoring/rules')).json().rules).toHaveLength(2);
    const dup = await comms.post('/api/monitoring/sources', { name: 'Encore', url: `${web.url}/rss.xml` });
    expect(dup.json().code).toBe('monitoring.source_url_taken');
  });

  it('polls every source: good feeds give clippings, each bad one fails on its own with a clear reason', async () => {
    // The three feeds first, one after the other (stories depend on what was found before).
    for (const key of ['rss', 'atom', 'json']) {
      const res = await comms.post(`/api/monitoring/sources/${ids[key]}/poll`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().result.status).toBe('fetched');
    }
    const results = await pollDueSources({ db: t.db, feedLimits: LIMITS, articleLimits: LIMITS });
    const byId = new Map(results.map((r) => [r.sourceId, r]));
    expect(results).toHaveLength(5);
    expect(byId.get(ids.broken!)?.error).toMatch(/^malformed/);
    expect(byId.get(ids.html!)?.error).toMatch(/^not_a_feed/);
    expect(byId.get(ids.huge!)?.error).toBe(`too_large: ${LIMITS.maxBytes}`);
    expect(byId.get(ids.loop!)?.error).toBe('too_many_redirects: 3');
    expect(byId.get(ids.slow!)?.error).toBe('timeout: 2');

    const sources = (await comms.get('/api/monitoring/sources')).json().sources as Array<Record<string, any>>;
    const line = (key: string) => sources.find((s) => s.id === ids[key])!;
    expect(line('rss')).toMatchObject({ format: 'rss', lastError: null, consecutiveFailures: 0, clippings: 1 });
    expect(line('rss').lastSuccessAt).not.toBeNull();
    expect(line('json')).toMatchObject({ format: 'json', clippings: 2 });
    expect(line('huge').lastError).toBe('Document trop volumineux (plus de 1048576 octets) : il n\'a pas été lu.');
    expect(line('loop').lastError).toContain('Trop de redirections');
    expect(line('slow').lastError).toBe('Pas de réponse en 2 s.');
    expect(line('html').lastError).toBe("Ce document n'est pas un flux RSS, Atom ou JSON Feed.");
    // Back-off: a failing source is asked again later, later still after a second failure.
    const next = (key: string) => new Date(line(key).nextFetchAt).getTime() - Date.now();
    expect(next('broken')).toBeGreaterThan(14 * 60_000);
    expect(next('broken')).toBeLessThan(16 * 60_000);
    await sql`UPDATE monitoring_sources SET next_fetch_at = now() WHERE id = ${ids.broken!}`.execute(t.db);
    await pollDueSources({ db: t.db, feedLimits: LIMITS, articleLimits: LIMITS });
    const again = (await comms.get('/api/monitoring/sources')).json().sources.find((s: any) => s.id === ids.broken);
    expect(again.consecutiveFailures).toBe(2);
    expect(new Date(again.nextFetchAt).getTime() - Date.now()).toBeGreaterThan(29 * 60_000);
  });

  it('keeps one clipping per article, with a snapshot of the article text and its SHA-256', async () => {
    const all = await clippings();
    expect(all.map((c) => c.title).sort()).toEqual([
      'Calais : nouvelle expulsion d\'un campement d\'exilés', 'Calais water points closed, charity says',
      'EXPULSION À CALAIS : 40 tentes saisies selon les observateurs', 'Grande-Synthe : expulsion du campement du Puythouck',
    ]);
    const calais = all.find((c) => c.title.startsWith('Calais :'))!;
    // Seen in the RSS and the Atom feed (with other tracking parameters): one clipping, two sources.
    expect(calais.sources).toEqual(['Channel Observer', 'Journal du Littoral']);
    expect(calais).toMatchObject({ outlet: 'Journal du Littoral — Calais', author: 'Camille Martin', language: 'fr', matchedTerms: ['Human Rights Observers'], snapshotSource: 'article' });
    expect(calais.publishedAt).toBe('2026-12-01T08:30:00.000Z');
    const detail = (await comms.get(`/api/monitoring/clippings/${calais.id}`)).json().clipping;
    expect(detail.snapshotText).toContain('au moins 40 tentes ont été saisies');
    expect(detail.snapshotText).not.toContain('Résultats du loto');
    expect(detail.snapshotText).not.toContain('Mentions légales');
    expect(detail.snapshotSha256).toBe(createHash('sha256').update(detail.snapshotText).digest('hex'));
    // "HRO Today" is excluded; the per-source rule does not apply to the RSS feed's Christmas market.
    expect(all.some((c) => /HRO Today|Noël/.test(c.title))).toBe(false);
  });

  it('groups near-identical articles from different outlets into one story', async () => {
    const all = await clippings();
    const calais = all.find((c) => c.title.startsWith('Calais :'))!;
    const copy = all.find((c) => c.title.startsWith('EXPULSION'))!;
    expect(copy.storyId).toBe(calais.storyId);
    expect(calais.storySize).toBe(2);
    expect(new Set(all.map((c) => c.storyId)).size).toBe(3);
    expect((await clippings(`?storyId=${calais.storyId}`)).map((c) => c.outlet).sort()).toEqual(['Journal du Littoral — Calais', 'Nord Littoral']);
  });

  it('asks unchanged feeds with their ETag and gets a 304', async () => {
    const before = web.conditionalHits;
    const res = await comms.post(`/api/monitoring/sources/${ids.rss}/poll`);
    expect(res.json().result).toMatchObject({ status: 'not_modified', clippings: 0 });
    expect(web.conditionalHits).toBe(before + 1);
  });

  it('searches the clippings in French and English, without accents', async () => {
    const titles = async (q: string) => (await clippings(`?q=${encodeURIComponent(q)}`)).map((c) => c.title);
    expect(await titles('expulsions')).toEqual(expect.arrayContaining(['Grande-Synthe : expulsion du campement du Puythouck']));
    expect(await titles('hopital')).toHaveLength(2);
    expect(await titles('hôpital')).toHaveLength(2);
    expect(await titles('evictions')).toEqual(['Calais water points closed, charity says']);
    expect(await titles('"water points" -Grande')).toEqual(['Calais water points closed, charity says']);
    expect(await titles('Puythouck')).toEqual(['Grande-Synthe : expulsion du campement du Puythouck']);
    expect(await titles('zzzunknown')).toEqual([]);
    // The search runs outside the row policy (so that it may use the GIN index) with the
    // organisation written out: another organisation's desk finds none of these, and a page
    // keeps the newest-first order with its filters.
    const orgB = (await t.db.insertInto('organisations').values({ name: 'Other Observatory' }).returning('id').executeTakeFirstOrThrow()).id;
    const other = await t.userWithRole(orgB, 'comms');
    expect((await other.get('/api/monitoring/clippings?q=Puythouck')).json().clippings).toEqual([]);
    const all = await clippings('?q=hopital');
    expect(all.map((c) => c.foundAt)).toEqual([...all.map((c) => c.foundAt)].sort().reverse());
    expect((await clippings('?q=hopital&limit=1&offset=1')).map((c) => c.id)).toEqual([all[1]!.id]);
  });

  it('lets a person set the tone and tags and link a clipping to the press release it echoes', async () => {
    const clip = (await clippings()).find((c) => c.title.startsWith('Calais :'))!;
    const release = (await comms.post('/api/press-releases', { title: 'Expulsions à Calais', body: 'Texte.' })).json().release;
    const res = await comms.patch(`/api/monitoring/clippings/${clip.id}`, { tone: 'positive', tags: ['Expulsions', 'HRO cité', 'expulsions'], pressReleaseId: release.id });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().clipping).toMatchObject({ tone: 'positive', toneBy: 'comms user', tags: ['expulsions', 'hro cité'], pressReleaseId: release.id });
    expect((await clippings(`?pressReleaseId=${release.id}`)).map((c) => c.id)).toEqual([clip.id]);
    expect((await clippings('?tag=expulsions')).map((c) => c.id)).toEqual([clip.id]);
    const missing = await comms.patch(`/api/monitoring/clippings/${clip.id}`, { pressReleaseId: '00000000-0000-4000-8000-000000000000' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('press_release.not_found');
    expect((await comms.patch(`/api/monitoring/clippings/${clip.id}`, { tone: 'furious' })).statusCode).toBe(400);
  });

  it('mails the daily digest, one entry per story, to the people chosen', async () => {
    const me = comms.user.id;
    const bad = await comms.put('/api/monitoring/digest', { recipientIds: ['00000000-0000-4000-8000-000000000000'] });
    expect(bad.json().code).toBe('monitoring.unknown_recipient');
    const saved = await comms.put('/api/monitoring/digest', { recipientIds: [me] });
    expect(saved.json().recipients.map((r: any) => r.email)).toEqual(['veille@hro.example']);
    expect(await sendDigests({ db: t.db, queue: t.vigie.ctx.queue })).toBe(1);
    expect(await sendDigests({ db: t.db, queue: t.vigie.ctx.queue })).toBe(0);
    const mail = await t.smtp.waitFor('veille@hro.example');
    const body = mailText(mail.raw);
    expect(mail.raw).toContain('Subject: =?UTF-8?Q?Revue_de_presse_du_');
    expect(body).toContain('4 article(s), 3 sujet(s).');
    expect(body).toMatch(/1\. Calais : nouvelle expulsion d'un campement d'exilés \(Journal du Littoral — Calais, 1er décembre\)\r?\n {3}Repris par : Nord Littoral/);
    expect(body).toContain('- Serveur muet : Pas de réponse en 2 s.');
    // Short excerpts only, never the article's whole text.
    expect(body).not.toContain('épuisent les personnes et les empêchent');
  });
});
