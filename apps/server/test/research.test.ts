import { unzipSync, zipSync } from 'fflate';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parisDate } from '@vigie/domain';
import { sendAgreementReminders } from '../src/modules/communication/research/agreement-reminders.js';
import { mailText } from './mail-body.js';
import { dataPackageErrors } from '../src/modules/communication/research/release-files.js';
import { publishedProfileErrors } from './published-data-package.js';
import { verifyBundle } from '../src/modules/legal/bundles/bundle-verifier.js';
import { startTestVigie, type TestClient, type TestVigie } from './harness.js';
import { evictionCommand, operationCommand, push, reference, siteCommand, submitCommand } from './field-fixtures.js';

/**
 * Research data sharing, end to end on the real server and job queue.
 * Fixture (2025, all verified, commune 62193): site A on 6, 8, 13, 15, 20 January and on 3, 10,
 * 17, 24, 25, 26 February; site B on 7 and 27 January. So Calais has 7 evictions in January
 * (6 of them by the 20th) and 6 in February; site B alone has 2 (a small count).
 */
let t: TestVigie;
let comms: TestClient;
let researcher: TestClient;
let publicKeyPem: string;
let adminClient: TestClient;

const AGREEMENT = {
  recipientName: 'Dr Camille Martin', recipientEmail: 'camille.martin@univ.example', institution: 'Université de Lille',
  purpose: 'Thèse sur les expulsions de lieux de vie à la frontière', startsOn: '2026-01-01', endsOn: '2027-12-31',
  finestDate: 'day', finestPlace: 'site', measures: ['evictions', 'personsEvicted'],
};

async function agreement(over: Record<string, unknown> = {}) {
  const res = await comms.post('/api/research/agreements', { ...AGREEMENT, ...over });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().agreement.id as string;
}
async function profile(name: string, over: Record<string, unknown> = {}) {
  const res = await comms.post('/api/research/profiles', { name, dateLevel: 'month', placeLevel: 'commune', measures: ['evictions', 'personsEvicted'], ...over });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().profile.id as string;
}
async function release(agreementId: string, profileId: string, from: string, to: string) {
  const res = await comms.post(`/api/research/agreements/${agreementId}/releases`, { profileId, from, to });
  expect(res.statusCode, res.body).toBe(202);
  const id = res.json().release.id as string;
  for (let i = 0; i < 300; i += 1) {
    const r = (await comms.get(`/api/research/releases/${id}`)).json().release;
    if (['done', 'refused', 'failed'].includes(r.status)) return r;
    await new Promise((ok) => setTimeout(ok, 100));
  }
  throw new Error('release job did not finish');
}
async function zipOf(c: TestClient, url: string) {
  const res = await t.vigie.app.inject({ method: 'GET', url, headers: c.cookie ? { cookie: c.cookie } : {} });
  return { statusCode: res.statusCode, bytes: new Uint8Array(res.rawPayload), json: () => JSON.parse(res.body) };
}
const text = (entries: Record<string, Uint8Array>, name: string) => Buffer.from(entries[name]!).toString('utf8');

beforeAll(async () => {
  t = await startTestVigie();
  const admin = await t.setUpAdmin();
  adminClient = admin;
  const org = admin.user.organisationId;
  const observer = await t.userWithRole(org, 'observer');
  const coordinator = await t.userWithRole(org, 'coordinator');
  comms = await t.userWithRole(org, 'comms');
  researcher = await t.userWithRole(org, 'researcher');
  const { calaisisId } = await reference(observer);
  const siteA = siteCommand(calaisisId, { code: 'A1', name: 'Site A' });
  const siteB = siteCommand(calaisisId, { code: 'B1', name: 'Site B' });
  await push(observer, [siteA, siteB]);
  const record = async (siteId: string, day: string) => {
    const at = `${day}T07:00:00Z`;
    const op = operationCommand(calaisisId, { startedAt: at });
    const ev = evictionCommand(op.record.id, siteId, { arrivedAt: at, leftAt: null, counts: { personsEvicted: { n: 10, atLeast: true } } });
    const results = await push(observer, [op, ev, submitCommand(ev.record.id)]);
    expect(results.every((r) => r.status === 'applied')).toBe(true);
    expect((await coordinator.post(`/api/evictions/${ev.record.id}/verify`, { version: 2 })).statusCode).toBe(200);
  };
  for (const d of ['2025-01-06', '2025-01-08', '2025-01-13', '2025-01-15', '2025-01-20', '2025-02-03', '2025-02-10', '2025-02-17', '2025-02-24', '2025-02-25', '2025-02-26']) await record(siteA.record.id, d);
  for (const d of ['2025-01-07', '2025-01-27']) await record(siteB.record.id, d);
  const legal = await t.userWithRole(org, 'legal');
  publicKeyPem = (await legal.get('/api/legal/bundles/public-key')).json().publicKeyPem;
}, 180_000);

