import { formatDate, releaseWordingLocale, textDirection, type Locale, type PressReleaseLanguage, type PublicPageKind, type PublicSiteIndex } from '@vigie/domain';
import type { AppContext } from '../../../platform/context.js';
import { inOrganisation } from '../../../platform/db/organisation-scope.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import { loadFeed } from '../../../platform/on-first-use.js';
import { AUTO_DIR, publicPageStyle } from '../../../platform/http/public-page.js';
import { publicReleases, releaseCorrectionsOf } from '../press-releases/public-releases.js';
import { pressReleasePdf } from '../press-releases/press-release-pdf.js';
import { RECRUITMENT_PUBLIC_PAGES } from '../../association/postings/public-pages.js';
import { newsletterPublicPages } from '../newsletters/newsletter-archive.js';
import { publishesStatistics } from '../statistics/public-statistics.service.js';

/**
 * The organisation's public site: one index of every public page (so a WordPress site or a
 * partner links to stable addresses), the press-release archive, each release as a page, its
 * PDF and text, and an Atom feed. Only sent releases whose embargo has passed are shown, from
 * their frozen snapshot.
 */
type Snapshot = { title: string; lede: string | null; body: string; quotes: string | null; pressContacts: string | null; language: PressReleaseLanguage;
  figures: Array<{ wording: string }>; text: string };

async function organisationBySlug(ctx: AppContext, slug: string) {
  const org = await ctx.db.selectFrom('organisations').select(['id', 'name', 'slug']).where('slug', '=', slug).executeTakeFirst();
  if (!org) throw new AppError('public.not_found');
  return org;
}

const base = (ctx: AppContext, slug: string) => `${ctx.config.publicUrl}/api/public/${slug}`;

export async function siteIndex(ctx: AppContext, slug: string): Promise<PublicSiteIndex> {
  const org = await organisationBySlug(ctx, slug);
  const publishesFigures = await publishesStatistics(ctx, slug);
  const b = base(ctx, slug);
  const pages: Record<string, string> = {
    pressReleases: `${b}/press-releases`, pressReleasesJson: `${b}/press-releases.json`, pressReleasesFeed: `${b}/press-releases.atom`,
  };
  // Job postings are listed always: the pages say so when nothing is open.
  const [jobs, jobsJson, jobsFeed] = RECRUITMENT_PUBLIC_PAGES.map((p) => `${ctx.config.publicUrl}${p.path(slug)}`);
  Object.assign(pages, { jobs, jobsJson, jobsFeed });
  // The newsletter's sign-up page, archive and feed, once the organisation opted in.
  Object.assign(pages, await newsletterPublicPages(ctx, org.id, slug));
  if (publishesFigures) {
    Object.assign(pages, {
      figures: `${b}/statistics.html`, figuresJson: `${b}/statistics.json`, figuresCsv: `${b}/statistics.csv`, figuresDataPackage: `${b}/datapackage.json`,
    });
  }
  return { organisation: org.name, pages, kinds: Object.fromEntries(Object.keys(pages).map((name) => [name, pageKind(name)])) };
}

/**
 * What a website can do with each address: frame it (an iframe WordPress accepts), follow it as
 * a feed (WordPress's RSS block), read it as data, or only link to it (the sign-up page is part
 * of the app and, like every screen of the app, refuses to be framed).
 */
const FRAMABLE = new Set(['pressReleases', 'jobs', 'newsletterArchive', 'figures']);
function pageKind(name: string): PublicPageKind {
  if (FRAMABLE.has(name)) return 'frame';
  if (name.endsWith('Feed')) return 'feed';
  if (/(Json|Csv|DataPackage)$/.test(name)) return 'data';
  return 'link';
}

export async function publishedReleases(ctx: AppContext, slug: string) {
  const org = await organisationBySlug(ctx, slug);
  const rows = await inOrganisation(ctx.db, org.id, (trx) => publicReleases(trx, org.id));
  return {
    org,
    releases: rows.map((r) => ({
      id: r.id, title: r.title, lede: r.lede, language: r.language as PressReleaseLanguage, publishedAt: (r.embargo_until && r.embargo_until > r.sent_at! ? r.embargo_until : r.sent_at!).toISOString(),
      url: `${base(ctx, slug)}/press-releases/${r.id}`, snapshot: r.snapshot as unknown as Snapshot,
    })),
  };
}

