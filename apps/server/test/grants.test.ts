import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parisDate } from '@vigie/domain';
import { sendGrantReminders } from '../src/modules/communication/grants/grant-reminders.js';
import { seedEviction } from './evidence-fixtures.js';
import { startTestVigie, type TestClient, type TestVigie } from './harness.js';
import { mailText } from './mail-body.js';

/**
 * Funder indicators (issue 14, d.4): a grant whose indicators are computed by the modules that
 * own the counts match counts made by hand on a fixture (Paris days at the edges included); the
 * XLSX and PDF reports carry baseline, target and actual worded as everywhere; bad input is
 * refused in words with nothing saved; a source figure that no longer exists is a message, not a
 * 500; reporting dates appear in the calendar and are reminded once by mail.
 */
let t: TestVigie;
let comms: TestClient;
let orgId: string;
let areaCode: string;
let funderId: string;
let personId: string;

const today = parisDate(new Date());
const inDays = (n: number) => new Date(Date.parse(`${today}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const grantCount = async () => Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM grants`.execute(t.db)).rows[0]!.n);

beforeAll(async () => {
  t = await startTestVigie();
  const admin = await t.setUpAdmin();
  orgId = admin.user.organisationId;
  comms = await t.userWithRole(orgId, 'comms');
  const { evictionId } = await seedEviction(t, orgId, comms.user.id); // 13 February 2026
  await sql`UPDATE evictions SET status = 'verified' WHERE id = ${evictionId}`.execute(t.db);
  areaCode = (await sql<{ code: string }>`SELECT a.code FROM areas a JOIN sites s ON s.area_id = a.id JOIN evictions e ON e.site_id = s.id WHERE e.id = ${evictionId}`.execute(t.db)).rows[0]!.code;
  const u = comms.user.id;
  funderId = (await sql<{ id: string }>`INSERT INTO contacts (organisation_id, kind, display_name, organisation_type, created_by) VALUES (${orgId}, 'organisation', 'Fondation du Littoral', 'funder', ${u}) RETURNING id`.execute(t.db)).rows[0]!.id;
  personId = (await sql<{ id: string }>`INSERT INTO contacts (organisation_id, kind, display_name, created_by) VALUES (${orgId}, 'person', 'Jeanne Martin', ${u}) RETURNING id`.execute(t.db)).rows[0]!.id;

  // Press releases: two sent within January–March (Paris days; 22:00 on 31 March Paris counts), one sent
  // at 00:30 on 1 April Paris, one draft → 2.
  for (const [status, sentAt] of [['sent', '2026-01-15T10:00:00Z'], ['sent', '2026-03-31T20:00:00Z'], ['sent', '2026-03-31T22:30:00Z'], ['draft', null]] as const) {
    await sql`INSERT INTO press_releases (organisation_id, title, status, created_by, sent_at, snapshot)
      VALUES (${orgId}, 'Communiqué', ${status}, ${u}, ${sentAt}, ${sentAt ? '{}' : null})`.execute(t.db);
  }
  // Clippings: published in February, found in March without a date, published in May → 2.
  const story = (await sql<{ id: string }>`INSERT INTO monitoring_stories (organisation_id, title) VALUES (${orgId}, 'Expulsions') RETURNING id`.execute(t.db)).rows[0]!.id;
  for (const [n, published, found] of [[1, '2026-02-01T09:00:00Z', '2026-02-01T10:00:00Z'], [2, null, '2026-03-10T10:00:00Z'], [3, '2026-05-01T09:00:00Z', '2026-05-01T10:00:00Z']] as const) {
    await sql`INSERT INTO monitoring_clippings (organisation_id, canonical_url, url, title, outlet, published_at, story_id, found_at)
      VALUES (${orgId}, ${`news.example/${n}`}, ${`https://news.example/${n}`}, 'Article', 'La Voix', ${published}, ${story}, ${found})`.execute(t.db);
  }
  // Newsletter: A subscribed in January; B subscribed then withdrew in March; C subscribed in April → 1 on 31 March.
  const list = (await sql<{ id: string }>`INSERT INTO contact_lists (organisation_id, name, kind, legal_basis) VALUES (${orgId}, 'Lettre', 'static', 'consent') RETURNING id`.execute(t.db)).rows[0]!.id;
  await sql`INSERT INTO newsletter_settings (organisation_id, enabled, list_id) VALUES (${orgId}, true, ${list})`.execute(t.db);
  for (const [name, events] of [['A', [['granted', '2026-01-10T10:00:00Z']]], ['B', [['granted', '2026-02-01T10:00:00Z'], ['withdrawn', '2026-03-15T10:00:00Z']]], ['C', [['granted', '2026-04-10T10:00:00Z']]]] as const) {
    const c = (await sql<{ id: string }>`INSERT INTO contacts (organisation_id, kind, display_name) VALUES (${orgId}, 'person', ${name}) RETURNING id`.execute(t.db)).rows[0]!.id;
    for (const [status, at] of events) {
      await sql`INSERT INTO consent_events (organisation_id, contact_id, list_id, channel, status, method, at) VALUES (${orgId}, ${c}, ${list}, 'email', ${status}, 'double_opt_in', ${at})`.execute(t.db);
    }
  }
  // Events: two trainings and a public event in February–March, a training in May → trainings 2, events 3.
  for (const [kind, at] of [['press_training', '2026-02-10'], ['social_media_training', '2026-03-05'], ['public_event', '2026-03-20'], ['press_training', '2026-05-05']] as const) {
    const res = await comms.post('/api/campaigns/events', { kind, title: `Événement ${kind}`, startsAt: `${at}T09:00:00Z`, endsAt: `${at}T11:00:00Z` });
    expect(res.statusCode, res.body).toBe(201);
  }
}, 120_000);
afterAll(async () => { await t?.close(); });