afterAll(async () => {
  await t?.vigie.close();
  await t?.smtp.close();
});

describe('researchers see aggregates only', () => {
  it('refuses the drill-down and exports with a clear message, but not the aggregates', async () => {
    const drill = await researcher.get('/api/statistics/evictions?from=2025-01-01&to=2025-02-28');
    expect(drill.statusCode).toBe(403);
    expect(drill.json().code).toBe('auth.aggregates_only');
    expect(drill.json().message).toContain('agrégés');
    expect((await researcher.get('/api/exports/evictions.csv')).json().code).toBe('auth.aggregates_only');
    expect((await researcher.get('/api/statistics/summary?from=2025-01-01&to=2025-02-28')).statusCode).toBe(200);
  });
});

describe('agreements and profiles', () => {
  it('links the recipient to the contacts registry, once per address, with the agreement on their timeline', async () => {
    const listed = async (id: string) => (await comms.get('/api/research/agreements')).json().agreements.find((a: { id: string }) => a.id === id) as { contactId: string };
    const first = await listed(await agreement());
    const second = await listed(await agreement({ recipientEmail: 'Camille.Martin@univ.example', purpose: 'Second volet de la thèse' }));
    expect(first.contactId).toEqual(expect.any(String));
    // The same person, written with other capitals: one contact, not two.
    expect(second.contactId).toBe(first.contactId);
    const contact = (await comms.get(`/api/contacts/${second.contactId}`)).json().contact;
    expect(contact.roles).toContain('researcher');
    expect(contact.timeline.map((e: { summary: string }) => e.summary)).toEqual(expect.arrayContaining([
      expect.stringContaining('Second volet de la thèse'), expect.stringContaining('Thèse sur les expulsions'),
    ]));
  });

  it('keeps the signed agreement encrypted and gives it back unchanged', async () => {
    const id = await agreement();
    const pdf = Buffer.from('%PDF-1.4 accord signe par les deux parties');
    const up = await comms.request('POST', `/api/research/agreements/${id}/document?name=accord.pdf`, pdf.toString('utf8'), { 'content-type': 'application/pdf' });
    expect(up.statusCode, up.body).toBe(200);
    expect(up.json().agreement.document.sizeBytes).toBe(pdf.length);
    const back = await zipOf(comms, `/api/research/agreements/${id}/document`);
    expect(Buffer.from(back.bytes).equals(pdf)).toBe(true);
    expect(up.json().agreement.contactId).toEqual(expect.any(String));
  });

  it('refuses profiles that would publish free text or identities, unknown fields and k below 2', async () => {
    const notes = await comms.post('/api/research/profiles', { name: 'bad', dateLevel: 'month', placeLevel: 'commune', measures: ['evictions', 'notes'] });
    expect(notes.statusCode).toBe(400);
    expect(notes.json().code).toBe('research.profile_forbidden_field');
    expect(notes.json().message).toContain('notes');
    expect((await comms.post('/api/research/profiles', { name: 'bad', dateLevel: 'month', placeLevel: 'commune', measures: ['witnessName'] })).json().code).toBe('research.profile_forbidden_field');
    expect((await comms.post('/api/research/profiles', { name: 'bad', dateLevel: 'month', placeLevel: 'commune', measures: ['evictions'], k: 1 })).json().code).toBe('research.profile_k_too_small');
  });

  it('versions a profile saved twice under one name', async () => {
    await profile('versioned');
    await profile('versioned', { k: 7 });
    const list = (await comms.get('/api/research/profiles')).json().profiles.filter((p: { name: string }) => p.name === 'versioned');
    expect(list.map((p: { version: number }) => p.version)).toEqual([2, 1]);
  });

  it('refuses a release for an expired agreement, and a profile more detailed than granted', async () => {
    const expired = await agreement({ startsOn: '2025-01-01', endsOn: '2025-12-31' });
    const p = await profile('monthly');
    const res = await comms.post(`/api/research/agreements/${expired}/releases`, { profileId: p, from: '2025-01-01', to: '2025-01-31' });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('research.agreement_expired');
    const narrow = await agreement({ finestDate: 'month', finestPlace: 'area' });
    const tooFine = await comms.post(`/api/research/agreements/${narrow}/releases`, { profileId: p, from: '2025-01-01', to: '2025-01-31' });
    expect(tooFine.json().code).toBe('research.profile_exceeds_agreement');
    expect(tooFine.json().message).toContain('placeLevel:commune');
  });
});