export async function publishedRelease(ctx: AppContext, slug: string, id: string) {
  const { org, releases } = await publishedReleases(ctx, slug);
  const r = releases.find((x) => x.id === id);
  if (!r) throw new AppError('public.not_found');
  const corrections = await inOrganisation(ctx.db, org.id, (trx) => releaseCorrectionsOf(trx, id));
  return { org, release: r, corrections: corrections.map((c) => ({ text: c.text, at: c.created_at.toISOString() })) };
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export const RELEASE_PAGE_STYLE = publicPageStyle(
  'body{font-family:system-ui,sans-serif;max-width:42rem;margin:2rem auto;padding:0 1rem;line-height:1.5}.lede{font-style:italic}'
  + '.errata{border-inline-start:4px solid #c60;padding-inline-start:1rem}ul.releases{padding-inline-start:1.2rem}',
);

/** The wording of the public press-release pages; a release itself speaks its own language. */
const WORDS = {
  fr: {
    list: (org: string) => `${org} — communiqués de presse`, none: 'Aucun communiqué publié pour l’instant.', feed: 'Flux Atom',
    other: { label: 'English', lang: 'en' }, figures: 'Chiffres cités (minimums observés)', contacts: 'Contacts presse',
    correction: (day: string) => `Correction du ${day} :`, text: 'Texte brut', all: 'Tous les communiqués',
  },
  en: {
    list: (org: string) => `${org} — press releases`, none: 'No press release published yet.', feed: 'Atom feed',
    other: { label: 'Français', lang: 'fr' }, figures: 'Figures cited (observed minimums)', contacts: 'Press contacts',
    correction: (day: string) => `Correction of ${day}:`, text: 'Plain text', all: 'All press releases',
  },
} as const;

const day = (iso: string, locale: Locale) => formatDate(iso, locale, { year: 'always' });

/** The list of published releases in the visitor's language (`?lang=` or the browser's). */
export function releasesListPage(ctx: AppContext, slug: string, data: Awaited<ReturnType<typeof publishedReleases>>, locale: Locale) {
  const w = WORDS[locale];
  const list = `${base(ctx, slug)}/press-releases`;
  const title = esc(w.list(data.org.name));
  return `<!doctype html><html lang="${locale}" dir="${textDirection(locale)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title>
<link rel="alternate" type="application/atom+xml" href="${esc(list)}.atom"><style>${RELEASE_PAGE_STYLE.css}</style></head>
<body><p><a href="${esc(list)}?lang=${w.other.lang}" hreflang="${w.other.lang}" lang="${w.other.lang}">${w.other.label}</a></p><h1>${title}</h1>
${data.releases.length ? `<ul class="releases">${data.releases.map((r) => `<li><a href="${esc(r.url)}" lang="${r.language}" ${AUTO_DIR}>${esc(r.title)}</a> (${day(r.publishedAt, locale)})</li>`).join('\n')}</ul>` : `<p>${w.none}</p>`}
<p><a href="${esc(list)}.atom">${w.feed}</a></p></body></html>`;
}

/**
 * One release, in the language it was written in: an Arabic or Farsi release is a right-to-left
 * page (the style uses logical properties only, so the layout mirrors). Its fixed wording
 * (headings, links, figures) is French or English and marked so.
 */
export function releasePage(p: Awaited<ReturnType<typeof publishedRelease>>) {
  const s = p.release.snapshot;
  const wl = releaseWordingLocale(s.language);
  const w = WORDS[wl];
  const marked = wl === s.language ? '' : ` lang="${wl}" dir="auto"`;
  const para = (x: string, cls = '') => `<p ${AUTO_DIR}${cls ? ` class="${cls}"` : ''}>${esc(x)}</p>`;
  return `<!doctype html><html lang="${s.language}" dir="${textDirection(s.language)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(s.title)} — ${esc(p.org.name)}</title><link rel="alternate" type="application/atom+xml" href="../press-releases.atom">
<style>${RELEASE_PAGE_STYLE.css}</style></head>
<body><p>${esc(p.org.name)} — <span${marked}>${day(p.release.publishedAt, wl)}</span></p><h1 ${AUTO_DIR}>${esc(s.title)}</h1>
${s.lede ? para(s.lede, 'lede') : ''}
${s.body.split(/\n{2,}/).filter((x) => x.trim()).map((x) => para(x.trim())).join('\n')}
${s.figures.length ? `<h2${marked}>${w.figures}</h2><ul${marked}>${s.figures.map((f) => `<li>${esc(f.wording)}</li>`).join('')}</ul>` : ''}
${s.quotes ? `<blockquote ${AUTO_DIR}>${esc(s.quotes)}</blockquote>` : ''}
${s.pressContacts ? `<h2${marked}>${w.contacts}</h2>${para(s.pressContacts)}` : ''}
${p.corrections.map((c) => `<p class="errata" ${AUTO_DIR}><strong${marked}>${esc(w.correction(day(c.at, wl)))}</strong> ${esc(c.text)}</p>`).join('\n')}
<p${marked}><a href="${p.release.id}.pdf">PDF</a> · <a href="${p.release.id}.txt">${w.text}</a> · <a href="../press-releases?lang=${wl}">${w.all}</a></p></body></html>`;
}

export function releasePdf(p: Awaited<ReturnType<typeof publishedRelease>>) {
  return pressReleasePdf(p.release.snapshot, null);
}

export async function releasesFeed(ctx: AppContext, slug: string, data: Awaited<ReturnType<typeof publishedReleases>>, locale: Locale) {
  const Feed = await loadFeed();
  const self = `${base(ctx, slug)}/press-releases.atom`;
  const feed = new Feed({
    title: WORDS[locale].list(data.org.name), id: self, link: `${base(ctx, slug)}/press-releases`, language: locale,
    updated: data.releases[0] ? new Date(data.releases[0].publishedAt) : new Date(0), feedLinks: { atom: self }, copyright: data.org.name,
  });
  for (const r of data.releases) {
    feed.addItem({ title: r.title, id: r.url, link: r.url, description: r.lede ?? undefined, content: r.snapshot.text, date: new Date(r.publishedAt) } as Parameters<typeof feed.addItem>[0]);
  }
  return feed.atom1();
}
