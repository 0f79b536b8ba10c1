import type { ClippingDetailView, ClippingTone, ClippingView, Locale, MonitoringRuleView, MonitoringSourceView } from '@vigie/domain';
import { translate, type MessageKey } from '../../../platform/errors/messages.js';
import type { ClippingRow, RuleRow, SourceRow } from './monitoring.queries.js';

/** The whitelist of what leaves the server about sources, rules and clippings. */
const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** "timeout: 15" → "Pas de réponse en 15 s." — the stored reason worded in the reader's language. */
export function fetchErrorWords(stored: string | null, locale: Locale): string | null {
  if (!stored) return null;
  const [code, ...rest] = stored.split(': ');
  const detail = rest.join(': ');
  const key = `monitoring.fetch_${code}` as MessageKey;
  const words = translate(key, locale, { detail });
  return words === undefined || words === key ? stored : words;
}

export function presentSource(s: SourceRow, locale: Locale): MonitoringSourceView {
  return {
    id: s.id, name: s.name, url: s.url, outlet: s.outlet, active: s.active, format: s.format as MonitoringSourceView['format'],
    lastFetchedAt: iso(s.last_fetched_at), lastSuccessAt: iso(s.last_success_at), lastError: fetchErrorWords(s.last_error, locale),
    consecutiveFailures: s.consecutive_failures, nextFetchAt: s.next_fetch_at.toISOString(), itemsSeen: s.items_seen, clippings: s.clippings ?? 0,
  };
}

export function presentRule(r: RuleRow): MonitoringRuleView {
  return {
    id: r.id, name: r.name, expression: r.expression, sourceId: r.source_id, sourceName: r.source_name ?? null,
    language: r.language as MonitoringRuleView['language'], active: r.active, createdAt: r.created_at.toISOString(),
  };
}

export function presentClipping(c: ClippingRow): ClippingView {
  return {
    id: c.id, title: c.title, outlet: c.outlet, author: c.author, publishedAt: iso(c.published_at), url: c.url,
    language: c.language as ClippingView['language'], matchedTerms: c.matched_terms, excerpt: c.excerpt, snapshotSha256: c.snapshot_sha256,
    snapshotFetchedAt: iso(c.snapshot_fetched_at), snapshotSource: c.snapshot_source as ClippingView['snapshotSource'], tags: c.tags,
    tone: c.tone as ClippingTone | null, toneBy: c.tone_by_name ?? null, storyId: c.story_id, storySize: c.story_size ?? 1,
    pressReleaseId: c.press_release_id, sources: c.source_names ?? [], foundAt: c.found_at.toISOString(),
  };
}

export function presentClippingDetail(c: ClippingRow & { snapshot_text: string | null }): ClippingDetailView {
  return { ...presentClipping(c), snapshotText: c.snapshot_text };
}
