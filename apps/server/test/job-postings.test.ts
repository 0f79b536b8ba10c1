import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parisDate } from '@vigie/domain';
import { startTestVigie, type TestClient, type TestVigie } from './harness.js';

/**
 * Job postings end to end: the seed posting (shared/seeds) entered with every field, refused when
 * wrong, published on the public site with a schema.org JobPosting a job board accepts, in the
 * Atom feed while open, and gone from both once closed.
 */
let t: TestVigie;
let admin: TestClient;

const addDays = (days: number) => parisDate(new Date(Date.now() + days * 86_400_000));

/** The seed: "Responsable communication et plaidoyer", HRO, Calais, sur place, EUR 40 000 - 60 000, plein temps. */
const seedPosting = () => ({
  title: 'Responsable communication et plaidoyer', engagement: 'employment', locality: 'Calais', postalCode: '62100', region: 'Hauts-de-France',
  country: 'FR', workplace: 'on_site', schedule: 'full_time', hoursPerWeek: 35, contract: 'CDD', durationMonths: 12, startDate: addDays(40),
  payMin: 40000, payMax: 60000, payUnit: 'year',
  benefits: ['Panier repas pris en charge', 'Mutuelle et prévoyance à 60%', 'Support santé mentale'],
  qualifications: ['Connaissance préalable de la situation des personnes exilées.', 'Expérience en plaidoyer et communication appréciée.'],
  responsibilities: ['Mettre en œuvre des actions de communication.', 'Coordonner les campagnes de plaidoyer.'],
  skills: ['Communication', 'Réseaux sociaux', 'Plaidoyer'], tools: ['CANVA', 'Pack office Microsoft', 'Wordpress'],
  education: ['Formation en communication ou plaidoyer'], languages: ['Français', 'Anglais'],
  description: 'Le **Littoral nord**, frontière avec le Royaume-Uni…\n\n- suivi des expulsions\n- plaidoyer\n\n<script>alert(1)</script>',
  closesOn: addDays(30), openings: 1,
});

beforeAll(async () => {
  t = await startTestVigie();
  admin = await t.setUpAdmin();
});
afterAll(async () => { await t?.close(); });

/** What Google for Jobs requires of a JobPosting, with types (developers.google.com/search/docs/appearance/structured-data/job-posting). */
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const jobPostingLd = z.object({
  '@context': z.literal('https://schema.org'),
  '@type': z.literal('JobPosting'),
  title: z.string().min(1),
  description: z.string().min(1),
  datePosted: isoDate,
  validThrough: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/),
  employmentType: z.array(z.enum(['FULL_TIME', 'PART_TIME', 'CONTRACTOR', 'TEMPORARY', 'INTERN', 'VOLUNTEER', 'PER_DIEM', 'OTHER'])).min(1),
  hiringOrganization: z.object({ '@type': z.literal('Organization'), name: z.string().min(1) }),
  jobLocation: z.object({ '@type': z.literal('Place'), address: z.object({ '@type': z.literal('PostalAddress'), addressLocality: z.string(), addressCountry: z.string().length(2) }) }),
  baseSalary: z.object({
    '@type': z.literal('MonetaryAmount'), currency: z.string().length(3),
    value: z.object({ '@type': z.literal('QuantitativeValue'), minValue: z.number(), maxValue: z.number(), unitText: z.enum(['HOUR', 'DAY', 'WEEK', 'MONTH', 'YEAR']) }),
  }).optional(),
});

function jsonLdOf(html: string) {
  const m = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html);
  expect(m, 'the page carries a JSON-LD block').not.toBeNull();
  return JSON.parse(m![1]!);
}