const grant = (over: Record<string, unknown> = {}) => ({
  title: 'Observation des expulsions 2026', funderContactId: funderId, amountCents: 2_500_000, startsOn: '2026-01-01', endsOn: '2027-06-30',
  objectives: 'Documenter chaque expulsion', remindDaysBefore: 14,
  periods: [
    { label: 'T1 2026', startsOn: '2026-01-01', endsOn: '2026-03-31', reportDueOn: inDays(5) },
    { label: 'Reste 2026', startsOn: '2026-04-01', endsOn: '2026-12-31', reportDueOn: '2027-01-31' },
  ],
  ...over,
});

describe('funder indicators', () => {
  let grantId: string;
  let p1: string;

  it('refuses a reversed period, a negative amount, a missing funder or a person as funder, in words, saving nothing', async () => {
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ startsOn: '2026-12-31', endsOn: '2026-01-01' }, 'grant.period_reversed', 'avant de commencer'],
      [{ amountCents: -100 }, 'grant.amount_negative', 'négatif'],
      [{ funderContactId: null, funderName: '' }, 'grant.funder_missing', 'financeur'],
      [{ funderContactId: personId }, 'grant.funder_not_organisation', 'organisation'],
      [{ periods: [{ label: 'T1', startsOn: '2026-03-31', endsOn: '2026-01-01', reportDueOn: null }] }, 'grant.reporting_period_reversed', '« T1 »'],
      [{ periods: [{ label: 'T9', startsOn: '2027-06-01', endsOn: '2027-12-31', reportDueOn: null }] }, 'grant.reporting_period_outside', 'déborde'],
    ];
    for (const [over, code, words] of cases) {
      const res = await comms.post('/api/grants', grant(over));
      expect(res.statusCode, code).toBe(400);
      expect(res.json()).toMatchObject({ code, message: expect.stringContaining(words) });
    }
    expect(await grantCount()).toBe(0);
    // A volunteer is not of the communication pole.
    const volunteer = await t.userWithRole(orgId, 'volunteer');
    expect((await volunteer.get('/api/grants')).statusCode).toBe(403);
  });

  it('creates a grant whose funder is a contact, with its reporting periods', async () => {
    const res = await comms.post('/api/grants', grant());
    expect(res.statusCode, res.body).toBe(201);
    const g = res.json().grant;
    grantId = g.id;
    p1 = g.periods[0].id;
    expect(g).toMatchObject({ funderName: 'Fondation du Littoral', funderContactId: funderId, amountCents: 2_500_000 });
    expect(g.periods.map((p: { label: string }) => p.label)).toEqual(['T1 2026', 'Reste 2026']);
  });

  it('refuses an indicator without its metric, or a hand-entered actual without its source, saving nothing', async () => {
    const noMetric = await comms.post(`/api/grants/${grantId}/indicators`, { name: 'Expulsions', source: 'statistics' });
    expect(noMetric.json()).toMatchObject({ code: 'grant.metric_missing' });
    const noSource = await comms.post(`/api/grants/${grantId}/indicators`, { name: 'Personnes formées', source: 'manual', values: [{ periodId: p1, actual: 12 }] });
    expect(noSource.statusCode).toBe(400);
    expect(noSource.json()).toMatchObject({ code: 'grant.actual_source_missing', message: expect.stringContaining('T1 2026') });
    const computedByHand = await comms.post(`/api/grants/${grantId}/indicators`, { name: 'Communiqués', source: 'press_releases_sent', values: [{ periodId: p1, actual: 9, actualSource: 'moi' }] });
    expect(computedByHand.json()).toMatchObject({ code: 'grant.actual_is_computed' });
    expect(Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM grant_indicators`.execute(t.db)).rows[0]!.n)).toBe(0);
  });

  it('computes each actual from the module that owns it, matching the counts made by hand', async () => {
    const add = async (body: Record<string, unknown>) => {
      const res = await comms.post(`/api/grants/${grantId}/indicators`, body);
      expect(res.statusCode, res.body).toBe(201);
      return res.json().grant;
    };
    await add({ name: 'Expulsions documentées', unit: 'expulsions', baseline: 0, source: 'statistics', metric: 'evictions', areaCode, values: [{ periodId: p1, target: 5 }] });
    for (const source of ['press_releases_sent', 'clippings', 'newsletter_subscribers', 'trainings_held', 'events_held', 'bulletins_published']) {
      await add({ name: source, source, values: [{ periodId: p1, target: 3 }] });
    }
    const g = await add({ name: 'Personnes formées', unit: 'personnes', baseline: 4, source: 'manual', values: [{ periodId: p1, target: 20, actual: 17, actualSource: 'Feuilles de présence' }] });
    const actual = (name: string) => g.indicators.find((i: { name: string }) => i.name === name).periods.find((p: { periodId: string }) => p.periodId === p1);
    const stats = actual('Expulsions documentées');
    expect(stats).toMatchObject({ computed: true, problem: null, target: 5, actual: expect.objectContaining({ value: 1 }) });
    expect(stats.wording).toBe(stats.actual.atLeast ? 'au moins 1' : '1');
    expect(actual('press_releases_sent').actual).toEqual({ value: 2, atLeast: false });
    expect(actual('clippings').actual).toEqual({ value: 2, atLeast: false });
    expect(actual('newsletter_subscribers').actual).toEqual({ value: 1, atLeast: false });
    expect(actual('trainings_held').actual).toEqual({ value: 2, atLeast: false });
    expect(actual('events_held').actual).toEqual({ value: 3, atLeast: false });
    expect(actual('bulletins_published').wording).toBe('0');
    expect(actual('Personnes formées')).toMatchObject({ computed: false, actual: { value: 17, atLeast: false }, manualSource: 'Feuilles de présence' });
  });

  it('writes the report for a period as XLSX and PDF with baseline, target, actual and source', async () => {
    const xlsx = await t.vigie.app.inject({ method: 'GET', url: `/api/grants/${grantId}/report.xlsx?periodId=${p1}`, headers: { cookie: comms.cookie } });
    expect(xlsx.statusCode, xlsx.body).toBe(200);
    expect(xlsx.headers['content-disposition']).toContain('observation-des-expulsions-2026-t1-2026-fr.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    const rows: unknown[][] = [];
    sheet.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
    expect(rows.find((r) => r[0] === 'Financeur')?.[1]).toBe('Fondation du Littoral');
    expect(rows.find((r) => r[0] === 'Personnes formées')).toEqual(['Personnes formées', 'personnes', 4, 20, 17, 'Saisi à la main — Feuilles de présence']);
    expect(rows.find((r) => r[0] === 'press_releases_sent')?.slice(2, 6)).toEqual([null, 3, 2, 'Communiqués envoyés'].map((v) => v ?? undefined));
    const stats = rows.find((r) => r[0] === 'Expulsions documentées')!;
    expect(stats.slice(1, 5)).toEqual(['expulsions', 0, 5, 1]);
    expect(String(stats[5])).toContain('Statistiques — ');

    const pdf = await t.vigie.app.inject({ method: 'GET', url: `/api/grants/${grantId}/report.pdf?periodId=${p1}&lang=en`, headers: { cookie: comms.cookie } });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const dir = mkdtempSync(join(tmpdir(), 'vigie-grant-'));
    writeFileSync(join(dir, 'r.pdf'), pdf.rawPayload);
    const text = execFileSync('pdftotext', ['-raw', join(dir, 'r.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    for (const words of ['Report to the funder — Observation des expulsions 2026', 'Fondation du Littoral', 'T1 2026', 'Personnes formées', 'Entered by hand — Feuilles de présence', 'Press releases sent', 'Personnes formées personnes 4 20 17', 'at least 1', 'Baseline', 'Target', 'Actual']) {
      expect(text).toContain(words);
    }
    const missingPeriod = await comms.get(`/api/grants/${grantId}/report.pdf?periodId=${funderId}`);
    expect(missingPeriod.json()).toMatchObject({ code: 'grant.period_not_found' });
  });

  it('says so in words, on screen and in the report, when a source figure no longer exists', async () => {
    await sql`UPDATE areas SET code = 'retire' WHERE code = ${areaCode}`.execute(t.db);
    try {
      const res = await comms.get(`/api/grants/${grantId}`);
      expect(res.statusCode, res.body).toBe(200);
      const p = res.json().grant.indicators.find((i: { name: string }) => i.name === 'Expulsions documentées').periods[0];
      expect(p).toMatchObject({ actual: null, problem: 'unknown_area', problemMessage: expect.stringContaining(`secteur « ${areaCode} » a été retiré`) });
      const pdf = await t.vigie.app.inject({ method: 'GET', url: `/api/grants/${grantId}/report.pdf?periodId=${p1}`, headers: { cookie: comms.cookie } });
      expect(pdf.statusCode).toBe(200);
      const dir = mkdtempSync(join(tmpdir(), 'vigie-grant-'));
      writeFileSync(join(dir, 'r.pdf'), pdf.rawPayload);
      const text = execFileSync('pdftotext', ['-raw', join(dir, 'r.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
      expect(text).toContain('non calculé');
      expect(text).toContain('n\'existe plus');
      const xlsx = await t.vigie.app.inject({ method: 'GET', url: `/api/grants/${grantId}/report.xlsx?periodId=${p1}`, headers: { cookie: comms.cookie } });
      expect(xlsx.statusCode).toBe(200);
    } finally {
      await sql`UPDATE areas SET code = ${areaCode} WHERE code = 'retire'`.execute(t.db);
    }
  });

  it('shows reporting dates in the communication calendar and its iCal feed, and reminds once by mail', async () => {
    const items = (await comms.get(`/api/campaigns/calendar?from=${inDays(0)}&to=${inDays(10)}`)).json().items;
    expect(items).toContainEqual(expect.objectContaining({ uid: `grant-report-${p1}`, kind: 'grant_report', path: `/communication/grants/${grantId}` }));
    const feed = (await comms.post('/api/campaigns/calendar-feed')).json();
    const ics = (await t.client().get(new URL(feed.url).pathname)).body;
    expect(ics).toContain(`UID:grant-report-${p1}@vigie`);
    expect(ics).toContain('Rapport au financeur dû');

    const deps = { db: t.db, queue: t.vigie.ctx.queue, config: t.vigie.ctx.config };
    expect(await sendGrantReminders(deps)).toBe(1);
    const mail = mailText((await t.smtp.waitFor(comms.user.email)).raw);
    expect(mail).toContain('Observation des expulsions 2026');
    expect(mail).toContain('T1 2026');
    expect(await sendGrantReminders(deps)).toBe(0);
  });
});
