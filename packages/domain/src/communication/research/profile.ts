import type { MetricCode } from '../statistics/metrics.js';
import { DEFAULT_K, MIN_K } from './suppression.js';

/**
 * Anonymisation profiles: how detailed a research release may be. Pure (no zod) so the web
 * screen lists the same choices. Free text and identities are never fields of a release: a
 * profile naming one is refused with the field named, not silently cleaned.
 */
export const DATE_LEVELS = ['day', 'isoWeek', 'month'] as const;
export type DateLevel = (typeof DATE_LEVELS)[number];
export const PLACE_LEVELS = ['site', 'commune', 'area'] as const;
export type PlaceLevel = (typeof PLACE_LEVELS)[number];

/** Finest first: a grant of `isoWeek` allows `isoWeek` and `month`, not `day`. */
export const dateLevelRank = (l: DateLevel) => DATE_LEVELS.indexOf(l);
export const placeLevelRank = (l: PlaceLevel) => PLACE_LEVELS.indexOf(l);

/** Counts a release may carry: each is a metric of the statistics engine (codebook from METRICS). */
export const RELEASE_MEASURES = [
  'evictions', 'personsEvicted', 'women', 'children', 'families', 'unaccompaniedMinors',
  'arrests', 'arrestsWithViolence', 'idChecks', 'shelterAccepted',
] as const satisfies readonly MetricCode[];
export type ReleaseMeasure = (typeof RELEASE_MEASURES)[number];

/** Fields that exist on records but never leave in a release: free text and identities. */
export const NEVER_RELEASED_FIELDS = [
  'notes', 'description', 'legalBasisText', 'comment', 'summary', 'siteName', 'address', 'gps', 'latitude', 'longitude',
  'personName', 'identity', 'witnessName', 'observerName', 'authorId', 'phone', 'email', 'policeUnitNumber',
] as const;

export type ProfileDefinition = {
  dateLevel: DateLevel;
  placeLevel: PlaceLevel;
  measures: string[];
  k: number;
  hxl: boolean;
};

export type ProfileProblem =
  | { code: 'research.profile_forbidden_field'; field: string }
  | { code: 'research.profile_unknown_field'; field: string }
  | { code: 'research.profile_k_too_small'; min: number }
  | { code: 'research.profile_no_measure' };

export function checkProfile(p: ProfileDefinition): ProfileProblem | null {
  for (const f of p.measures) {
    if ((NEVER_RELEASED_FIELDS as readonly string[]).includes(f)) return { code: 'research.profile_forbidden_field', field: f };
    if (!(RELEASE_MEASURES as readonly string[]).includes(f)) return { code: 'research.profile_unknown_field', field: f };
  }
  if (p.measures.length === 0) return { code: 'research.profile_no_measure' };
  if (!Number.isInteger(p.k) || p.k < MIN_K) return { code: 'research.profile_k_too_small', min: MIN_K };
  return null;
}

export type Grant = { finestDate: DateLevel; finestPlace: PlaceLevel; measures: string[] };

/** The profile's detail must stay within what the agreement grants; returns what exceeds it. */
export function exceedsGrant(p: ProfileDefinition, g: Grant): string[] {
  const out: string[] = [];
  if (dateLevelRank(p.dateLevel) < dateLevelRank(g.finestDate)) out.push(`dateLevel:${p.dateLevel}`);
  if (placeLevelRank(p.placeLevel) < placeLevelRank(g.finestPlace)) out.push(`placeLevel:${p.placeLevel}`);
  for (const m of p.measures) if (!g.measures.includes(m)) out.push(m);
  return out;
}

export const DEFAULT_PROFILE: ProfileDefinition = { dateLevel: 'month', placeLevel: 'commune', measures: ['evictions', 'personsEvicted'], k: DEFAULT_K, hxl: false };

/** ISO 8601 week of a calendar day (YYYY-MM-DD): "2026-W05". Pure date arithmetic, no time zone. */
export function isoWeekOf(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  const weekday = (date.getUTCDay() + 6) % 7; // Monday = 0
  date.setUTCDate(date.getUTCDate() - weekday + 3); // the Thursday of this week decides the year
  const year = date.getUTCFullYear();
  const firstThursday = new Date(Date.UTC(year, 0, 4));
  const week = 1 + Math.round(((date.getTime() - firstThursday.getTime()) / 86400000 - 3 + ((firstThursday.getUTCDay() + 6) % 7)) / 7);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** A Paris calendar day coarsened to the profile's level. */
export function coarsenDay(day: string, level: DateLevel): string {
  if (level === 'day') return day;
  if (level === 'month') return day.slice(0, 7);
  return isoWeekOf(day);
}
