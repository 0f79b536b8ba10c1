import { ROUND_METRICS, ROUND_METRIC_CODES, isRoundMetricCode, type RoundMetricCode } from './round-metric-table.js';

/**
 * The figures the statistics, the dashboard, the bulletin and the public page speak of. Each
 * has a stable code (figure sets and published snapshots name them) and both labels. Pure: no
 * zod, so the web bundle can list them.
 *
 * `source` says where a figure comes from, for the SQL and for readers of this table:
 *  - `evictions`/`sites`/`operations`/`days`: counted records;
 *  - `column`: the sum of an eviction count (each with its own at-least flag);
 *  - `flag`: evictions where a yes/no answer is "yes";
 *  - `tally`: seized or destroyed items, all terms or one term of the item list;
 *  - `incidents`: incidents of one kind.
 */
export type MetricSource =
  | { kind: 'evictions' }
  | { kind: 'sites' }
  | { kind: 'operations' }
  | { kind: 'days' }
  | { kind: 'column'; column: string }
  | { kind: 'flag'; column: string }
  | { kind: 'tally'; tally: 'seized' | 'destroyed'; term?: string }
  | { kind: 'incidents'; incident: 'violence' | 'obstruction' };

const m = <C extends string>(code: C, fr: string, en: string, source: MetricSource) => ({ code, fr, en, source }) as const;

export const METRICS = [
  m('evictions', 'expulsions', 'evictions', { kind: 'evictions' }),
  m('distinctSites', 'lieux de vie distincts expulsés', 'distinct living sites evicted', { kind: 'sites' }),
  m('operations', 'opérations policières', 'police operations', { kind: 'operations' }),
  m('personsEvicted', 'personnes expulsées', 'people evicted', { kind: 'column', column: 'persons_evicted' }),
  m('women', 'femmes', 'women', { kind: 'column', column: 'women' }),
  m('children', 'enfants', 'children', { kind: 'column', column: 'children' }),
  m('families', 'familles', 'families', { kind: 'column', column: 'families' }),
  m('unaccompaniedMinors', 'mineurs non accompagnés rencontrés', 'unaccompanied minors met', { kind: 'column', column: 'unaccompanied_minors' }),
  m('arrests', 'interpellations', 'arrests', { kind: 'column', column: 'arrests' }),
  m('arrestsWithViolence', 'interpellations avec violence', 'arrests with violence', { kind: 'column', column: 'arrests_with_violence' }),
  m('idChecks', "contrôles d'identité", 'ID checks', { kind: 'column', column: 'id_checks' }),
  m('shelterAccepted', "personnes ayant accepté une mise à l'abri", 'people who accepted shelter', { kind: 'column', column: 'shelter_accepted' }),
  m('itemsSeized', 'affaires saisies', 'belongings seized', { kind: 'tally', tally: 'seized' }),
  m('tentsSeized', 'tentes saisies', 'tents seized', { kind: 'tally', tally: 'seized', term: 'tent' }),
  m('tentsWithBelongingsSeized', "tentes pleines d'affaires saisies", 'tents full of belongings seized', { kind: 'tally', tally: 'seized', term: 'tent_with_belongings' }),
  m('tarpsSeized', 'bâches saisies', 'tarps seized', { kind: 'tally', tally: 'seized', term: 'tarp' }),
  m('sleepingBagsSeized', 'sacs de couchage saisis', 'sleeping bags seized', { kind: 'tally', tally: 'seized', term: 'sleeping_bag' }),
  m('blanketsSeized', 'couvertures saisies', 'blankets seized', { kind: 'tally', tally: 'seized', term: 'blanket' }),
  m('mattressesSeized', 'matelas saisis', 'mattresses seized', { kind: 'tally', tally: 'seized', term: 'mattress' }),
  m('bagsSeized', 'sacs saisis', 'bags seized', { kind: 'tally', tally: 'seized', term: 'bag' }),
  m('palletsWoodSeized', 'palettes et bois saisis', 'pallets and wood seized', { kind: 'tally', tally: 'seized', term: 'pallet_wood' }),
  m('chairsSeized', 'chaises saisies', 'chairs seized', { kind: 'tally', tally: 'seized', term: 'chair' }),
  m('bikesSeized', 'vélos saisis', 'bikes seized', { kind: 'tally', tally: 'seized', term: 'bike' }),
  m('phonesSeized', 'téléphones et batteries saisis', 'phones and batteries seized', { kind: 'tally', tally: 'seized', term: 'phone_battery' }),
  m('documentsSeized', 'documents saisis', 'documents seized', { kind: 'tally', tally: 'seized', term: 'documents' }),
  m('medicinesSeized', 'médicaments saisis', 'medicines seized', { kind: 'tally', tally: 'seized', term: 'medicines' }),
  m('structuresDestroyed', 'structures détruites', 'structures destroyed', { kind: 'tally', tally: 'destroyed' }),
  m('incidentsViolence', 'violences contre les personnes exilées', 'incidents of violence against exiled people', { kind: 'incidents', incident: 'violence' }),
  m('incidentsObstruction', 'entraves aux observateur·ices', 'obstructions of observers', { kind: 'incidents', incident: 'obstruction' }),
  m('shelterOffered', "expulsions avec mise à l'abri proposée", 'evictions where shelter was offered', { kind: 'flag', column: 'shelter_offered' }),
  m('socialAssessment', 'expulsions avec diagnostic social', 'evictions with a social assessment', { kind: 'flag', column: 'social_assessment' }),
  m('daysObserved', "jours d'observation", 'days observed', { kind: 'days' }),
] as const;

export type Metric = (typeof METRICS)[number];
export type MetricCode = Metric['code'];
export const METRIC_CODES = METRICS.map((x) => x.code) as readonly MetricCode[] as readonly [MetricCode, ...MetricCode[]];

export function isMetricCode(value: string): value is MetricCode {
  return (METRIC_CODES as readonly string[]).includes(value);
}

/**
 * What a publication may cite by reference (metric, period, area, filters): the evictions'
 * metrics and the outreach rounds' figures (round-metric-table.ts), which take no force filter.
 */
export type CitableMetric = MetricCode | RoundMetricCode;

/** Every citable code, the evictions' metrics first: what a press release's or a figure set's metric may be. */
export const CITABLE_METRIC_CODES = [...METRIC_CODES, ...ROUND_METRIC_CODES] as readonly CitableMetric[] as readonly [CitableMetric, ...CitableMetric[]];

export function isCitableMetric(value: string): value is CitableMetric {
  return isMetricCode(value) || isRoundMetricCode(value);
}

export function metricLabel(code: CitableMetric, locale: 'fr' | 'en'): string {
  const metric = METRICS.find((x) => x.code === code) ?? ROUND_METRICS.find((x) => x.code === code)!;
  return metric[locale];
}

/**
 * A figure as the statistics give it: `atLeast` when it is a minimum, `unobserved` when nobody
 * observed any day of its period (see communication/figures/minimum-rule.ts for both rules, and
 * communication/figures/figure-wording.ts for the one way they are worded).
 */
export type Figure = { value: number; atLeast: boolean; unobserved?: boolean };

/**
 * What narrows a cited figure beyond its metric, period and area: one force corps (press
 * releases, grants' indicators), or the corps present together and those absent (a bulletin's
 * forces lines). Empty: the metric as it stands.
 */
export type FigureFilters = { forceCorps?: string; forcesPresent?: string[]; forcesAbsent?: string[] };
