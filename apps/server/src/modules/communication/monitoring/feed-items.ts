import { onFirstUse } from '../../../platform/on-first-use.js';
import { FetchFailure } from './feed-fetch.js';
import { htmlToText, loadHtmlTools } from './article-text.js';

const loadFeedsmith = onFirstUse(() => import('feedsmith'));

/**
 * RSS 2.0, Atom, RDF and JSON Feed documents read by feedsmith and reduced to the few fields a
 * clipping needs. A document that is not a feed, or a broken one, is a FetchFailure naming why.
 */
export type FeedItem = {
  guid: string | null; url: string; title: string; summary: string; content: string; author: string | null;
  publishedAt: Date | null; language: 'fr' | 'en' | null;
};
export type ParsedFeed = { format: 'rss' | 'atom' | 'json' | 'rdf'; title: string | null; language: 'fr' | 'en' | null; items: FeedItem[] };

const MAX_ITEMS = 500;

function languageOf(code: unknown): 'fr' | 'en' | null {
  if (typeof code !== 'string') return null;
  const c = code.trim().toLowerCase();
  return c.startsWith('fr') ? 'fr' : c.startsWith('en') ? 'en' : null;
}
function dateOf(value: unknown): Date | null {
  if (typeof value !== 'string' || !value.trim()) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}
const str = (v: unknown): string => (typeof v === 'string' ? v : v && typeof v === 'object' && 'value' in v && typeof v.value === 'string' ? v.value : '');
const firstName = (authors: unknown): string | null => {
  if (!Array.isArray(authors) || authors.length === 0) return null;
  const a = authors[0] as unknown;
  const name = typeof a === 'string' ? a : a && typeof a === 'object' && 'name' in a ? str((a as { name: unknown }).name) : '';
  return name.trim() || null;
};

type Any = Record<string, any>;

export async function parseFeedDocument(body: string): Promise<ParsedFeed> {
  const [{ parseFeed }, html] = await Promise.all([loadFeedsmith(), loadHtmlTools()]);
  const text = (v: unknown): string => htmlToText(html, str(v)).slice(0, 20_000);
  let result: { format: string; feed: Any };
  try {
    result = parseFeed(body.trim()) as unknown as { format: string; feed: Any };
  } catch (err) {
    const name = (err as Error).name;
    throw new FetchFailure(name === 'DetectError' ? 'not_a_feed' : 'malformed', (err as Error).message.slice(0, 200));
  }
  const { format, feed } = result;
  const feedLanguage = languageOf(feed.language ?? feed.xml?.lang ?? feed.dc?.language);
  const raw: Any[] = (format === 'atom' ? feed.entries : feed.items) ?? [];
  const items: FeedItem[] = [];
  for (const it of raw.slice(0, MAX_ITEMS)) {
    let url = '';
    let item: Omit<FeedItem, 'url' | 'language'> & { language?: 'fr' | 'en' | null };
    if (format === 'atom') {
      const links: Any[] = it.links ?? [];
      url = (links.find((l) => !l.rel || l.rel === 'alternate') ?? links[0])?.href ?? '';
      item = {
        guid: str(it.id) || null, title: text(it.title), summary: text(it.summary), content: text(it.content),
        author: firstName(it.authors), publishedAt: dateOf(it.published ?? it.updated),
      };
    } else if (format === 'json') {
      url = str(it.url) || str(it.external_url);
      item = {
        guid: it.id != null ? String(it.id) : null, title: text(it.title), summary: text(it.summary),
        content: str(it.content_text) || text(it.content_html), author: firstName(it.authors) ?? firstName(it.author ? [it.author] : []),
        publishedAt: dateOf(it.date_published ?? it.date_modified), language: languageOf(it.language),
      };
    } else {
      url = str(it.link) || (it.guid?.isPermaLink !== false ? str(it.guid) : '');
      item = {
        guid: str(it.guid) || null, title: text(it.title), summary: text(it.description), content: text(it.content?.encoded),
        author: (it.dc?.creators?.[0] as string | undefined)?.trim() || firstName(it.authors) || null,
        publishedAt: dateOf(it.pubDate ?? it.dc?.dates?.[0] ?? it.dc?.date),
      };
    }
    if (!url) continue;
    const title = item.title || item.summary.slice(0, 120) || url;
    items.push({ ...item, title: title.slice(0, 1000), url, language: item.language ?? feedLanguage });
  }
  const title = str(feed.title).trim() || null;
  return { format: format as ParsedFeed['format'], title, language: feedLanguage, items };
}
