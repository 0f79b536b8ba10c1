import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import canonicalize from 'canonicalize';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestVigie, type TestClient, type TestVigie } from './harness.js';
import { seedFebruary, type Fixture } from './bulletin-fixture.js';
import { jpegWithGps, patchChunk, publicCopyMade, sha256, uploadBody } from './evidence-fixtures.js';
import { push } from './field-fixtures.js';

/**
 * The monthly bulletin end to end, through the HTTP API on a real database: golden files in
 * French and English from a fixed month, the PDF's text, an empty month, publication that
 * freezes figures and files, a later correction shown as a difference, and bad input.
 */
const GOLDEN = join(import.meta.dirname, 'golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const backend = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';

let t: TestVigie;
let coordinator: TestClient;
let comms: TestClient;
let observer: TestClient;
let fx: Fixture;
const tmp = mkdtempSync(join(tmpdir(), 'vigie-bulletin-'));

beforeAll(async () => {
  t = await startTestVigie();
  const admin = await t.setUpAdmin();
  const organisationId = admin.user.organisationId;
  coordinator = await t.userWithRole(organisationId, 'coordinator');
  comms = await t.userWithRole(organisationId, 'comms');
  observer = await t.userWithRole(organisationId, 'observer');
  fx = await seedFebruary(coordinator);
});
afterAll(async () => {
  await t?.close();
  rmSync(tmp, { recursive: true, force: true });
});

async function create(c: TestClient, areaId: string, month: string) {
  const res = await c.post('/api/bulletins', { areaId, month });
  expect([200, 201], res.body).toContain(res.statusCode);
  return res.json().bulletin;
}

async function download(c: TestClient, id: string, format: string, locale: string) {
  const res = await t.vigie.app.inject({ method: 'GET', url: `/api/bulletins/${id}/export?format=${format}&locale=${locale}`, headers: { cookie: c.cookie } });
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  return { bytes: res.rawPayload, headers: res.headers };
}

function pdfText(pdf: Buffer): string {
  const file = join(tmp, `b-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync('/usr/bin/pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

/** Photos are data: URIs whose bytes depend on the image encoder's version: checked apart, then left out. */
const withoutPhotoBytes = (html: string) => html.replace(/data:image\/jpeg;base64,[A-Za-z0-9+/=]+/g, 'data:image/jpeg;base64,…');

function golden(name: string, actual: string) {
  const path = join(GOLDEN, name);
  if (UPDATE) {
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(path, actual);
  }
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

describe(`monthly bulletin (${backend})`, () => {
  let bulletin: any;
  let photoId: string;

  it('drafts the Calaisis bulletin of February 2026 with the default figure set, in French and English, as the golden files', async () => {
    // A photo of the month with its publication copy, placed in a slot with a credit.
    const jpeg = await jpegWithGps();
    const body = uploadBody(jpeg, { evictionId: fx.evictions.e1!.id }, { declaredType: 'image/jpeg', originalName: 'IMG_0001.jpg', credit: 'HRO' });
    expect((await coordinator.post('/api/evidence', body)).statusCode).toBe(201);
    const stored = await patchChunk(t, coordinator, body.id, 0, jpeg);
    expect(stored.statusCode).toBe(200);
    photoId = body.id;
    const publicSha = (await publicCopyMade(coordinator, body.id)).publicCopySha256 as string;

    const created = await comms.post('/api/bulletins', { areaId: fx.calaisisId, month: '2026-02' });
    expect(created.statusCode, created.body).toBe(201);
    bulletin = created.json().bulletin;
    expect(bulletin.figureSet.map((e: any) => e.metric)).toEqual([
      'evictions', 'evictions', 'tentsSeized', 'arrests', 'mattressesSeized', 'blanketsSeized', 'tarpsSeized', 'palletsWoodSeized', 'chairsSeized',
      'bikesSeized', 'phonesSeized', 'unaccompaniedMinors',
    ]);
    const candidates = (await comms.get(`/api/bulletins/${bulletin.id}/photos`)).json().photos;
    expect(candidates.map((p: any) => p.evidenceId)).toEqual([photoId]);

    const edited = await comms.patch(`/api/bulletins/${bulletin.id}`, {
      version: bulletin.version,
      headline: { fr: 'Un mois de harcèlement continu à Calais', en: 'A month of continuous harassment in Calais' },
      context: {
        fr: ['Le froid s’est installé début février : les saisies de tentes ont laissé des personnes sans abri par -2 °C.', 'Les expulsions ont repris après deux semaines d’accalmie.'],
        en: ['Cold weather set in early February: tent seizures left people without shelter at -2 °C.', 'Evictions resumed after a two-week lull.'],
      },
      photos: [{ evidenceId: photoId, credit: 'Human Rights Observers', caption: { fr: 'Tentes saisies au bois B2, 13 février', en: 'Tents seized at the B2 wood, 13 February' } }],
    });
    expect(edited.statusCode, edited.body).toBe(200);
    bulletin = edited.json().bulletin;
    expect(bulletin.version).toBe(2);
    expect(bulletin.content.photos).toEqual([expect.objectContaining({ evidenceId: photoId, sha256: publicSha })]);

    for (const locale of ['fr', 'en']) {
      const html = (await download(comms, bulletin.id, 'html', locale)).bytes.toString('utf8');
      const src = /data:image\/jpeg;base64,([A-Za-z0-9+/=]+)/.exec(html)?.[1];
      // The image in the page is the publication copy itself (no metadata), not the original.
      expect(sha256(Buffer.from(src!, 'base64'))).toBe(publicSha);
      expect(html).not.toContain('Fairphone');
      golden(`bulletin-calaisis-2026-02.${locale}.html`, withoutPhotoBytes(html));
      golden(`bulletin-calaisis-2026-02.${locale}.md`, (await download(comms, bulletin.id, 'md', locale)).bytes.toString('utf8'));
    }
  });

  it('reads the figures in the same words in the preview the app shows', async () => {
    const view = (await observer.get(`/api/bulletins/${bulletin.id}`)).json().bulletin;
    // A complete rota (27 days expected, 27 observed): what the observers were sure of is exact;
    // counts they flagged "au moins", or left blank on one eviction (arrests), stay minimums.
    expect(view.documents.fr.coverage).toBe('Jours d’observation : 27 sur 27');
    expect(view.documents.fr.figures.slice(0, 4)).toEqual([
      '4 expulsions de 3 lieux de vie distincts',
      // One eviction of the month had no CRS: the forces line is printed, with its reference.
      'Dont 1 menée par la police nationale et la BAC sans CRS',
      'Au moins 25 tentes saisies, dont au moins 7 pleines d’affaires',
      'Au moins 3 interpellations, dont au moins 1 avec violence',
    ]);
    expect(view.documents.en.factGroups[0].sentences).toContain('On 13, 18 and 27 February, tents were shaken to force people out.');
    expect(view.documents.fr.factGroups[0].sentences).toContain('Les 13, 18 et 27 février, des tentes ont été secouées pour en faire sortir les personnes.');
    expect(view.documents.fr.factGroups[1].sentences).toEqual(['Le 13 février, les observateur·ices ont été tenu·es à distance par un périmètre de sécurité.']);
    expect(view.documents.fr.factGroups[2].sentences[0]).toBe('Les 18 et 27 février, une distribution alimentaire était en cours pendant l’expulsion.');
    expect(view.content.figures[1].reference).toEqual({
      metric: 'evictions', from: '2026-02-01', to: '2026-02-28', areaCode: 'calaisis', filters: { forcesPresent: ['pn', 'bac'], forcesAbsent: ['crs'] },
    });
    // The unverified eviction of 20 February (100 people, 50 tents, tear gas) is nowhere.
    expect(JSON.stringify(view.documents)).not.toMatch(/\b20 février|\b100\b|\b50\b/);
    expect(view.content.comparisons).toMatchObject({ previousMonth: '2026-01', yearBeforeMonth: '2025-02' });
    const tents = view.content.comparisons.rows.find((r: any) => r.metric === 'tentsSeized');
    expect([tents.current.value, tents.previous.value, tents.yearBefore.value]).toEqual([25, 20, 3]);
  });

  it('prints an A4 PDF whose text holds the figures, in both languages', async () => {
    for (const [locale, expected] of [
      ['fr', ['Bulletin mensuel des observations des expulsions dans le Calaisis', 'février 2026', '4 expulsions de 3 lieux', 'Au moins 25 tentes saisies', 'Au moins 20 couvertures saisies', 'Les 13, 18 et 27 février', 'Human Rights Observers']],
      ['en', ['Monthly bulletin of eviction observations in the Calaisis', 'February 2026', '4 evictions of 3 distinct', 'At least 25 tents seized', 'At least 20 blankets seized', 'On 13, 18 and 27 February']],
    ] as const) {
      // Its speed is measured in the benchmark, not here: a busy CI machine is no measure.
      const { bytes, headers } = await download(comms, bulletin.id, 'pdf', locale);
      expect(headers['content-type']).toBe('application/pdf');
      expect(headers['content-disposition']).toBe(`attachment; filename="bulletin-calaisis-2026-02-${locale}.pdf"`);
      const text = pdfText(bytes).replace(/\s+/g, ' ');
      for (const s of expected) expect(text).toContain(s);
      // A4 is 595 x 842 points.
      expect(bytes.toString('latin1')).toMatch(/\/MediaBox\s*\[\s*0 0 595\.2\d* 841\.8\d*\s*\]/);
    }
  });

  it('publishes: the snapshot and the files are frozen and hashed, and the audit trail says so', async () => {
    const refused = await observer.post(`/api/bulletins/${bulletin.id}/publish`, { version: bulletin.version });
    expect(refused.statusCode).toBe(403);
    const stale = await comms.post(`/api/bulletins/${bulletin.id}/publish`, { version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('bulletin.version_conflict');

    const draftPdf = (await download(comms, bulletin.id, 'pdf', 'fr')).bytes;
    const res = await comms.post(`/api/bulletins/${bulletin.id}/publish`, { version: bulletin.version });
    expect(res.statusCode, res.body).toBe(200);
    const published = res.json().bulletin;
    expect(published.status).toBe('published');
    expect(published.snapshotSha256).toBe(sha256(Buffer.from(canonicalize(published.content)!)));
    expect(published.files).toHaveLength(6);
    const pdf = await download(observer, bulletin.id, 'pdf', 'fr');
    expect(sha256(pdf.bytes)).toBe(published.files.find((f: any) => f.locale === 'fr' && f.format === 'pdf').sha256);
    expect(pdf.headers['x-content-sha256']).toBe(sha256(pdf.bytes));
    expect(pdf.bytes.equals(draftPdf)).toBe(false); // the footer now says when it was published
    expect(pdfText(pdf.bytes)).toContain('Publié le');

    const audit = await sql<{ action: string; after: any }>`SELECT action, after FROM audit_log WHERE entity_type = 'bulletin' AND entity_id = ${bulletin.id} ORDER BY seq`.execute(t.db);
    expect(audit.rows.map((r) => r.action)).toEqual(['bulletin.created', 'bulletin.updated', 'bulletin.published']);
    expect(audit.rows[2]!.after.snapshotSha256).toBe(published.snapshotSha256);

    const edit = await comms.patch(`/api/bulletins/${bulletin.id}`, { version: published.version, headline: { fr: 'x', en: 'x' }, context: { fr: [], en: [] }, photos: [] });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().code).toBe('bulletin.published');
    expect(edit.json().message).toContain('publié');
    // Even a direct write to the database is refused once published.
    await expect(sql`UPDATE bulletins SET headline_fr = 'changed' WHERE id = ${bulletin.id}`.execute(t.db)).rejects.toThrow(/published/);
    bulletin = published;
  });

  it('shows a later data correction as a difference, figure by figure, and never changes what was published', async () => {
    const before = (await download(comms, bulletin.id, 'pdf', 'fr')).bytes;
    const noDifference = (await comms.get(`/api/bulletins/${bulletin.id}/differences`)).json();
    expect(noDifference.figures).toEqual([]);
    expect(noDifference.facts).toEqual([]);

    // The coordinator corrects a verified eviction: 12 tents were in fact 15, and a blanket count is removed.
    const e1 = fx.evictions.e1!;
    const corrected = {
      ...e1.record,
      seized: [{ term: 'tent', n: 15, atLeast: true, parts: [{ term: 'tent_with_belongings', n: 4, atLeast: true }] }, { term: 'mattress', n: 1, atLeast: false }, { term: 'tarp', n: 6, atLeast: true }],
    };
    const [saved] = await push(coordinator, [{ commandId: crypto.randomUUID(), type: 'eviction.save', baseVersion: e1.version, record: corrected }]);
    expect(saved!.status, JSON.stringify(saved)).toBe('applied');

    const view = (await comms.get(`/api/bulletins/${bulletin.id}`)).json().bulletin;
    expect(view.content).toEqual(bulletin.content);
    expect(view.snapshotSha256).toBe(bulletin.snapshotSha256);
    expect((await download(comms, bulletin.id, 'pdf', 'fr')).bytes.equals(before)).toBe(true);

    const diff = (await observer.get(`/api/bulletins/${bulletin.id}/differences`)).json();
    expect(diff.figures).toEqual([
      { metric: 'tentsSeized', published: { value: 25, atLeast: true }, current: { value: 28, atLeast: true } },
      // Every day of the month observed: no blanket recorded now reads "aucune", exactly.
      { metric: 'blanketsSeized', published: { value: 20, atLeast: true }, current: { value: 0, atLeast: false } },
    ]);
    const reviewed = await comms.post(`/api/bulletins/${bulletin.id}/differences/review`);
    expect(reviewed.statusCode).toBe(200);
    const entry = await sql<{ after: any }>`SELECT after FROM audit_log WHERE action = 'bulletin.differences_reviewed' AND entity_id = ${bulletin.id}`.execute(t.db);
    expect(entry.rows[0]!.after.figures).toHaveLength(2);
  });

  it('lists, before publishing, a missing translation, low coverage and a cited figure that changed since the draft, and still publishes', async () => {
    const draft = await create(comms, fx.calaisisId, '2026-01');
    const saved = await comms.patch(`/api/bulletins/${draft.id}`, {
      version: draft.version, headline: { fr: '', en: '' }, context: { fr: ['Un mois de janvier glacial.'], en: [] }, photos: [],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect((await observer.get(`/api/bulletins/${draft.id}/checklist`)).statusCode).toBe(403);
    const first = await comms.get(`/api/bulletins/${draft.id}/checklist`);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().items).toEqual([
      { kind: 'missingTranslation', part: 'context', lang: 'en' },
      // One observed day out of January's 31.
      { kind: 'lowCoverage', share: expect.any(Number) },
    ]);
    expect(first.json().items[1].share).toBeLessThan(0.1);

    // The coordinator corrects January's verified eviction after the draft was saved: 20 tents were 23.
    const jan = fx.evictions.jan!;
    const [corrected] = await push(coordinator, [{ commandId: crypto.randomUUID(), type: 'eviction.save', baseVersion: jan.version, record: { ...jan.record, seized: [{ term: 'tent', n: 23, atLeast: true }] } }]);
    expect(corrected!.status, JSON.stringify(corrected)).toBe('applied');
    const changed = (await comms.get(`/api/bulletins/${draft.id}/checklist`)).json().items.filter((i: any) => i.kind === 'figureChanged');
    expect(changed).toEqual([{
      kind: 'figureChanged', metric: 'tentsSeized', from: '2026-01-01', to: '2026-01-31', areaCode: 'calaisis', filters: {},
      was: { value: 20, atLeast: true }, now: { value: 23, atLeast: true },
    }]);

    // The person read it and publishes anyway: the published bulletin says 23.
    const published = await comms.post(`/api/bulletins/${draft.id}/publish`, { version: saved.json().bulletin.version });
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json().bulletin.content.figures.find((l: any) => l.metric === 'tentsSeized').figure).toEqual({ value: 23, atLeast: true });
    expect((await comms.get(`/api/bulletins/${draft.id}/checklist`)).json().code).toBe('bulletin.published');
  });

  it('writes "non observé", never 0, for a month nobody observed', async () => {
    // No operation and no "rien à signaler" in April: nobody was there, so nothing can be said.
    const empty = await create(comms, fx.calaisisId, '2026-04');
    expect(empty.content.evictions).toEqual({ value: 0, atLeast: true, unobserved: true });
    expect(empty.content.coverage).toEqual({ expectedDays: 30, observedDays: 0, missedDays: 30 });
    expect(empty.documents.fr.figures).toEqual(['Le Calaisis n’a pas été observé en avril 2026 : chiffres non observés.']);
    expect(empty.documents.en.figures).toEqual(['The Calaisis was not observed in April 2026: figures not observed.']);
    expect(empty.documents.fr.headline).toBe('Pas d’observation en avril 2026');
    expect(empty.documents.fr.coverage).toBe('Jours d’observation : 0 sur 30');
    expect(empty.documents.fr.noFacts).toBe('Aucun fait daté n’a été relevé ce mois-ci.');
    const text = pdfText((await download(comms, empty.id, 'pdf', 'fr')).bytes);
    expect(text).toContain('Le Calaisis n’a pas été observé en avril 2026');
    expect(text).toContain('Jours d’observation : 0 sur 30');
    const md = (await download(comms, empty.id, 'md', 'en')).bytes.toString('utf8');
    expect(md).toContain('- The Calaisis was not observed in April 2026: figures not observed.');
    expect(md).not.toMatch(/at least 0|au moins 0/);
  });

  it('uses the Dunkerquois default figure set, and an area’s own figure set once configured', async () => {
    const dk = await create(comms, fx.dunkerquoisId, '2026-02');
    expect(dk.figureSet).toEqual([
      { metric: 'personsEvicted', part: null }, { metric: 'unaccompaniedMinors', part: null }, { metric: 'structuresDestroyed', part: null },
    ]);
    const set = await comms.put(`/api/bulletin-figure-sets/${fx.dunkerquoisId}`, { figures: [{ metric: 'evictions', part: 'distinctSites' }, { metric: 'personsEvicted' }] });
    expect(set.statusCode, set.body).toBe(200);
    const list = (await observer.get('/api/bulletins')).json();
    expect(list.areas.find((a: any) => a.id === fx.dunkerquoisId)).toMatchObject({ figureSetSource: 'area', figureSet: [{ metric: 'evictions', part: 'distinctSites' }, { metric: 'personsEvicted', part: null }] });
    expect(list.areas.find((a: any) => a.id === fx.calaisisId).figureSetSource).toBe('default');
    const next = await create(comms, fx.dunkerquoisId, '2026-03');
    expect(next.figureSet.map((e: any) => e.metric)).toEqual(['evictions', 'personsEvicted']);
    // Creating again returns the same draft rather than a second one.
    const again = await comms.post('/api/bulletins', { areaId: fx.dunkerquoisId, month: '2026-03' });
    expect(again.statusCode).toBe(200);
    expect(again.json().bulletin.id).toBe(next.id);
  });

  it('prints exact figures for a month with a complete rota, and minimums once one expected day was not observed', async () => {
    const preview = async () => {
      const res = await comms.post(`/api/bulletin-figure-sets/${fx.calaisisId}/preview`, { figures: bulletin.figureSet, month: '2026-02' });
      expect(res.statusCode, res.body).toBe(200);
      return res.json().documents.fr;
    };
    const complete = await preview();
    expect(complete.coverage).toBe('Jours d’observation : 27 sur 27');
    expect(complete.figures).toEqual(expect.arrayContaining(['4 expulsions de 3 lieux de vie distincts', '1 matelas saisi', '2 chaises saisies', '1 vélo saisi']));
    // 5 February was a day without volunteers; once the rota expects it, nobody observed it.
    expect((await coordinator.delete(`/api/rota/exceptions/${fx.rotaExceptionId}`)).statusCode).toBe(204);
    const missing = await preview();
    expect(missing.coverage).toBe('Jours d’observation : 27 sur 28');
    expect(missing.figures).toEqual(expect.arrayContaining([
      'Au moins 4 expulsions d’au moins 3 lieux de vie distincts', 'Au moins 1 matelas saisi', 'Au moins 2 chaises saisies', 'Au moins 1 vélo saisi',
    ]));
    expect(missing.figures.filter((f: string) => !/^(Au moins|Dont au moins)/.test(f))).toEqual([]);
    const restored = await coordinator.post('/api/rota/areas/calaisis/exceptions', { from: '2026-02-05', to: '2026-02-05', reason: 'Pas de bénévoles disponibles' });
    expect(restored.statusCode).toBe(201);
    expect((await preview()).coverage).toBe('Jours d’observation : 27 sur 27');
  });

  it('refuses bad input with a clear message, never a 500 and never a half-saved record', async () => {
    const unknownArea = await comms.post('/api/bulletins', { areaId: crypto.randomUUID(), month: '2026-02' });
    expect(unknownArea.statusCode).toBe(400);
    expect(unknownArea.json()).toMatchObject({ code: 'bulletin.unknown_area' });
    for (const month of ['2026-13', '2026-2', 'février 2026', '2026-02-01']) {
      const res = await comms.post('/api/bulletins', { areaId: fx.calaisisId, month });
      expect(res.statusCode, month).toBe(400);
      expect(res.json().code).toBe('request.validation_failed');
      expect(res.json().message).toContain('month');
    }
    const unknownMetric = await comms.put(`/api/bulletin-figure-sets/${fx.calaisisId}`, { figures: [{ metric: 'evictions' }, { metric: 'tentsBurnt', part: null }] });
    expect(unknownMetric.statusCode).toBe(422);
    expect(unknownMetric.json().code).toBe('bulletin.unknown_metric');
    expect(unknownMetric.json().message).toContain('« tentsBurnt »');
    const unknownPart = await comms.put(`/api/bulletin-figure-sets/${fx.calaisisId}`, { figures: [{ metric: 'arrests', part: 'arrestsWithTasers' }] });
    expect(unknownPart.json().code).toBe('bulletin.unknown_metric');
    expect((await observer.get('/api/bulletins')).json().areas.find((a: any) => a.id === fx.calaisisId).figureSetSource).toBe('default');

    // An area with no figure set of its own and no default for its code.
    const org = comms.user.organisationId as string;
    const areaId = crypto.randomUUID();
    await sql`INSERT INTO areas (id, organisation_id, code, name) VALUES (${areaId}, ${org}, 'littoral', 'Littoral nord')`.execute(t.db);
    const noSet = await comms.post('/api/bulletins', { areaId, month: '2026-02' });
    expect(noSet.statusCode).toBe(422);
    expect(noSet.json().code).toBe('bulletin.no_figure_set');
    expect(noSet.json().message).toContain('« Littoral nord »');
    const count = await sql<{ n: number }>`SELECT count(*)::int AS n FROM bulletins WHERE area_id = ${areaId}`.execute(t.db);
    expect(count.rows[0]!.n).toBe(0);

    const draft = await create(comms, fx.calaisisId, '2026-05');
    const photo = await comms.patch(`/api/bulletins/${draft.id}`, {
      version: draft.version, headline: { fr: '', en: '' }, context: { fr: [], en: [] },
      photos: [{ evidenceId: crypto.randomUUID(), credit: 'HRO', caption: { fr: '', en: '' } }],
    });
    expect(photo.statusCode).toBe(422);
    expect(photo.json().code).toBe('bulletin.photo_not_publishable');
    expect((await comms.get(`/api/bulletins/${draft.id}`)).json().bulletin.version).toBe(draft.version);
    const creatorDenied = await observer.post('/api/bulletins', { areaId: fx.calaisisId, month: '2026-06' });
    expect(creatorDenied.statusCode).toBe(403);
    const differencesOfDraft = await comms.get(`/api/bulletins/${draft.id}/differences`);
    expect(differencesOfDraft.statusCode).toBe(409);
    expect(differencesOfDraft.json().code).toBe('bulletin.not_published');
    expect((await comms.get(`/api/bulletins/${crypto.randomUUID()}`)).statusCode).toBe(404);
  });
});
