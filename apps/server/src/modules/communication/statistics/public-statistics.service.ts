import { TZDate } from '@date-fns/tz';
import { endOfMonth, format, startOfMonth, subMonths } from 'date-fns';
import { LRUCache } from 'lru-cache';
import {
  DEFAULT_PUBLIC_THRESHOLD, metricLabel, suppressPublicYear, wordFigure,
  type Figure, type Locale, type MetricCode, type PublicQuantity, type PublicStatisticsSettings, type PublicYearSuppression,
} from '@vigie/domain';
import type { AppContext } from '../../../platform/context.js';
import type { Trx } from '../../../platform/db/database.js';
import { inOrganisation } from '../../../platform/db/organisation-scope.js';
import { recordAudit } from '../../../platform/audit/audit-trail.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import type { Actor } from '../../../platform/http/request-context.js';
import { computeBreakdown } from './statistics.breakdown.js';
import { findPublishingOrganisation, readPublicSettings, writePublicSettings, writeSlug } from './public-statistics.queries.js';
import { daysInPeriod } from './statistics.period.js';
import { areasById } from './statistics.queries.js';
import { computeSeriesFigures, computeSummary } from './statistics.service.js';

const PUBLIC_MAX_DAYS = 3_660;

/**
 * Public statistics: what an organisation chooses to show the world, by iframe on its website
 * or as JSON/CSV. Aggregates only, and deliberately fewer of them than the dashboard:
 *  - no free text, no people, no site names or codes: a named living site with its eviction
 *    count tells anyone where exiled people sleep tonight; communes and areas are public
 *    knowledge (prefectures publish them) and are as fine as we go;
 *  - no women / children / families: small, identifying groups;
 *  - every count from 1 to threshold−1 is shown as "< N" with no number (0 stays 0: it says
 *    nothing about anyone), and more values are hidden ("masqué") wherever subtracting what the
 *    pages show — months from a quarter, one area from all, a quarter from a year — would give
 *    a hidden one back (secondary suppression over the whole year, `suppressPublicYear`).
 */
export const PUBLIC_METRICS: readonly MetricCode[] = [
  'evictions', 'distinctSites', 'personsEvicted', 'unaccompaniedMinors', 'arrests', 'arrestsWithViolence', 'itemsSeized',
  'tentsSeized', 'structuresDestroyed', 'incidentsViolence', 'incidentsObstruction', 'daysObserved',
];

/**
 * Counts that add up over months and areas: the ones a reader can subtract. Distinct sites do
 * not add up (a site evicted twice counts once) and days observed say nothing about anyone.
 */
const ADDITIVE_METRICS: readonly MetricCode[] = [
  'evictions', 'personsEvicted', 'unaccompaniedMinors', 'arrests', 'arrestsWithViolence', 'itemsSeized',
  'tentsSeized', 'structuresDestroyed', 'incidentsViolence', 'incidentsObstruction',
];

export type PublicFigure = { value: number | null; atLeast: boolean; belowThreshold: boolean; suppressed: boolean; display: string };

const SUPPRESSED = { fr: 'masqué', en: 'hidden' } as const;

export function publicFigure(f: Figure, threshold: number, locale: Locale, suppressed = false): PublicFigure {
  if (f.value > 0 && f.value < threshold) return { value: null, atLeast: false, belowThreshold: true, suppressed: false, display: `< ${threshold}` };
  // Hidden so that it cannot be subtracted from the others to recover a small count.
  if (suppressed && f.value > 0) return { value: null, atLeast: false, belowThreshold: false, suppressed: true, display: SUPPRESSED[locale] };
  // Nobody observed: no number at all, so no reader can take it for "nothing happened".
  if (f.unobserved) return { value: null, atLeast: false, belowThreshold: false, suppressed: false, display: wordFigure(f, locale) };
  return { value: f.value, atLeast: f.atLeast && f.value !== 0, belowThreshold: false, suppressed: false, display: wordFigure(f, locale) };
}

export async function publicSettingsOf(ctx: AppContext, actor: Actor): Promise<PublicStatisticsSettings> {
  const s = await inOrganisation(ctx.db, actor.organisationId, (trx) => readPublicSettings(trx));
  return { enabled: s.enabled, slug: s.slug, threshold: s.threshold ?? DEFAULT_PUBLIC_THRESHOLD };
}

/** Whether the organisation at this public address publishes its figures (the public site's index asks). */
export async function publishesStatistics(ctx: AppContext, slug: string): Promise<boolean> {
  return Boolean(await findPublishingOrganisation(ctx.db, slug));
}

