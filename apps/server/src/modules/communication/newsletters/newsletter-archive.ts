import { blockText, formatDate, textDirection, type Locale, type NewsletterBlockView } from '@vigie/domain';
import type { AppContext } from '../../../platform/context.js';
import { inOrganisation } from '../../../platform/db/organisation-scope.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import { loadFeed } from '../../../platform/on-first-use.js';
import { AUTO_DIR, publicPageStyle } from '../../../platform/http/public-page.js';
import type { ObjectStorage } from '../../../platform/storage/object-storage.js';
import { quotableTexts } from '../../field/testimonies/testimonies.service.js';
import { readPhotos } from '../bulletins/bulletin-exports.js';
import { ARCHIVE_WORDS } from './newsletter-archive.words.js';
import { newsletterPaths } from './newsletter-links.js';
import { findSettings, organisationBySlug, publicationPhotos, sentIssues } from './newsletters.queries.js';

/**
 * The public archive of sent issues (opt-in per organisation): a list page, each issue from its
 * frozen snapshot, its photos from their publication copies (checked against their recorded
 * hash), an Atom feed, and the entries of the organisation's public site index.
 */
type Snapshot = { title: string; language: 'fr' | 'en'; blocks: NewsletterBlockView[]; text: string };

async function openArchive(ctx: AppContext, slug: string) {
  const org = await organisationBySlug(ctx.db, slug);
  const settings = org && await findSettings(ctx.db, org.id);
  if (!org || !settings?.enabled) throw new AppError('public.not_found');
  return org;
}

/** The index entries (name → absolute URL) for the public site index, when the organisation opted in. */
export async function newsletterPublicPages(ctx: AppContext, organisationId: string, slug: string): Promise<Record<string, string>> {
  const settings = await findSettings(ctx.db, organisationId);
  if (!settings?.enabled) return {};
  const p = newsletterPaths(ctx.config.publicUrl, slug);
  return { newsletterSignup: p.signup, newsletterArchive: p.archive, newsletterFeed: p.feed };
}

/**
 * What was mailed cannot be recalled, but the archive is ours: a quote whose person withdrew
 * since is left out of the public pages and the feed (the consent check runs again here).
 */
export async function archive(ctx: AppContext, slug: string) {
  const org = await openArchive(ctx, slug);
  const { rows, quotes } = await inOrganisation(ctx.db, org.id, async (trx) => {
    const rows = await sentIssues(trx, org.id);
    const ids = rows.flatMap((r) => (r.snapshot as Snapshot).blocks.flatMap((b) => (b.kind === 'quote' ? [b.testimonyId] : [])));
    return { rows, quotes: ids.length > 0 ? await quotableTexts(ctx, trx, ids) : new Map<string, string | null>() };
  });
  const stillConsented = (b: NewsletterBlockView): NewsletterBlockView =>
    (b.kind === 'quote' && !quotes.get(b.testimonyId) ? { ...b, text: null, consented: false } : b);
  const paths = newsletterPaths(ctx.config.publicUrl, slug);
  return {
    org, paths,
    issues: rows.map((r) => {
      const snapshot = r.snapshot as Snapshot;
      return {
        id: r.id, title: r.title, language: r.language as 'fr' | 'en', sentAt: r.sent_at!.toISOString(), url: paths.issue(r.id),
        snapshot: { ...snapshot, blocks: snapshot.blocks.map(stillConsented) },
      };
    }),
  };
}

export async function archivedIssue(ctx: AppContext, slug: string, id: string) {
  const a = await archive(ctx, slug);
  const issue = a.issues.find((i) => i.id === id);
  if (!issue) throw new AppError('public.not_found');
  return { ...a, issue };
}

