import {
  canonicalUrl, findStory, matchRule, matchTarget, minhashSignature, normaliseText, parseRule, storyText, guessLanguage,
  type ParsedRule, type PollResult,
} from '@vigie/domain';
import type { Db } from '../../../platform/db/database.js';
import { inOrganisation, inSystemTransaction } from '../../../platform/db/organisation-scope.js';
import { articleText, sha256 } from './article-text.js';
import { ARTICLE_LIMITS, FEED_LIMITS, FetchFailure, fetchLimited, type FetchLimits } from './feed-fetch.js';
import { parseFeedDocument, type FeedItem } from './feed-items.js';
import {
  addClippingSource, claimDueSources, clippingIdByUrl, findSource, insertClipping, insertStory, lockStories, recentSignatures, recordFailure, recordFetched, rulesForSource,
} from './monitoring.queries.js';

/**
 * Polling: each source on its own, so one bad source never stops the others. The network is
 * never used inside a transaction: read the source, fetch, then write in one short transaction.
 * A failure records its reason on the source's health line and backs off (15 min, doubling, at
 * most a day); a success or a 304 brings the source back to its normal interval.
 */
export type PollDeps = { db: Db; feedLimits?: FetchLimits; articleLimits?: FetchLimits; concurrency?: number };

export const POLL_INTERVAL_MINUTES = 30;
const BACKOFF_BASE_MINUTES = 15;
const BACKOFF_MAX_MINUTES = 24 * 60;
const STORY_WINDOW_HOURS = 72;

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
    let clippings = 0;
    for (const c of candidates) {
      if (await keepClipping(deps, organisationId, source, feed.title, c)) clippings += 1;
    }
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

/** A matching item becomes a clipping, once per article; a known article only records one more source. */
async function keepClipping(deps: PollDeps, organisationId: string, source: { id: string; outlet: string | null; name: string }, feedTitle: string | null, c: Candidate): Promise<boolean> {
  const key = canonicalUrl(c.item.url);
  if (!key) return false;
  const known = await inOrganisation(deps.db, organisationId, async (trx) => {
    const found = await clippingIdByUrl(trx, key);
    if (found) await addClippingSource(trx, { organisationId, clippingId: found.id, sourceId: source.id });
    return Boolean(found);
  });
  if (known) return false;
  const snapshot = await snapshotOf(c.item, deps.articleLimits ?? ARTICLE_LIMITS);
  // The page may name its own canonical address (an article reached through a redirect or alert).
  const pageKey = snapshot.canonical ? canonicalUrl(snapshot.canonical) ?? key : key;
  const signature = minhashSignature(storyText(c.item.title, snapshot.text ?? c.item.summary));
  const outlet = source.outlet ?? feedTitle ?? source.name;
  return inOrganisation(deps.db, organisationId, async (trx) => {
    const existing = pageKey !== key ? await clippingIdByUrl(trx, pageKey) : undefined;
    if (existing) {
      await addClippingSource(trx, { organisationId, clippingId: existing.id, sourceId: source.id });
      return false;
    }
    await lockStories(trx, organisationId);
    const story = findStory(signature, (await recentSignatures(trx, STORY_WINDOW_HOURS)).map((r) => ({ storyId: r.story_id, signature: r.signature })));
    const storyId = story?.storyId ?? (await insertStory(trx, organisationId, c.item.title)).id;
    const excerpt = (c.item.summary || snapshot.text || '').slice(0, 400);
    const inserted = await insertClipping(trx, {
      organisationId, canonicalUrl: pageKey, url: c.item.url, title: c.item.title, outlet, author: c.item.author ?? snapshot.author,
      publishedAt: c.item.publishedAt, language: c.item.language, excerpt, matchedTerms: c.matched,
      snapshotText: snapshot.text, snapshotSha256: snapshot.text ? sha256(snapshot.text) : null, snapshotSource: snapshot.source,
      storyId, signature, searchText: normaliseText(`${c.item.title} ${c.item.author ?? ''} ${outlet} ${excerpt} ${snapshot.text ?? ''}`).slice(0, 500_000),
    });
    if (!inserted) return false;
    await addClippingSource(trx, { organisationId, clippingId: inserted.id, sourceId: source.id });
    return true;
  });
}

/** One tick of the background job: every due source, a few at a time, each on its own. */
export async function pollDueSources(deps: PollDeps, limit = 200): Promise<PollResult[]> {
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
