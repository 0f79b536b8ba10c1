import { Feed } from 'feed';
import type { AppContext } from '../../../platform/context.js';
import { inOrganisation } from '../../../platform/db/organisation-scope.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import { publicReleases, releaseCorrectionsOf } from '../press-releases/public-releases.js';
import { pressReleasePdf } from '../press-releases/press-release-pdf.js';
import { RECRUITMENT_PUBLIC_PAGES } from '../../association/postings/public-pages.js';
import { newsletterPublicPages } from '../newsletters/newsletter-archive.js';

/**
 * The organisation's public site: one index of every public page (so a WordPress site or a
 * partner links to stable addresses), the press-release archive, each release as a page, its
 * PDF and text, and an Atom feed. Only sent releases whose embargo has passed are shown, from
 * their frozen snapshot.
 */
type Snapshot = { title: string; lede: string | null; body: string; quotes: string | null; pressContacts: string | null; language: 'fr' | 'en';
  figures: Array<{ wording: string }>; text: string };

async function organisationBySlug(ctx: AppContext, slug: string) {
  const org = await ctx.db.selectFrom('organisations').select(['id', 'name', 'slug']).where('slug', '=', slug).executeTakeFirst();
  if (!org) throw new AppError('public.not_found');
  return org;
}

const base = (ctx: AppContext, slug: string) => `${ctx.config.publicUrl}/api/public/${slug}`;

export async function siteIndex(ctx: AppContext, slug: string) {
  const org = await organisationBySlug(ctx, slug);
  const stats = await ctx.db.selectFrom('public_statistics_settings').select('enabled').where('organisation_id', '=', org.id).executeTakeFirst();
  const b = base(ctx, slug);
  const pages: Record<string, string> = {
    pressReleases: `${b}/press-releases`, pressReleasesJson: `${b}/press-releases.json`, pressReleasesFeed: `${b}/press-releases.atom`,
  };
  // Job postings are listed always: the pages say so when nothing is open.
  const [jobs, jobsJson, jobsFeed] = RECRUITMENT_PUBLIC_PAGES.map((p) => `${ctx.config.publicUrl}${p.path(slug)}`);
  Object.assign(pages, { jobs, jobsJson, jobsFeed });
  // The newsletter's sign-up page, archive and feed, once the organisation opted in.
  Object.assign(pages, await newsletterPublicPages(ctx, org.id, slug));
  if (stats?.enabled) {
    Object.assign(pages, {
      figures: `${b}/statistics.html`, figuresJson: `${b}/statistics.json`, figuresCsv: `${b}/statistics.csv`, figuresDataPackage: `${b}/datapackage.json`,
    });
  }
  return { organisation: org.name, pages };
}

export async function publishedReleases(ctx: AppContext, slug: string) {
  const org = await organisationBySlug(ctx, slug);
  const rows = await inOrganisation(ctx.db, org.id, (trx) => publicReleases(trx, org.id));
  return {
    org,
    releases: rows.map((r) => ({
      id: r.id, title: r.title, lede: r.lede, language: r.language as 'fr' | 'en', publishedAt: (r.embargo_until && r.embargo_until > r.sent_at! ? r.embargo_until : r.sent_at!).toISOString(),
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

export function releasePage(p: Awaited<ReturnType<typeof publishedRelease>>) {
  const s = p.release.snapshot;
  const fr = s.language === 'fr';
  const day = (iso: string) => new Date(iso).toLocaleDateString(fr ? 'fr-FR' : 'en-GB', { timeZone: 'Europe/Paris', dateStyle: 'long' });
  return `<!doctype html><html lang="${s.language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(s.title)} — ${esc(p.org.name)}</title><link rel="alternate" type="application/atom+xml" href="../press-releases.atom">
<style>body{font-family:system-ui,sans-serif;max-width:42rem;margin:2rem auto;padding:0 1rem;line-height:1.5}.lede{font-style:italic}.errata{border-left:4px solid #c60;padding-left:1rem}</style></head>
<body><p>${esc(p.org.name)} — ${day(p.release.publishedAt)}</p><h1>${esc(s.title)}</h1>
${s.lede ? `<p class="lede">${esc(s.lede)}</p>` : ''}
${s.body.split(/\n{2,}/).filter((x) => x.trim()).map((x) => `<p>${esc(x.trim())}</p>`).join('\n')}
${s.figures.length ? `<h2>${fr ? 'Chiffres cités (minimums observés)' : 'Figures cited (observed minimums)'}</h2><ul>${s.figures.map((f) => `<li>${esc(f.wording)}</li>`).join('')}</ul>` : ''}
${s.quotes ? `<blockquote>${esc(s.quotes)}</blockquote>` : ''}
${s.pressContacts ? `<h2>${fr ? 'Contacts presse' : 'Press contacts'}</h2><p>${esc(s.pressContacts)}</p>` : ''}
${p.corrections.map((c) => `<p class="errata"><strong>${fr ? 'Correction du' : 'Correction of'} ${day(c.at)} :</strong> ${esc(c.text)}</p>`).join('\n')}
<p><a href="${p.release.id}.pdf">PDF</a> · <a href="${p.release.id}.txt">${fr ? 'Texte brut' : 'Plain text'}</a></p></body></html>`;
}

export function releasePdf(p: Awaited<ReturnType<typeof publishedRelease>>) {
  return pressReleasePdf(p.release.snapshot, null);
}

export function releasesFeed(ctx: AppContext, slug: string, data: Awaited<ReturnType<typeof publishedReleases>>) {
  const self = `${base(ctx, slug)}/press-releases.atom`;
  const feed = new Feed({
    title: `${data.org.name} — communiqués de presse`, id: self, link: `${base(ctx, slug)}/press-releases`, language: 'fr',
    updated: data.releases[0] ? new Date(data.releases[0].publishedAt) : new Date(0), feedLinks: { atom: self }, copyright: data.org.name,
  });
  for (const r of data.releases) {
    feed.addItem({ title: r.title, id: r.url, link: r.url, description: r.lede ?? undefined, content: r.snapshot.text, date: new Date(r.publishedAt) } as Parameters<typeof feed.addItem>[0]);
  }
  return feed.atom1();
}