describe(`job postings (${process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  let id: string;

  it('refuses an upside-down pay range, a missing pay unit and a past closing date, in French, saving nothing', async () => {
    const cases: Array<[Record<string, unknown>, string, RegExp]> = [
      [{ payMin: 60000, payMax: 40000 }, 'posting.pay_range_inverted', /à l'envers/],
      [{ payUnit: null }, 'posting.pay_unit_missing', /horaire, mensuelle ou annuelle/],
      [{ closesOn: addDays(-1) }, 'posting.closing_date_past', /déjà passée/],
    ];
    for (const [change, code, message] of cases) {
      const res = await admin.post('/api/association/postings', { ...seedPosting(), ...change });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json()).toMatchObject({ code });
      expect(res.json().message).toMatch(message);
    }
    expect((await admin.get('/api/association/postings')).json().postings).toEqual([]);
  });

  it('saves a draft with every field of the seed posting, kept off the public site', async () => {
    const res = await admin.post('/api/association/postings', seedPosting());
    expect(res.statusCode, res.body).toBe(200);
    const saved = res.json();
    id = saved.id;
    expect(saved).toMatchObject({ ...seedPosting(), status: 'draft', publishedAt: null, publicUrl: null });
    // Publishing needs a public address first.
    const refused = await admin.post(`/api/association/postings/${id}/publish`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('posting.no_public_address');
    const settings = await admin.put('/api/statistics/public-settings', { enabled: false, slug: 'hro', threshold: 5 });
    expect(settings.statusCode, settings.body).toBe(200);
    expect((await t.client().get(`/api/public/hro/jobs/${id}`)).statusCode).toBe(404);
  });

  it('publishes a page that validates as schema.org JobPosting and prints well', async () => {
    const published = await admin.post(`/api/association/postings/${id}/publish`);
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json().publicUrl).toMatch(new RegExp(`/api/public/hro/jobs/${id}$`));

    const page = await t.client().get(`/api/public/hro/jobs/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    const raw = jsonLdOf(page.body);
    const ld = jobPostingLd.parse(raw);
    expect(raw).toMatchObject({
      title: 'Responsable communication et plaidoyer', datePosted: parisDate(new Date()).slice(0, 10),
      employmentType: ['FULL_TIME', 'TEMPORARY'], hiringOrganization: { name: 'Human Rights Observers' },
      jobLocation: { address: { addressLocality: 'Calais', postalCode: '62100', addressCountry: 'FR' } },
      baseSalary: { currency: 'EUR', value: { minValue: 40000, maxValue: 60000, unitText: 'YEAR' } },
    });
    expect(ld.validThrough.slice(0, 10)).toBe(seedPosting().closesOn);
    // Markdown rendered, raw HTML shown as text: no script from the author reaches the page.
    expect(ld.description).toContain('<strong>Littoral nord</strong>');
    expect(page.body).not.toContain('<script>alert(1)</script>');
    expect(page.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page.body).toContain('@media print');
    for (const text of ['Panier repas pris en charge', 'CANVA', 'Anglais', 'Plein temps', '35 h par semaine', 'CDD', '12 mois']) expect(page.body).toContain(text);
    expect(page.headers['content-security-policy']).toMatch(/default-src 'none'/);

    // English on request, same data.
    const en = await t.client().get(`/api/public/hro/jobs/${id}?lang=en`);
    expect(en.body).toContain('Full time');
  });

  it('lists open postings in the Atom feed and the JSON list', async () => {
    const feed = await t.client().get('/api/public/hro/jobs.atom');
    expect(feed.statusCode).toBe(200);
    expect(feed.headers['content-type']).toMatch(/application\/atom\+xml/);
    const parsed = new XMLParser({ ignoreAttributes: false }).parse(feed.body);
    const entries = [parsed.feed.entry].flat().filter(Boolean);
    expect(entries.map((e: { title: string }) => e.title)).toEqual(['Responsable communication et plaidoyer']);
    expect(entries[0].link['@_href']).toMatch(new RegExp(`/jobs/${id}$`));
    expect(parsed.feed.link.find((l: Record<string, string>) => l['@_rel'] === 'self')['@_href']).toMatch(/\/jobs\.atom$/);
    const list = await t.client().get('/api/public/hro/jobs.json');
    expect(list.json().jobs).toHaveLength(1);
    const html = await t.client().get('/api/public/hro/jobs');
    expect(html.body).toContain('Responsable communication et plaidoyer');
  });

  it('takes a closed posting off the page and out of the feed; an unknown address is a clean 404', async () => {
    expect((await admin.post(`/api/association/postings/${id}/close`)).json().status).toBe('closed');
    expect((await t.client().get(`/api/public/hro/jobs/${id}`)).statusCode).toBe(404);
    const feed = new XMLParser().parse((await t.client().get('/api/public/hro/jobs.atom')).body);
    expect(feed.feed.entry).toBeUndefined();
    const unknown = await t.client().get('/api/public/nobody/jobs.atom');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('posting.not_found');
  });

  it('keeps postings to people with the recruitment permission', async () => {
    const observer = await t.userWithRole(admin.user.organisationId, 'observer');
    expect((await observer.get('/api/association/postings')).statusCode).toBe(403);
    const board = await t.userWithRole(admin.user.organisationId, 'board');
    expect((await board.get('/api/association/postings')).statusCode).toBe(200);
  });
});
