import { randomUUID } from 'node:crypto';
import {
  canonicalUrl, findStory, matchRule, matchTarget, minhashSignature, normaliseText, parseRule, signatureSimilarity, storyIndex, storyText, guessLanguage,
  type ParsedRule, type StoryIndex, type PollResult,
} from '@vigie/domain';
import type { Db, Trx } from '../../../platform/db/database.js';
import { inOrganisation, inSystemTransaction } from '../../../platform/db/organisation-scope.js';
import { articleText, sha256 } from './article-text.js';
import { ARTICLE_LIMITS, FEED_LIMITS, FetchFailure, fetchLimited, type FetchLimits } from './feed-fetch.js';
import { parseFeedDocument, type FeedItem } from './feed-items.js';
import {
  addClippingSources, claimDueSources, clippingIdsByUrl, findSource, insertClippings, insertStories, lockStories, recordFailure, recordFetched, rulesForSource,
  signaturesAfter, type NewClipping,
} from './monitoring.queries.js';

/**
 * Polling: each source on its own, so one bad source never stops the others. The network is
 * never used inside a transaction: read the source, fetch, then write in one short transaction.
 * A failure records its reason on the source's health line and backs off (15 min, doubling, at
 * most a day); a success or a 304 brings the source back to its normal interval.
 */
export type PollDeps = { db: Db; feedLimits?: FetchLimits; articleLimits?: FetchLimits; concurrency?: number; stories?: StoryWindows };

export const POLL_INTERVAL_MINUTES = 30;
const BACKOFF_BASE_MINUTES = 15;
const BACKOFF_MAX_MINUTES = 24 * 60;
const STORY_WINDOW_HOURS = 72;
/** Article pages read at once for one source (the network overlaps; the reading itself is CPU). */
const ARTICLE_CONCURRENCY = 4;
/** New clippings per INSERT statement. */
const INSERT_CHUNK = 50;

export function backoffMinutes(failures: number): number {
  return Math.min(BACKOFF_BASE_MINUTES * 2 ** Math.max(0, failures - 1), BACKOFF_MAX_MINUTES);
}
const minutesFromNow = (m: number) => new Date(Date.now() + m * 60_000);

type CompiledRule = { rule: ParsedRule; language: string };
type Candidate = { item: FeedItem; matched: string[] };

function matchItems(items: FeedItem[], rules: CompiledRule[]): Candidate[] {
  const out: Candidate[] = [];
  for (const item of items) {
    const language = item.language ?? guessLanguage(`${item.title} ${item.summary}`);
    const target = matchTarget(item.title, item.summary, item.content, item.author);
    const matched = new Set<string>();
    for (const r of rules) {
      if (r.language !== 'any' && language && r.language !== language) continue;
      for (const term of matchRule(r.rule, target) ?? []) matched.add(term);
    }
    if (matched.size > 0) out.push({ item: { ...item, language }, matched: [...matched] });
  }
  return out;
}

/** The article as published: the page reduced to its text, or the feed's own text when the page cannot be read. */
async function snapshotOf(item: FeedItem, limits: FetchLimits) {
  try {
    const page = await fetchLimited(item.url, limits);
    if (page.status === 'ok' && /html/i.test(page.contentType)) {
      const article = await articleText(page.body, page.url);
      if (article) return { text: article.text, source: 'article' as const, author: article.byline, canonical: article.canonical };
    }
  } catch {
    // The page is unreachable or too big: the feed's text stands in, and says so.
  }
  const text = [item.title, item.content || item.summary].filter(Boolean).join('\n\n').trim();
  return { text: text || null, source: text ? 'feed' as const : null, author: null, canonical: null };
}

