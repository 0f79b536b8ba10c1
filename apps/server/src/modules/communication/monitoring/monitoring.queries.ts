import { sql } from 'kysely';
import type { ClippingQuery } from '@vigie/domain';
import type { Executor } from '../../../platform/db/database.js';
import './monitoring.table.js';

/** All SQL of the media monitoring: sources and their health, rules, clippings, stories, digest. */

// ===== Sources =====
export async function listSources(db: Executor) {
  return db.selectFrom('monitoring_sources as s').selectAll('s')
    .select((eb) => eb.selectFrom('monitoring_clipping_sources as cs').whereRef('cs.source_id', '=', 's.id').select(sql<number>`count(*)::int`.as('n')).as('clippings'))
    .orderBy('s.name').execute();
}
export type SourceRow = Awaited<ReturnType<typeof listSources>>[number];

export async function findSource(db: Executor, id: string) {
  return db.selectFrom('monitoring_sources as s').selectAll('s')
    .select((eb) => eb.selectFrom('monitoring_clipping_sources as cs').whereRef('cs.source_id', '=', 's.id').select(sql<number>`count(*)::int`.as('n')).as('clippings'))
    .where('s.id', '=', id).executeTakeFirst();
}

export async function sourceWithUrl(db: Executor, url: string, exceptId?: string) {
  let q = db.selectFrom('monitoring_sources').select('id').where('url', '=', url);
  if (exceptId) q = q.where('id', '<>', exceptId);
  return q.executeTakeFirst();
}

export async function insertSource(db: Executor, v: { organisationId: string; name: string; url: string; outlet: string | null; active: boolean; createdBy: string }) {
  return db.insertInto('monitoring_sources').values({
    organisation_id: v.organisationId, name: v.name, url: v.url, outlet: v.outlet, active: v.active, created_by: v.createdBy,
  }).returning('id').executeTakeFirstOrThrow();
}

export async function updateSource(db: Executor, id: string, v: { name: string; url: string; outlet: string | null; active: boolean; urlChanged: boolean }) {
  await db.updateTable('monitoring_sources').set({
    name: v.name, url: v.url, outlet: v.outlet, active: v.active,
    // A new address starts afresh: no validators from the old one, polled at the next tick.
    ...(v.urlChanged && { etag: null, last_modified: null, consecutive_failures: 0, next_fetch_at: new Date() }),
  }).where('id', '=', id).execute();
}