export async function savePublicSettings(ctx: AppContext, actor: Actor, input: PublicStatisticsSettings): Promise<PublicStatisticsSettings> {
  if (input.enabled && !input.slug) throw new AppError('statistics.slug_required');
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const before = await readPublicSettings(trx);
    try {
      await writeSlug(trx, actor.organisationId, input.slug);
    } catch (err) {
      if ((err as { code?: string }).code === '23505') throw new AppError('statistics.slug_taken', { slug: input.slug });
      throw err;
    }
    await writePublicSettings(trx, actor.organisationId, input.enabled, input.threshold, actor.userId);
    pageCache(ctx).clear();
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'statistics.public_settings_changed', entityType: 'organisation',
      entityId: actor.organisationId, before, after: input,
    });
    return input;
  });
}

function coverageLine(observedDays: number, expectedDays: number, locale: Locale) {
  const display = locale === 'fr' ? `Jours d’observation : ${observedDays} sur ${expectedDays}` : `Days of observation: ${observedDays} of ${expectedDays}`;
  return { expectedDays, observedDays, display };
}

export type PublicStatistics = {
  organisation: string; from: string; to: string; area: string | null; threshold: number; generatedAt: string;
  /** The coverage of the period the page speaks of (observation rota): "Jours d'observation : 28 sur 30". */
  coverage: { expectedDays: number; observedDays: number; display: string };
  figures: Array<{ code: MetricCode; label: string } & PublicFigure>;
  byMonth: Array<{ month: string } & PublicFigure>;
  byArea: Array<{ area: string } & PublicFigure>;
};

/**
 * The public figures cover fixed periods only: one whole month, one calendar quarter or one
 * calendar year. Arbitrary or sliding ranges would let anyone subtract two overlapping answers
 * (1 Jan–31 Mar minus 2 Jan–31 Mar) and recover a single day's small, hidden count.
 */
export function isFixedPublicPeriod(from: string, to: string): boolean {
  const f = /^(\d{4})-(\d{2})-01$/.exec(from);
  const t = /^(\d{4})-(\d{2})-(\d{2})$/.exec(to);
  if (!f || !t) return false;
  const [fy, fm] = [Number(f[1]), Number(f[2])];
  const [ty, tm, td] = [Number(t[1]), Number(t[2]), Number(t[3])];
  // The last day of month tm: day 0 of the next month.
  if (td !== new Date(Date.UTC(ty, tm, 0)).getUTCDate()) return false;
  const months = (ty - fy) * 12 + (tm - fm) + 1;
  if (months === 1) return true;
  if (months === 3) return fm % 3 === 1;
  return months === 12 && fm === 1;
}

/** By default the last whole calendar quarter, in Paris. */
export function defaultPublicPeriod(now = new Date()): { from: string; to: string } {
  const today = new TZDate(now, 'Europe/Paris');
  const quarterStart = subMonths(startOfMonth(today), today.getMonth() % 3);
  const previous = subMonths(quarterStart, 3);
  return { from: format(previous, 'yyyy-MM-dd'), to: format(endOfMonth(subMonths(quarterStart, 1)), 'yyyy-MM-dd') };
}

type YearSuppression = { areaIndex: Map<string, number>; indexById: Map<string, number>; metrics: Map<MetricCode, PublicYearSuppression> };

/** A year of every additive metric for every area, suppressed as one table (see `suppressPublicYear`). */
async function yearSuppression(trx: Trx, year: number, threshold: number): Promise<YearSuppression> {
  const areas = (await areasById(trx)).sort((a, b) => a.code.localeCompare(b.code));
  const perArea: Array<Awaited<ReturnType<typeof computeSeriesFigures>>> = [];
  for (const area of areas) {
    perArea.push(await computeSeriesFigures(trx, { from: `${year}-01-01`, to: `${year}-12-31`, areaCode: area.code }, 'month'));
  }
  const metrics = new Map(ADDITIVE_METRICS.map((code) => [code, suppressPublicYear({
    areas: areas.map((a) => a.code),
    cells: perArea.map((points) => points.map((p) => p.figures[code].value)),
  }, threshold)]));
  return { areaIndex: new Map(areas.map((a, i) => [a.code, i])), indexById: new Map(areas.map((a, i) => [a.id, i])), metrics };
}

