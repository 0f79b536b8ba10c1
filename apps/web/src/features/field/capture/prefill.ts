import type { CountField, EvictionInput } from '@vigie/domain/rules';
import { COUNT_FIELDS, emptyCounts } from '@vigie/domain/rules';
import type { LocalEviction, LocalSite, Suggestions } from '../../../offline/types';

export interface NewEvictionContext {
  id: string;
  operationId: string;
  siteId: string;
  now: Date;
  quick?: boolean;
  /** The latest earlier eviction at the same site (any operation), if known. */
  previousAtSite?: EvictionInput | null;
  /** The latest eviction in the same operation: same convoy, so its forces are the best guess. */
  previousInOperation?: EvictionInput | null;
}

/**
 * A new eviction, prefilled for a known site: forces, stated legal basis and the yes/no findings
 * come from the site's previous eviction (forces from the same convoy when there is one); the
 * figures are only offered as suggestions; times, notes and coverage start afresh.
 */
export function newEviction(ctx: NewEvictionContext): { record: EvictionInput; suggestions: Suggestions | null } {
  const prev = ctx.previousAtSite ?? null;
  const forcesFrom = ctx.previousInOperation ?? prev;
  const record: EvictionInput = {
    id: ctx.id,
    operationId: ctx.operationId,
    siteId: ctx.siteId,
    arrivedAt: ctx.now.toISOString(),
    leftAt: null,
    coverage: 'full',
    quick: ctx.quick ?? false,
    counts: emptyCounts(),
    seized: [],
    destroyed: [],
    legalBasisText: prev?.legalBasisText ?? null,
    legalBasisCategory: prev?.legalBasisCategory ?? null,
    interpreter: prev?.interpreter ?? 'unknown',
    bailiff: prev?.bailiff ?? null,
    cleaningCompany: prev?.cleaningCompany ?? null,
    socialAssessment: prev?.socialAssessment ?? null,
    shelterOffered: prev?.shelterOffered ?? null,
    foodDistribution: prev?.foodDistribution ?? null,
    peopleMovingBack: prev?.peopleMovingBack ?? null,
    forces: structuredClone(forcesFrom?.forces ?? []),
    notes: [],
  };
  return { record, suggestions: prev ? suggestionsFrom(prev) : null };
}

export function suggestionsFrom(prev: EvictionInput): Suggestions | null {
  const counts: Suggestions['counts'] = {};
  for (const f of COUNT_FIELDS) {
    const c = prev.counts[f];
    if (c) counts[f] = { ...c };
  }
  const s: Suggestions = { counts, seized: prev.seized.map((t) => ({ ...t })), destroyed: prev.destroyed.map((t) => ({ ...t })) };
  return Object.keys(counts).length || s.seized.length || s.destroyed.length ? s : null;
}

/** "Reprendre les chiffres de la dernière fois": fills only what the observer left empty. */
export function adoptSuggestions(record: EvictionInput, s: Suggestions): EvictionInput {
  const counts = { ...record.counts };
  for (const [f, c] of Object.entries(s.counts) as [CountField, EvictionInput['counts'][CountField]][]) {
    if (!counts[f] && c) counts[f] = { ...c };
  }
  const mergeTallies = (mine: EvictionInput['seized'], theirs: EvictionInput['seized']) => [
    ...mine,
    ...theirs.filter((t) => !mine.some((m) => m.term === t.term)).map((t) => ({ ...t })),
  ];
  return { ...record, counts, seized: mergeTallies(record.seized, s.seized), destroyed: mergeTallies(record.destroyed, s.destroyed) };
}

/** The latest eviction before `before` among a list, optionally filtered. */
export function latest(list: readonly LocalEviction[], filter: (e: LocalEviction) => boolean, excludeId?: string): LocalEviction | null {
  let best: LocalEviction | null = null;
  for (const e of list) {
    if (e.id === excludeId || !filter(e)) continue;
    if (!best || e.record.arrivedAt > best.record.arrivedAt) best = e;
  }
  return best;
}

export function normalise(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().trim();
}

/**
 * Sites matching what the observer typed (code, name or alias; accents and case ignored),
 * exact code first, then code prefix, then the most recently evicted. An empty query lists the
 * area's sites, most recently evicted first, so a routine site is usually one tap away.
 */
export function searchSites(sites: readonly LocalSite[], query: string, lastEvictedAt: ReadonlyMap<string, string>, areaId?: string | null): LocalSite[] {
  const q = normalise(query);
  const rank = (s: LocalSite): number => {
    const code = normalise(s.record.code);
    if (!q) return 3;
    if (code === q) return 0;
    if (code.startsWith(q)) return 1;
    if (normalise(s.record.name).includes(q) || s.record.aliases.some((a) => normalise(a).includes(q))) return 2;
    return -1;
  };
  return sites
    .filter((s) => s.record.active && (q !== '' || !areaId || s.record.areaId === areaId))
    .map((s) => ({ s, r: rank(s), last: lastEvictedAt.get(s.id) ?? '' }))
    .filter((x) => x.r >= 0)
    .sort((a, b) => a.r - b.r || (a.last < b.last ? 1 : a.last > b.last ? -1 : 0) || a.s.record.code.localeCompare(b.s.record.code))
    .map((x) => x.s);
}
