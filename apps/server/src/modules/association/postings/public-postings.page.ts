import { jobPostingLd, textDirection, type Locale, type PostingInput } from '@vigie/domain';
import { publicPageStyle } from '../../../platform/http/public-page.js';

/**
 * The public job pages, server-rendered so job boards read the schema.org JobPosting without
 * running script: plain HTML, one inline style allowed by its hash, print styles that drop the
 * navigation and keep sections whole, and the JSON-LD in a non-executable script block.
 */
const STYLE = `body{font:16px/1.55 system-ui,sans-serif;margin:0 auto;max-width:46rem;padding:1rem;color:#1b1b1b;background:#fff}
h1{font-size:1.5rem;margin:.25rem 0}h2{font-size:1.1rem;margin:1.25rem 0 .35rem}dl.summary{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:0}
dt{font-weight:600}dd{margin:0}ul.jobs{list-style:none;padding:0}ul.jobs li{border-bottom:1px solid #ddd;padding:.6rem 0}a{color:#0b4f8a}
.meta{color:#444;margin:0}nav{margin-bottom:1rem;font-size:.9rem}.apply{display:inline-block;margin-top:1rem;padding:.6rem 1rem;background:#0b4f8a;color:#fff;text-decoration:none;border-radius:.3rem}
@media print{nav,.apply{display:none}body{max-width:none;padding:0;font-size:11pt}a{color:inherit;text-decoration:none}section{break-inside:avoid}h2{break-after:avoid}}`;
export const JOB_PAGE_STYLE = publicPageStyle(STYLE);

type Words = { engagement: Record<string, string>; workplace: Record<string, string>; schedule: Record<string, string> };
const WORDS = {
  fr: {
    jobs: 'Offres', allJobs: 'Toutes les offres', none: 'Aucune offre ouverte pour le moment.', feed: "Flux Atom des offres", alerts: 'Recevoir les nouvelles offres par e-mail',
    engagement: { employment: 'Emploi', internship: 'Stage', volunteering: 'Bénévolat', civic_service: 'Service civique' } as Record<string, string>,
    workplace: { on_site: 'Sur place', hybrid: 'Hybride', remote: 'À distance' } as Record<string, string>,
    schedule: { full_time: 'Plein temps', part_time: 'Temps partiel' } as Record<string, string>,
    unit: { hour: 'de l’heure', month: 'par mois', year: 'par an' } as Record<string, string>,
    place: 'Lieu', type: 'Engagement', pay: 'Rémunération', hours: 'Horaires', hoursValue: (h: number) => `${h} h par semaine`,
    contract: 'Contrat', duration: 'Durée', months: (n: number) => `${n} mois`, start: 'Début', closes: 'Candidatures jusqu’au', posted: 'Publiée le',
    benefits: 'Avantages', qualifications: 'Qualifications', responsibilities: 'Responsabilités', skills: 'Compétences', tools: 'Outils',
    education: 'Formation', languages: 'Langues', description: 'Description du poste', apply: 'Postuler',
  },
  en: {
    jobs: 'Jobs', allJobs: 'All postings', none: 'No open posting at the moment.', feed: 'Atom feed of postings', alerts: 'Get new postings by e-mail',
    engagement: { employment: 'Employment', internship: 'Internship', volunteering: 'Volunteering', civic_service: 'Civic service' } as Record<string, string>,
    workplace: { on_site: 'On site', hybrid: 'Hybrid', remote: 'Remote' } as Record<string, string>,
    schedule: { full_time: 'Full time', part_time: 'Part time' } as Record<string, string>,
    unit: { hour: 'per hour', month: 'per month', year: 'per year' } as Record<string, string>,
    place: 'Place', type: 'Engagement', pay: 'Pay', hours: 'Hours', hoursValue: (h: number) => `${h} h per week`,
    contract: 'Contract', duration: 'Length', months: (n: number) => `${n} months`, start: 'Start', closes: 'Applications until', posted: 'Posted on',
    benefits: 'Benefits', qualifications: 'Qualifications', responsibilities: 'Responsibilities', skills: 'Skills', tools: 'Tools',
    education: 'Education', languages: 'Languages', description: 'Job description', apply: 'Apply',
  },
} as const;

export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export type PublicPosting = PostingInput & { id: string; publishedAt: string; updatedAt: string; url: string; descriptionHtml: string };

function money(n: number, locale: Locale) {
  return new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { style: 'currency', currency: 'EUR', maximumFractionDigits: n % 1 === 0 ? 0 : 2 }).format(n);
}

export function payText(p: PostingInput, locale: Locale): string | null {
  if (p.payUnit === null || (p.payMin === null && p.payMax === null)) return null;
  const w = WORDS[locale];
  const range = p.payMin !== null && p.payMax !== null && p.payMin !== p.payMax
    ? `${money(p.payMin, locale)} – ${money(p.payMax, locale)}` : money((p.payMin ?? p.payMax)!, locale);
  return `${range} ${w.unit[p.payUnit]}`;
}

const dateText = (d: string, locale: Locale) =>
  new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${d}T00:00:00Z`));

function page(title: string, locale: Locale, body: string, head = '') {
  return `<!doctype html><html lang="${locale}" dir="${textDirection(locale)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style>${head}</head><body>${body}</body></html>`;
}