/** The fixed period as the public quantity it is, for one area (its row) or all areas. */
function quantityOf(from: string, to: string, area: number | null): { whole: PublicQuantity; month: (m: number) => PublicQuantity; byArea: (a: number) => PublicQuantity } {
  const m0 = Number(from.slice(5, 7)) - 1;
  const months = (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7)) + 1;
  const shape = (a: number | null): PublicQuantity => {
    if (months === 1) return a === null ? { kind: 'month', month: m0 } : { kind: 'cell', area: a, month: m0 };
    if (months === 3) return a === null ? { kind: 'quarter', quarter: m0 / 3 } : { kind: 'areaQuarter', area: a, quarter: m0 / 3 };
    return a === null ? { kind: 'year' } : { kind: 'areaYear', area: a };
  };
  return {
    whole: shape(area),
    month: (m) => (area === null ? { kind: 'month', month: m } : { kind: 'cell', area, month: m }),
    byArea: (a) => shape(a),
  };
}

/**
 * Anyone may ask for the public figures, and one answer costs a year of every metric for every
 * area: answers are kept a minute per server (bounded), each one a consistent snapshot, and
 * forgotten when the organisation changes its settings. Browsers and proxies keep them longer
 * (Cache-Control), and the routes are rate-limited per address.
 */
const pageCaches = new WeakMap<AppContext, LRUCache<string, PublicStatistics>>();
function pageCache(ctx: AppContext) {
  let cache = pageCaches.get(ctx);
  if (!cache) { cache = new LRUCache({ max: 500, ttl: 60_000 }); pageCaches.set(ctx, cache); }
  return cache;
}

export async function publicStatistics(
  ctx: AppContext, slug: string, query: { from?: string | undefined; to?: string | undefined; areaCode?: string | undefined }, locale: Locale,
): Promise<PublicStatistics> {
  // Looked up before opening the organisation's scope (one connection on PGlite: never nest).
  const org = await findPublishingOrganisation(ctx.db, slug);
  if (!org) throw new AppError('statistics.public_not_found');
  if (Boolean(query.from) !== Boolean(query.to)) throw new AppError('statistics.invalid_day', { field: query.from ? 'to' : 'from', value: '' });
  const period = query.from && query.to ? { from: query.from, to: query.to } : defaultPublicPeriod();
  if (!isFixedPublicPeriod(period.from, period.to)) throw new AppError('statistics.public_period_not_fixed');
  // Anyone may ask: keep what one anonymous request can make the database scan to ten years.
  if (period.to >= period.from && daysInPeriod(period.from, period.to) > PUBLIC_MAX_DAYS) {
    throw new AppError('statistics.range_too_long', { maxDays: PUBLIC_MAX_DAYS });
  }
  const cacheKey = `${org.id}|${org.threshold}|${period.from}|${period.to}|${query.areaCode ?? ''}|${locale}`;
  const cached = pageCache(ctx).get(cacheKey);
  if (cached) return cached;
  const filter = { ...period, areaCode: query.areaCode };
  const page = await inOrganisation(ctx.db, org.id, async (trx: Trx) => {
    const summary = await computeSummary(trx, filter);
    const months = await computeSeriesFigures(trx, filter, 'month');
    const breakdown = query.areaCode ? [] : await computeBreakdown(trx, filter, 'area', locale);
    const year = await yearSuppression(trx, Number(period.from.slice(0, 4)), org.threshold);
    const area = query.areaCode === undefined ? null : year.areaIndex.get(query.areaCode) ?? null;
    const shapes = quantityOf(period.from, period.to, area);
    const hiddenIn = (code: MetricCode, q: PublicQuantity) => year.metrics.get(code)?.hidden(q) ?? false;
    const hide = (f: Figure, suppressed = false) => publicFigure(f, org.threshold, locale, suppressed);
    return {
      organisation: org.name, from: summary.from, to: summary.to, area: query.areaCode ?? null, threshold: org.threshold,
      generatedAt: new Date().toISOString(),
      coverage: coverageLine(summary.coverage.expectedDays - summary.coverage.daysNotObserved, summary.coverage.expectedDays, locale),
      figures: PUBLIC_METRICS.map((code) => ({ code, label: metricLabel(code, locale), ...hide(summary.figures[code], hiddenIn(code, shapes.whole)) })),
      byMonth: months.map((p) => ({ month: p.key, ...hide(p.figures.evictions, hiddenIn('evictions', shapes.month(Number(p.key.slice(5, 7)) - 1))) })),
      byArea: breakdown.map((b) => {
        const i = year.indexById.get(b.key);
        // A row the year's table does not know cannot be checked: it is hidden rather than risked.
        return { area: b.label, ...hide(b, i === undefined ? true : hiddenIn('evictions', shapes.byArea(i))) };
      }),
    };
  });
  pageCache(ctx).set(cacheKey, page);
  return page;
}