export async function pollSource(deps: PollDeps, organisationId: string, sourceId: string): Promise<PollResult> {
  const source = await inOrganisation(deps.db, organisationId, (trx) => findSource(trx, sourceId));
  if (!source) return { sourceId, status: 'failed', items: 0, clippings: 0, error: 'not_found' };
  try {
    const fetched = await fetchLimited(source.url, deps.feedLimits ?? FEED_LIMITS, { etag: source.etag, lastModified: source.last_modified });
    if (fetched.status === 'not_modified') {
      await inOrganisation(deps.db, organisationId, (trx) => recordFetched(trx, sourceId, { status: 'not_modified', nextFetchAt: minutesFromNow(POLL_INTERVAL_MINUTES) }));
      return { sourceId, status: 'not_modified', items: 0, clippings: 0, error: null };
    }
    const feed = await parseFeedDocument(fetched.body);
    const rules = await inOrganisation(deps.db, organisationId, (trx) => rulesForSource(trx, sourceId));
    const compiled = rules.flatMap((r) => { const p = parseRule(r.expression); return p.ok ? [{ rule: p.rule, language: r.language }] : []; });
    const candidates = matchItems(feed.items, compiled);
    const clippings = await keepClippings(deps, organisationId, source, feed.title, candidates);
    await inOrganisation(deps.db, organisationId, (trx) => recordFetched(trx, sourceId, {
      status: 'fetched', etag: fetched.etag, lastModified: fetched.lastModified, format: feed.format, feedTitle: feed.title,
      items: feed.items.length, nextFetchAt: minutesFromNow(POLL_INTERVAL_MINUTES),
    }));
    return { sourceId, status: 'fetched', items: feed.items.length, clippings, error: null };
  } catch (err) {
    const reason = err instanceof FetchFailure ? err.message : `network: ${(err as Error).message}`;
    await inOrganisation(deps.db, organisationId, (trx) => recordFailure(trx, sourceId, reason, minutesFromNow(backoffMinutes(source.consecutive_failures + 1))));
    return { sourceId, status: 'failed', items: 0, clippings: 0, error: reason };
  }
}

/**
 * The story window: the signatures of an organisation's clippings of the last 72 hours, kept in
 * memory for a polling run. The first source of the run reads them all; each later one reads only
 * the clippings numbered after the last one read (story_order), under the story lock. Without it
 * every clipping re-read the whole window (a quadratic run: 60 sources took minutes).
 */
type WindowEntry = { storyId: string; signature: number[]; foundAt: number };
type StoryWindow = { index: StoryIndex<WindowEntry>; entries: WindowEntry[]; after: number };
export type StoryWindows = Map<string, StoryWindow>;

async function storyWindow(trx: Trx, windows: StoryWindows, organisationId: string): Promise<StoryIndex<WindowEntry>> {
  let window = windows.get(organisationId) ?? { index: storyIndex<WindowEntry>(), entries: [], after: 0 };
  const since = Date.now() - STORY_WINDOW_HOURS * 3_600_000;
  if (window.entries.some((e) => e.foundAt < since)) {
    // A long run outlived the oldest clippings: the index is rebuilt without them.
    const kept = window.entries.filter((e) => e.foundAt >= since);
    window = { index: storyIndex<WindowEntry>(), entries: kept, after: window.after };
    for (const e of kept) window.index.add(e);
  }
  for (const r of await signaturesAfter(trx, organisationId, STORY_WINDOW_HOURS, window.after)) {
    const entry = { storyId: r.story_id, signature: r.signature, foundAt: r.found_at.getTime() };
    window.entries.push(entry);
    window.index.add(entry);
    window.after = Math.max(window.after, r.story_order);
  }
  windows.set(organisationId, window);
  return window.index;
}

/** The most similar of the window and this source's own new clippings (the later one on a tie, as findStory does). */
function bestStory(signature: number[], window: StoryIndex<WindowEntry>, batch: WindowEntry[]): string | null {
  const earlier = window.best(signature);
  const mine = findStory(signature, batch);
  if (mine && (!earlier || signatureSimilarity(signature, mine.signature) >= earlier.similarity)) return mine.storyId;
  return earlier?.candidate.storyId ?? null;
}

/** `work` over the items, at most `limit` at a time, results in the items' order. */
async function mapLimited<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => { for (let i = next++; i < items.length; i = next++) out[i] = await work(items[i]!); };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/**
 * A source's matching items become clippings, once per article: a known article only records one
 * more source. Known addresses are looked up in one query, the new articles read (outside any
 * transaction), then all of them are grouped into stories and inserted in one short transaction.
 */