function summaryLine(p: PostingInput, w: Words) {
  return [w.engagement[p.engagement], p.locality, w.workplace[p.workplace], w.schedule[p.schedule]].map((x) => escapeHtml(x ?? '')).join(' · ');
}

export function renderJobList(org: { name: string }, jobs: PublicPosting[], feedUrl: string, locale: Locale, alertsUrl?: string): string {
  const w = WORDS[locale];
  const items = jobs.map((j) => `<li><a href="${escapeHtml(j.url)}">${escapeHtml(j.title)}</a><p class="meta">${summaryLine(j, w)} — ${w.closes} ${escapeHtml(dateText(j.closesOn, locale))}</p></li>`).join('');
  return page(`${w.jobs} — ${org.name}`, locale,
    `<header><p class="meta">${escapeHtml(org.name)}</p><h1>${w.jobs}</h1></header>${jobs.length ? `<ul class="jobs">${items}</ul>` : `<p>${w.none}</p>`}${alertsUrl ? `<p><a class="apply" href="${escapeHtml(alertsUrl)}">${w.alerts}</a></p>` : ''}<p><a href="${escapeHtml(feedUrl)}">${w.feed}</a></p>`,
    `<link rel="alternate" type="application/atom+xml" href="${escapeHtml(feedUrl)}" title="${escapeHtml(w.feed)}">`);
}

export function renderJobPage(org: { name: string }, j: PublicPosting, links: { list: string; apply: string | null }, locale: Locale): string {
  const w = WORDS[locale];
  const ld = jobPostingLd(j, { organisationName: org.name, pageUrl: j.url, descriptionHtml: j.descriptionHtml });
  // "</script>" inside the JSON would end the block: escape "<" in the serialised JSON.
  const ldJson = JSON.stringify(ld).replace(/</g, '\\u003c');
  const rows: Array<[string, string | null]> = [
    [w.type, w.engagement[j.engagement] ?? null],
    [w.place, [j.locality, j.postalCode, j.region].filter(Boolean).join(', ') + ` — ${w.workplace[j.workplace]}`],
    [w.pay, payText(j, locale)],
    [w.hours, `${w.schedule[j.schedule]}${j.hoursPerWeek !== null ? ` — ${w.hoursValue(j.hoursPerWeek)}` : ''}`],
    [w.contract, j.contract],
    [w.duration, j.durationMonths !== null ? w.months(j.durationMonths) : null],
    [w.start, j.startDate ? dateText(j.startDate, locale) : null],
    [w.posted, dateText(j.publishedAt.slice(0, 10), locale)],
    [w.closes, dateText(j.closesOn, locale)],
  ];
  const summary = rows.filter(([, v]) => v).map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v!)}</dd>`).join('');
  const list = (title: string, items: string[]) => items.length === 0 ? ''
    : `<section><h2>${escapeHtml(title)}</h2><ul>${items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul></section>`;
  const body = `<nav><a href="${escapeHtml(links.list)}">← ${w.allJobs}</a></nav>
<header><p class="meta">${escapeHtml(org.name)}</p><h1>${escapeHtml(j.title)}</h1><p class="meta">${summaryLine(j, w)}</p></header>
<section><dl class="summary">${summary}</dl>${links.apply ? `<a class="apply" href="${escapeHtml(links.apply)}">${w.apply}</a>` : ''}</section>
${list(w.benefits, j.benefits)}${list(w.qualifications, j.qualifications)}${list(w.responsibilities, j.responsibilities)}
${list(w.skills, j.skills)}${list(w.education, j.education)}${list(w.tools, j.tools)}${list(w.languages, j.languages)}
<section><h2>${w.description}</h2>${j.descriptionHtml}</section>`;
  return page(`${j.title} — ${org.name}`, locale, body, `<script type="application/ld+json">${ldJson}</script>`);
}

/** Atom 1.0 (RFC 4287): one entry per open posting, its summary line and the description as HTML. */
export function renderJobFeed(org: { name: string }, jobs: PublicPosting[], urls: { self: string; list: string }, locale: Locale): string {
  const w = WORDS[locale];
  const x = escapeHtml;
  const updated = jobs.reduce((latest, j) => (j.updatedAt > latest ? j.updatedAt : latest), jobs[0]?.updatedAt ?? new Date(0).toISOString());
  const entries = jobs.map((j) => `<entry><id>urn:uuid:${j.id}</id><title>${x(j.title)}</title><link rel="alternate" type="text/html" href="${x(j.url)}"/>
<published>${j.publishedAt}</published><updated>${j.updatedAt}</updated><category term="${j.engagement}" label="${x(w.engagement[j.engagement] ?? j.engagement)}"/>
<summary>${summaryLine(j, w)}</summary><content type="html">${x(j.descriptionHtml)}</content></entry>`).join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${locale}"><id>${x(urls.self)}</id><title>${x(`${w.jobs} — ${org.name}`)}</title>
<updated>${updated}</updated><author><name>${x(org.name)}</name></author><link rel="self" type="application/atom+xml" href="${x(urls.self)}"/>
<link rel="alternate" type="text/html" href="${x(urls.list)}"/>
${entries}
</feed>
`;
}