/** A photo of a sent issue: only one the issue shows, only its publication copy. */
export async function archivedPhoto(ctx: AppContext, storage: ObjectStorage, slug: string, id: string, evidenceId: string) {
  const { org, issue } = await archivedIssue(ctx, slug, id);
  if (!issue.snapshot.blocks.some((b) => b.kind === 'photo' && b.available && b.evidenceId === evidenceId)) throw new AppError('public.not_found');
  const [photo] = await inOrganisation(ctx.db, org.id, (trx) => publicationPhotos(trx, [evidenceId]));
  if (!photo?.public_copy_key || !photo.public_copy_sha256) throw new AppError('public.not_found');
  const [bytes] = await readPhotos(storage, [{ key: photo.public_copy_key, sha256: photo.public_copy_sha256 }]);
  return bytes!;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
/** Photos come from this server (publication copies), so the page's policy allows its own images. */
export const ARCHIVE_PAGE_STYLE = publicPageStyle('body{font-family:system-ui,sans-serif;max-width:42rem;margin:2rem auto;padding:0 1rem;line-height:1.5}img{max-width:100%;height:auto}figcaption{font-size:.9em;color:#444}.figure{font-weight:600}', { images: true });
const STYLE = `<style>${ARCHIVE_PAGE_STYLE.css}</style>`;
const day = (iso: string, locale: Locale) => formatDate(iso, locale, { year: 'always' });

function blockHtml(b: NewsletterBlockView, locale: Locale, photoUrl: (evidenceId: string) => string): string {
  switch (b.kind) {
    case 'text': return b.text.split(/\n{2,}/).filter((p) => p.trim()).map((p) => `<p ${AUTO_DIR}>${esc(p.trim())}</p>`).join('\n');
    case 'figure': return `<p class="figure">${esc(b.wording)}</p>`;
    case 'bulletin': return b.bulletin
      ? `<section><h2>${ARCHIVE_WORDS[locale].latestBulletin} — ${esc(b.bulletin.title)}</h2>${b.bulletin.headline ? `<p>${esc(b.bulletin.headline)}</p>` : ''}<p class="figure">${esc(b.bulletin.evictions)}</p></section>`
      : '';
    case 'photo': return b.available
      ? `<figure><img src="${esc(photoUrl(b.evidenceId))}" alt="${esc(b.caption)}"><figcaption ${AUTO_DIR}>${esc(b.caption)}${b.credit ? ` © ${esc(b.credit)}` : ''}</figcaption></figure>`
      : '';
    case 'link': return `<p><a href="${esc(b.url)}" rel="noopener">${esc(b.label)}</a></p>`;
    case 'quote': return b.text ? `<blockquote ${AUTO_DIR}>${esc(b.text)}</blockquote>` : '';
  }
}

/** The list of sent issues in the visitor's language; each issue is marked when written in the other one. */
export function archivePage(a: Awaited<ReturnType<typeof archive>>, locale: Locale) {
  const w = ARCHIVE_WORDS[locale];
  const title = esc(w.archiveTitle(a.org.name));
  const other = `${a.paths.archive}?lang=${w.otherLanguage.lang}`;
  const item = (i: (typeof a.issues)[number]) =>
    `<li><a href="${esc(i.url)}" lang="${i.language}" ${AUTO_DIR}>${esc(i.title)}</a> (${day(i.sentAt, locale)}${i.language !== locale ? `, ${w.inLanguage[i.language]}` : ''})</li>`;
  return `<!doctype html><html lang="${locale}" dir="${textDirection(locale)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title><link rel="alternate" type="application/atom+xml" href="${esc(a.paths.feed)}">${STYLE}</head>
<body><p><a href="${esc(other)}" lang="${w.otherLanguage.lang}" hreflang="${w.otherLanguage.lang}">${w.otherLanguage.label}</a></p>
<h1>${title}</h1><p><a href="${esc(a.paths.signup)}">${w.subscribe}</a></p>
${a.issues.length ? `<ul>${a.issues.map(item).join('\n')}</ul>` : `<p>${w.none}</p>`}
<p><a href="${esc(a.paths.feed)}">${w.feed}</a></p></body></html>`;
}

/** One sent issue, in the language it was written in. */
export function issuePage(p: Awaited<ReturnType<typeof archivedIssue>>) {
  const s = p.issue.snapshot;
  const w = ARCHIVE_WORDS[s.language];
  return `<!doctype html><html lang="${s.language}" dir="${textDirection(s.language)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(s.title)} — ${esc(p.org.name)}</title><link rel="alternate" type="application/atom+xml" href="${esc(p.paths.feed)}">${STYLE}</head>
<body><p>${esc(p.org.name)} — ${day(p.issue.sentAt, s.language)}</p><h1 ${AUTO_DIR}>${esc(s.title)}</h1>
${s.blocks.map((b) => blockHtml(b, s.language, (e) => p.paths.photo(p.issue.id, e))).join('\n')}
<p><a href="${esc(`${p.paths.archive}?lang=${s.language}`)}">${w.allIssues}</a> · <a href="${esc(p.paths.signup)}">${w.subscribe}</a></p></body></html>`;
}

export async function archiveFeed(a: Awaited<ReturnType<typeof archive>>, locale: Locale) {
  const Feed = await loadFeed();
  const feed = new Feed({
    title: ARCHIVE_WORDS[locale].archiveTitle(a.org.name), id: a.paths.feed, link: a.paths.archive, language: locale,
    updated: a.issues[0] ? new Date(a.issues[0].sentAt) : new Date(0), feedLinks: { atom: a.paths.feed }, copyright: a.org.name,
  });
  for (const i of a.issues) {
    const content = i.snapshot.blocks.map((b) => blockText(b, i.language, (e) => a.paths.photo(i.id, e))).filter(Boolean).join('\n\n');
    feed.addItem({ title: i.title, id: i.url, link: i.url, content, date: new Date(i.sentAt) } as Parameters<typeof feed.addItem>[0]);
  }
  return feed.atom1();
}