describe('frozen releases', () => {
  let agreementId: string;
  let zip: Uint8Array;

  it('generates a signed release the bundle verifier accepts, with a valid data package', async () => {
    agreementId = await agreement();
    const r = await release(agreementId, await profile('commune-month'), '2025-01-01', '2025-02-28');
    expect(r.status).toBe('done');
    expect(r.files.map((f: { name: string }) => f.name)).toEqual(expect.arrayContaining(['data.csv', 'data.xlsx', 'datapackage.json', 'codebook.fr.md', 'codebook.en.md', 'README.md', 'release.zip']));
    const res = await zipOf(comms, `/api/research/releases/${r.id}/release.zip`);
    expect(res.statusCode).toBe(200);
    zip = res.bytes;
    const report = await verifyBundle(zip, publicKeyPem);
    expect(report.valid).toBe(true);
    expect(report.checked).toContain('data.csv');
    const entries = unzipSync(zip);
    expect(dataPackageErrors(JSON.parse(text(entries, 'datapackage.json')))).toEqual([]);
    expect(publishedProfileErrors(JSON.parse(text(entries, 'datapackage.json')))).toEqual([]);
    expect(dataPackageErrors({ resources: [] })).not.toEqual([]);
    expect(publishedProfileErrors({ resources: [{ name: 'Not A Valid Name', path: 'data.csv' }] })).not.toEqual([]);
    const csv = text(entries, 'data.csv');
    expect(csv).toContain('2025-01,62193');
    expect(csv.split('\r\n')[1]).toBe('2025-01,62193,Calais,7,false,70,true,false');
    expect(text(entries, 'codebook.fr.md')).toContain('personnes expulsées');
    expect(text(entries, 'codebook.en.md')).toContain('people evicted');
    expect(text(entries, 'README.md')).toContain('au moins');
    expect(csv).not.toMatch(/Site A|Site B|A1|B1/);
  });

  it('names a tampered file', async () => {
    const entries = unzipSync(zip);
    entries['data.csv'] = new Uint8Array(Buffer.from(text(entries, 'data.csv').replace(',7,', ',9,')));
    const report = await verifyBundle(zipSync(entries), publicKeyPem);
    expect(report.valid).toBe(false);
    expect(report.altered.map((a) => a.path)).toEqual(['data.csv']);
  });

  it('suppresses small counts and the cells that would reveal them (site level)', async () => {
    // A fresh agreement: with the commune release above, hiding the January total would not protect site B.
    const r = await release(await agreement({ recipientName: 'Équipe sites' }), await profile('site-month', { placeLevel: 'site', k: 5 }), '2025-01-01', '2025-02-28');
    expect(r.status, r.refusedCells.join('; ')).toBe('done');
    const entries = unzipSync((await zipOf(comms, `/api/research/releases/${r.id}/release.zip`)).bytes);
    const rows = text(entries, 'data.csv').trim().split('\r\n').slice(1).map((l) => l.split(','));
    for (const row of rows) {
      const n = row[3] === '' ? null : Number(row[3]);
      if (n !== null) expect(n === 0 || n >= 5).toBe(true);
    }
    // Site B's 2 January evictions are hidden, and so is enough else that the totals do not give them away.
    expect(rows.filter((row) => row[3] === '').length).toBeGreaterThanOrEqual(2);
  });

  it('gives the same site different pseudonyms under two agreements', async () => {
    // Evictions only, as the screen's new profile starts: no other count is read (that query once lost its select list).
    const p = await profile('site-month-2', { placeLevel: 'site', k: 2, measures: ['evictions'] });
    const other = await agreement({ recipientName: 'Autre équipe' });
    const codes = async (a: string) => {
      const r = await release(a, p, '2025-02-01', '2025-02-28');
      const csv = text(unzipSync((await zipOf(comms, `/api/research/releases/${r.id}/release.zip`)).bytes), 'data.csv');
      return new Set([...csv.matchAll(/S-[0-9A-F]{10}/g)].map((m) => m[0]));
    };
    const first = await codes(agreementId);
    const second = await codes(other);
    expect(first.size).toBe(1);
    expect(second.size).toBe(1);
    expect([...first][0]).not.toBe([...second][0]);
  });

  it('refuses a release that, with an earlier one, reveals a small count by subtraction, naming the cells', async () => {
    const a = await agreement({ recipientName: 'Équipe différence' });
    const p = await profile('commune-month-diff');
    expect((await release(a, p, '2025-01-01', '2025-01-20')).status).toBe('done'); // Calais, January: 6
    const second = await release(a, p, '2025-01-01', '2025-01-31'); // Calais, January: 7 — the difference is 1
    expect(second.status).toBe('refused');
    expect(second.refusedCells.join(' ')).toContain('62193 2025-01');
    expect(second.files).toEqual([]);
  });

  it('makes an empty but valid release for a period without data', async () => {
    const r = await release(agreementId, await profile('empty'), '2024-06-01', '2024-06-30');
    expect(r.status).toBe('done');
    const zipBytes = (await zipOf(comms, `/api/research/releases/${r.id}/release.zip`)).bytes;
    expect((await verifyBundle(zipBytes, publicKeyPem)).valid).toBe(true);
    const entries = unzipSync(zipBytes);
    expect(text(entries, 'data.csv').trim().split('\r\n')).toHaveLength(1);
    expect(dataPackageErrors(JSON.parse(text(entries, 'datapackage.json')))).toEqual([]);
  });

  it('shares a release by a link that is logged on every download and stops with 410 when revoked', async () => {
    const r = (await comms.get(`/api/research/agreements/${agreementId}/releases`)).json().releases.find((x: { status: string }) => x.status === 'done');
    const created = await comms.post(`/api/research/releases/${r.id}/links`, { days: 30 });
    expect(created.statusCode).toBe(201);
    const path = new URL(created.json().url).pathname;
    const got = await zipOf(t.client(), path);
    expect(got.statusCode).toBe(200);
    expect((await verifyBundle(got.bytes, publicKeyPem)).valid).toBe(true);
    const log = (await comms.get(`/api/research/releases/${r.id}/links`)).json();
    expect(log.downloads).toHaveLength(1);
    expect(log.downloads[0].ipHash).toMatch(/^[0-9a-f]{12}$/);
    expect((await comms.post(`/api/research/releases/${r.id}/links/${created.json().link.id}/revoke`, {})).statusCode).toBe(200);
    const revoked = await zipOf(t.client(), path);
    expect(revoked.statusCode).toBe(410);
    expect(revoked.json().code).toBe('research.link_revoked');
    expect((await zipOf(t.client(), '/api/research/shared/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/release.zip')).statusCode).toBe(404);
  });

  it('stops a link once its agreement has ended (410), telling the recipient why', async () => {
    const a = await agreement({ recipientName: 'Équipe fin' });
    const r = await release(a, await profile('end-check'), '2025-02-01', '2025-02-28');
    const link = (await comms.post(`/api/research/releases/${r.id}/links`, { days: 30 })).json();
    const path = new URL(link.url).pathname;
    expect((await zipOf(t.client(), path)).statusCode).toBe(200);
    await sql`UPDATE research_agreements SET starts_on = '2025-01-01', ends_on = '2025-12-31' WHERE id = ${a}`.execute(t.db);
    const ended = await zipOf(t.client(), path);
    expect(ended.statusCode).toBe(410);
    expect(ended.json().code).toBe('research.agreement_ended');
  });
});