export async function deleteSource(db: Executor, id: string) {
  const r = await db.deleteFrom('monitoring_sources').where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** Active sources whose time has come, claimed (pushed `claimMinutes` ahead) so that a second tick leaves them alone. */
export async function claimDueSources(db: Executor, limit: number, claimMinutes: number) {
  const rows = await sql<{ id: string; organisation_id: string }>`
    UPDATE monitoring_sources SET next_fetch_at = now() + make_interval(mins => ${claimMinutes})
    WHERE id IN (SELECT id FROM monitoring_sources WHERE active AND next_fetch_at <= now() ORDER BY next_fetch_at LIMIT ${limit} FOR UPDATE SKIP LOCKED)
    RETURNING id, organisation_id`.execute(db);
  return rows.rows;
}

export async function recordFetched(db: Executor, id: string, v: {
  status: 'fetched' | 'not_modified'; etag?: string | null; lastModified?: string | null; format?: string; feedTitle?: string | null; items?: number; nextFetchAt: Date;
}) {
  await db.updateTable('monitoring_sources').set((eb) => ({
    last_fetched_at: new Date(), last_success_at: new Date(), last_error: null, last_error_at: null, consecutive_failures: 0, next_fetch_at: v.nextFetchAt,
    ...(v.status === 'fetched' && {
      etag: v.etag ?? null, last_modified: v.lastModified ?? null, format: v.format ?? null, feed_title: v.feedTitle ?? null,
      items_seen: eb('items_seen', '+', v.items ?? 0),
    }),
  })).where('id', '=', id).execute();
}

export async function recordFailure(db: Executor, id: string, error: string, nextFetchAt: Date) {
  await db.updateTable('monitoring_sources').set((eb) => ({
    last_fetched_at: new Date(), last_error: error.slice(0, 500), last_error_at: new Date(),
    consecutive_failures: eb('consecutive_failures', '+', 1), next_fetch_at: nextFetchAt,
  })).where('id', '=', id).execute();
}

// ===== Rules =====
export async function listRules(db: Executor) {
  return db.selectFrom('monitoring_rules as r').leftJoin('monitoring_sources as s', 's.id', 'r.source_id')
    .selectAll('r').select('s.name as source_name').orderBy('r.created_at').execute();
}
export type RuleRow = Awaited<ReturnType<typeof listRules>>[number];

export async function rulesForSource(db: Executor, sourceId: string) {
  return db.selectFrom('monitoring_rules').select(['id', 'expression', 'language'])
    .where('active', '=', true).where((eb) => eb.or([eb('source_id', 'is', null), eb('source_id', '=', sourceId)])).execute();
}

export async function insertRule(db: Executor, v: { organisationId: string; sourceId: string | null; name: string; expression: string; language: string; active: boolean; createdBy: string }) {
  return db.insertInto('monitoring_rules').values({
    organisation_id: v.organisationId, source_id: v.sourceId, name: v.name, expression: v.expression, language: v.language, active: v.active, created_by: v.createdBy,
  }).returning('id').executeTakeFirstOrThrow();
}

export async function updateRule(db: Executor, id: string, v: { sourceId: string | null; name: string; expression: string; language: string; active: boolean }) {
  const r = await db.updateTable('monitoring_rules').set({ source_id: v.sourceId, name: v.name, expression: v.expression, language: v.language, active: v.active })
    .where('id', '=', id).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function deleteRule(db: Executor, id: string) {
  const r = await db.deleteFrom('monitoring_rules').where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

// ===== Clippings and stories =====
/** The clippings already kept for these addresses (canonical form), by address. */
export async function clippingIdsByUrl(db: Executor, canonicalUrls: string[]): Promise<Map<string, string>> {
  if (canonicalUrls.length === 0) return new Map();
  const rows = await db.selectFrom('monitoring_clippings').select(['id', 'canonical_url']).where('canonical_url', 'in', canonicalUrls).execute();
  return new Map(rows.map((r) => [r.canonical_url, r.id]));
}

/** One source found these clippings (again): recorded once per clipping and source. */
export async function addClippingSources(db: Executor, organisationId: string, sourceId: string, clippingIds: string[]) {
  if (clippingIds.length === 0) return;
  await db.insertInto('monitoring_clipping_sources')
    .values([...new Set(clippingIds)].map((clipping_id) => ({ organisation_id: organisationId, clipping_id, source_id: sourceId })))
    .onConflict((oc) => oc.doNothing()).execute();
}

/** One story decision at a time per organisation: two sources polled at once cannot both open the same story. */
export async function lockStories(db: Executor, organisationId: string) {
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`monitoring-stories:${organisationId}`}))`.execute(db);
}

/**
 * Signatures of the clippings found in the last `hours` and numbered after `after` (story_order,
 * 0 for all of them), in that order, to recognise a story. Read under the story lock.
 */
export async function signaturesAfter(db: Executor, organisationId: string, hours: number, after: number) {
  return db.selectFrom('monitoring_clippings')
    .select(['story_id', 'signature', 'found_at', sql<number>`story_order::float8`.as('story_order')])
    .where('organisation_id', '=', organisationId).where(sql<boolean>`story_order > ${after}`)
    .where('found_at', '>=', sql<Date>`now() - make_interval(hours => ${hours})`)
    .orderBy('story_order').execute();
}

export async function insertStories(db: Executor, stories: Array<{ id: string; organisationId: string; title: string }>) {
  if (stories.length === 0) return;
  await db.insertInto('monitoring_stories').values(stories.map((s) => ({ id: s.id, organisation_id: s.organisationId, title: s.title }))).execute();
}

export type NewClipping = {
  organisationId: string; canonicalUrl: string; url: string; title: string; outlet: string; author: string | null; publishedAt: Date | null;
  language: string | null; excerpt: string; matchedTerms: string[]; snapshotText: string | null; snapshotSha256: string | null;
  snapshotSource: 'article' | 'feed' | null; storyId: string; signature: number[]; searchText: string;
};

/** The new clippings in one statement; an address kept meanwhile is left alone (not returned). */
export async function insertClippings(db: Executor, clippings: NewClipping[]) {
  if (clippings.length === 0) return [];
  return db.insertInto('monitoring_clippings').values(clippings.map((v) => ({
    organisation_id: v.organisationId, canonical_url: v.canonicalUrl, url: v.url, title: v.title, outlet: v.outlet, author: v.author,
    published_at: v.publishedAt, language: v.language, excerpt: v.excerpt, matched_terms: v.matchedTerms, snapshot_text: v.snapshotText,
    snapshot_sha256: v.snapshotSha256, snapshot_fetched_at: v.snapshotText ? new Date() : null, snapshot_source: v.snapshotSource,
    story_id: v.storyId, signature: v.signature, search_text: v.searchText,
  }))).onConflict((oc) => oc.columns(['organisation_id', 'canonical_url']).doNothing()).returning(['id', 'canonical_url']).execute();
}

function clippingColumns(db: Executor) {
  return db.selectFrom('monitoring_clippings as c')
    .select(['c.id', 'c.title', 'c.outlet', 'c.author', 'c.published_at', 'c.url', 'c.language', 'c.matched_terms', 'c.excerpt', 'c.snapshot_sha256',
      'c.snapshot_fetched_at', 'c.snapshot_source', 'c.tags', 'c.tone', 'c.story_id', 'c.press_release_id', 'c.found_at'])
    .select((eb) => [
      eb.selectFrom('users as u').whereRef('u.id', '=', 'c.tone_by').select('u.display_name').as('tone_by_name'),
      eb.selectFrom('monitoring_clippings as o').whereRef('o.story_id', '=', 'c.story_id').select(sql<number>`count(*)::int`.as('n')).as('story_size'),
      eb.selectFrom('monitoring_clipping_sources as cs').innerJoin('monitoring_sources as s', 's.id', 'cs.source_id').whereRef('cs.clipping_id', '=', 'c.id')
        .select(sql<string[]>`coalesce(array_agg(s.name ORDER BY s.name), '{}')`.as('names')).as('source_names'),
    ]);
}
export type ClippingRow = Awaited<ReturnType<ReturnType<typeof clippingColumns>['execute']>>[number];

/**
 * The clippings, newest first, also for a search. The search text is normalised by the caller
 * (accents removed) and read as a web search ("phrase", OR, -word) in French and in English: an
 * article indexed in one language is found with either stemming. No ranking by relevance: on a
 * desk whose articles nearly all say "Calais", ts_rank read every matching vector (p95 ~500 ms
 * over 100,000 clippings, bench/monitoring-search.ts).
 */
export async function listClippings(db: Executor, q: ClippingQuery & { search?: string }) {
  return clippingsQuery(db, q).execute();
}

/** The query of `listClippings`, unexecuted (the bench prints its plan). */
export function clippingsQuery(db: Executor, q: ClippingQuery & { search?: string }) {
  if (q.search) {
    // Under row-level security PostgreSQL may not use the GIN index for `@@` (not leakproof): the
    // page's ids come from monitoring_clipping_search (migration 14g-02, organisation filter
    // written out), joined back here by primary key under the policy, in the function's order.
    const page = sql<{ id: string; ordinality: number }>`monitoring_clipping_search(${q.search}, ${q.tag ?? null}, ${q.tone ?? null},
      ${q.storyId ?? null}::uuid, ${q.pressReleaseId ?? null}::uuid, ${q.limit}, ${q.offset}) WITH ORDINALITY`;
    return clippingColumns(db).innerJoin(page.as('m'), 'm.id', 'c.id').orderBy('m.ordinality');
  }
  let query = clippingColumns(db);
  if (q.tag) query = query.where(sql<boolean>`${q.tag} = ANY(c.tags)`);
  if (q.tone) query = query.where('c.tone', '=', q.tone);
  if (q.storyId) query = query.where('c.story_id', '=', q.storyId);
  if (q.pressReleaseId) query = query.where('c.press_release_id', '=', q.pressReleaseId);
  return query.orderBy('c.found_at', 'desc').orderBy('c.id').limit(q.limit).offset(q.offset);
}

/**
 * Clippings that are one of these addresses (canonical form) or whose text names one of them
 * (address without scheme, followed by no further path character, so ".../1" is not ".../10").
 * `about` lists which of the given addresses each clipping concerns.
 */
export async function clippingsAbout(db: Executor, canonicals: string[]) {
  if (canonicals.length === 0) return [];
  const needles = canonicals.map((c) => c.replace(/^https:\/\//, '').toLowerCase());
  const patterns = needles.map((n) => `${n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([^a-z0-9_/-]|$)`);
  const about = sql<string[]>`ARRAY(SELECT k.canonical FROM unnest(${canonicals}::text[], ${patterns}::text[]) AS k(canonical, pattern)
    WHERE c.canonical_url = k.canonical OR lower(coalesce(c.snapshot_text, '') || ' ' || c.excerpt) ~ k.pattern)`;
  return db.selectFrom('monitoring_clippings as c')
    .select(['c.id', 'c.title', 'c.outlet', 'c.url', 'c.canonical_url', 'c.published_at', 'c.found_at']).select(about.as('about'))
    .where(sql<boolean>`cardinality(${about}) > 0`).orderBy('c.found_at', 'desc').limit(200).execute();
}

export async function findClipping(db: Executor, id: string) {
  return clippingColumns(db).select('c.snapshot_text').where('c.id', '=', id).executeTakeFirst();
}

export async function updateClipping(db: Executor, id: string, v: { tone?: string | null; toneBy?: string | null; tags?: string[]; pressReleaseId?: string | null }) {
  const set = {
    ...(v.tone !== undefined && { tone: v.tone, tone_by: v.toneBy ?? null }),
    ...(v.tags !== undefined && { tags: v.tags }),
    ...(v.pressReleaseId !== undefined && { press_release_id: v.pressReleaseId }),
  };
  if (Object.keys(set).length === 0) return true;
  const r = await db.updateTable('monitoring_clippings').set(set).where('id', '=', id).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

// ===== Digest =====
export async function digestRecipients(db: Executor) {
  return db.selectFrom('monitoring_digest_recipients as r').innerJoin('users as u', 'u.id', 'r.user_id')
    .select(['u.id', 'u.display_name', 'u.email', 'u.locale']).where('u.active', '=', true).orderBy('u.display_name').execute();
}

export async function digestCandidates(db: Executor) {
  return db.selectFrom('users').select(['id', 'display_name', 'email']).where('active', '=', true).orderBy('display_name').execute();
}

export async function replaceDigestRecipients(db: Executor, organisationId: string, userIds: string[]) {
  await db.deleteFrom('monitoring_digest_recipients').execute();
  if (userIds.length) await db.insertInto('monitoring_digest_recipients').values(userIds.map((user_id) => ({ organisation_id: organisationId, user_id }))).execute();
}

export async function activeUserIds(db: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return (await db.selectFrom('users').select('id').where('id', 'in', ids).where('active', '=', true).execute()).map((r) => r.id);
}

/** Organisations with someone to send the digest to (system-wide: the daily job). */
export async function organisationsWithDigest(db: Executor) {
  return (await db.selectFrom('monitoring_digest_recipients').select('organisation_id').distinct().execute()).map((r) => r.organisation_id);
}

export async function clippingsFoundSince(db: Executor, since: Date) {
  return clippingColumns(db).where('c.found_at', '>=', since).orderBy('c.story_id').orderBy('c.found_at').limit(500).execute();
}

export async function claimDigest(db: Executor, organisationId: string, day: string, clippings: number) {
  return db.insertInto('monitoring_digests').values({ organisation_id: organisationId, day, clippings })
    .onConflict((oc) => oc.columns(['organisation_id', 'day']).doNothing()).returning('id').executeTakeFirst();
}

export async function unhealthySources(db: Executor) {
  return db.selectFrom('monitoring_sources').select(['name', 'last_error', 'last_success_at', 'consecutive_failures'])
    .where('active', '=', true).where('consecutive_failures', '>', 0).orderBy('name').execute();
}

/** Clippings published (or, without a date, found) between two Paris days, both included: a funder indicator's count. */
export async function countClippingsBetween(db: Executor, from: string, to: string): Promise<number> {
  const r = await db.selectFrom('monitoring_clippings').select(sql<number>`count(*)::int`.as('n'))
    .where(sql<boolean>`(coalesce(published_at, found_at) AT TIME ZONE 'Europe/Paris')::date BETWEEN ${from}::date AND ${to}::date`).executeTakeFirstOrThrow();
  return r.n;
}