async function keepClippings(deps: PollDeps, organisationId: string, source: { id: string; outlet: string | null; name: string }, feedTitle: string | null, candidates: Candidate[]): Promise<number> {
  const byKey = new Map<string, Candidate>();
  for (const c of candidates) {
    const key = canonicalUrl(c.item.url);
    if (key && !byKey.has(key)) byKey.set(key, c);
  }
  if (byKey.size === 0) return 0;
  const known = await inOrganisation(deps.db, organisationId, async (trx) => {
    const found = await clippingIdsByUrl(trx, [...byKey.keys()]);
    await addClippingSources(trx, organisationId, source.id, [...found.values()]);
    return found;
  });
  const fresh = [...byKey].filter(([key]) => !known.has(key));
  if (fresh.length === 0) return 0;
  const outlet = source.outlet ?? feedTitle ?? source.name;
  const prepared = await mapLimited(fresh, ARTICLE_CONCURRENCY, async ([key, c]) => {
    const snapshot = await snapshotOf(c.item, deps.articleLimits ?? ARTICLE_LIMITS);
    // The page may name its own canonical address (an article reached through a redirect or alert).
    const pageKey = snapshot.canonical ? canonicalUrl(snapshot.canonical) ?? key : key;
    const excerpt = (c.item.summary || snapshot.text || '').slice(0, 400);
    const clipping: Omit<NewClipping, 'storyId'> = {
      organisationId, canonicalUrl: pageKey, url: c.item.url, title: c.item.title, outlet, author: c.item.author ?? snapshot.author,
      publishedAt: c.item.publishedAt, language: c.item.language, excerpt, matchedTerms: c.matched,
      snapshotText: snapshot.text, snapshotSha256: snapshot.text ? sha256(snapshot.text) : null, snapshotSource: snapshot.source,
      signature: minhashSignature(storyText(c.item.title, snapshot.text ?? c.item.summary)),
      searchText: normaliseText(`${c.item.title} ${c.item.author ?? ''} ${outlet} ${excerpt} ${snapshot.text ?? ''}`).slice(0, 500_000),
    };
    return clipping;
  });
  const windows = deps.stories ?? new Map();
  return inOrganisation(deps.db, organisationId, async (trx) => {
    await lockStories(trx, organisationId);
    // Looked up again under the lock: another source may have kept one of these articles meanwhile.
    const existing = await clippingIdsByUrl(trx, [...new Set(prepared.map((p) => p.canonicalUrl))]);
    await addClippingSources(trx, organisationId, source.id, [...existing.values()]);
    const window = await storyWindow(trx, windows, organisationId);
    const batch: WindowEntry[] = [];
    const stories: Array<{ id: string; organisationId: string; title: string }> = [];
    const rows: NewClipping[] = [];
    const taken = new Set(existing.keys());
    for (const p of prepared) {
      if (taken.has(p.canonicalUrl)) continue;
      taken.add(p.canonicalUrl);
      let storyId = bestStory(p.signature, window, batch);
      if (!storyId) {
        storyId = randomUUID();
        stories.push({ id: storyId, organisationId, title: p.title });
      }
      batch.push({ storyId, signature: p.signature, foundAt: Date.now() });
      rows.push({ ...p, storyId });
    }
    await insertStories(trx, stories);
    let kept = 0;
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      const inserted = await insertClippings(trx, rows.slice(i, i + INSERT_CHUNK));
      await addClippingSources(trx, organisationId, source.id, inserted.map((r) => r.id));
      kept += inserted.length;
    }
    return kept;
  });
}

/** One tick of the background job: every due source, a few at a time, each on its own. */
export async function pollDueSources(deps: PollDeps, limit = 200): Promise<PollResult[]> {
  // One story window for the whole run, shared by the sources polled in it.
  deps = { ...deps, stories: deps.stories ?? new Map() };
  const due = await inSystemTransaction(deps.db, (trx) => claimDueSources(trx, limit, 20));
  const results: PollResult[] = [];
  const queue = [...due];
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      results.push(await pollSource(deps, next.organisation_id, next.id).catch((err: Error) => (
        { sourceId: next!.id, status: 'failed' as const, items: 0, clippings: 0, error: err.message })));
    }
  };
  await Promise.all(Array.from({ length: Math.min(deps.concurrency ?? 4, due.length) }, worker));
  return results;
}