describe('agreement reminders', () => {
  it('reminds before the end and tells the recipient once it has ended, each mail once', async () => {
    const today = parisDate(new Date());
    const inDays = (n: number) => new Date(Date.parse(`${today}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
    const deps = { db: t.db, queue: t.vigie.ctx.queue, config: t.vigie.ctx.config };
    await sendAgreementReminders(deps); // whatever earlier tests left due
    await agreement({ recipientName: 'Bientôt fini', recipientEmail: 'bientot@univ.example', institution: 'Institut Bientôt', startsOn: inDays(-30), endsOn: inDays(10) });
    await agreement({ recipientName: 'Déjà fini', recipientEmail: 'fini@univ.example', institution: 'Institut Fini', startsOn: inDays(-60), endsOn: inDays(-1) });
    expect(await sendAgreementReminders(deps)).toBe(3); // the first to its recipient and to comms, the second to its recipient
    const ending = mailText((await t.smtp.waitFor('bientot@univ.example')).raw);
    expect(ending).toContain(inDays(10));
    const ended = mailText((await t.smtp.waitFor('fini@univ.example')).raw);
    expect(ended).toContain('ne fonctionnent plus');
    expect(await sendAgreementReminders(deps)).toBe(0);
  });
});

describe('public figures as a data package', () => {
  it('offers the public page as a valid Data Package, with the same suppression, only once published', async () => {
    expect((await t.client().get('/api/public/hro-calais/datapackage.json')).statusCode).toBe(404);
    expect((await adminClient.put('/api/statistics/public-settings', { enabled: true, slug: 'hro-calais', threshold: 5 })).statusCode).toBe(200);
    const res = await t.client().get('/api/public/hro-calais/datapackage.json');
    expect(res.statusCode, res.body).toBe(200);
    const pkg = res.json();
    expect(dataPackageErrors(pkg)).toEqual([]);
    expect(publishedProfileErrors(pkg)).toEqual([]);
    expect(pkg.resources.map((r: { name: string }) => r.name)).toEqual(['data', 'totals']);
    for (const row of pkg.resources[0].data) if (row.evictions !== null) expect(row.evictions === 0 || row.evictions >= 5).toBe(true);
  });
});
