import { z } from 'zod';
import { isCitableMetric, type CitableMetric, type Figure, type FigureFilters, type MetricCode } from '../statistics/metrics.js';
import { FINDINGS, monthBounds, type Finding } from './date-wording.js';
export { FIGURE_PARTS } from '../figures/figure-parts.js';

/**
 * The monthly bulletin (bulletin mensuel) as it crosses HTTP and as it is frozen on
 * publication. The wording itself lives in bulletin-wording.ts; this file holds shapes.
 */

export const BULLETIN_LOCALES = ['fr', 'en'] as const;
export type BulletinLocale = (typeof BULLETIN_LOCALES)[number];
export const BULLETIN_FORMATS = ['html', 'pdf', 'md'] as const;
export type BulletinFormat = (typeof BULLETIN_FORMATS)[number];
export const BULLETIN_STATUSES = ['draft', 'published'] as const;
export type BulletinStatus = (typeof BULLETIN_STATUSES)[number];

/** "2026-02": a calendar month, read in Europe/Paris. */
export const bulletinMonthSchema = z.string().regex(/^[0-9]{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM');

/**
 * A metric code as a figure set names it. Checked in the service rather than with z.enum, so a
 * set naming an unknown metric gets the catalogue's message that names the culprit.
 */
const metricName = z.string().trim().min(1).max(60);

const corpsCode = z.string().regex(/^[a-z0-9_]{1,40}$/);

/**
 * A forces line: the evictions led by these corps together without those ("dont M menées par la
 * police nationale et la BAC sans CRS"). It is printed whenever at least one eviction of the
 * month had none of the absent corps present.
 */
export const figureForcesSchema = z.strictObject({
  present: z.array(corpsCode).min(1).max(6),
  absent: z.array(corpsCode).max(6).default([]),
});
export type FigureForces = z.infer<typeof figureForcesSchema>;

/**
 * One line of the figure list: a figure, optionally a figure it contains or spans (its part),
 * optionally narrowed to a combination of forces (then a forces line, metric "evictions").
 * A line whose figure is zero is left out of the list unless `showZero`.
 *
 * A findings line (`finding`, metric "evictions") picks a yes/no finding the bulletin dates
 * among its facts ("Les 9, 13 et 21 avril, une distribution alimentaire était en cours…"). A set
 * with findings lines dates those findings only, in its order; a set without any dates every
 * finding seen in the month (what sets made before findings lines existed expect).
 */
export const figureSetEntrySchema = z.strictObject({
  metric: metricName, part: metricName.nullable().default(null),
  forces: figureForcesSchema.optional(),
  finding: z.string().trim().min(1).max(60).optional(),
  showZero: z.boolean().optional(),
});
export const figureSetSchema = z.array(figureSetEntrySchema).min(1).max(30);
export type FigureSetEntryInput = z.infer<typeof figureSetEntrySchema>;
/** A line may cite an outreach rounds' figure (`rounds`, `roundPeopleMet`, a need): alone, without part, forces or finding. */
export type FigureSetEntry = {
  metric: CitableMetric; part: CitableMetric | null; forces?: FigureForces | undefined; finding?: Finding | undefined; showZero?: boolean | undefined;
};

/** The first finding a figure set names that the bulletin cannot date, or null. */
export function unknownFindingIn(entries: readonly FigureSetEntryInput[]): string | null {
  const known: readonly string[] = FINDINGS;
  return entries.find((e) => e.finding !== undefined && !known.includes(e.finding))?.finding ?? null;
}

/** The findings a figure set asks the bulletin to date, in its order; every finding when it names none. */
export function findingsOf(entries: readonly FigureSetEntry[]): readonly Finding[] {
  const chosen = entries.flatMap((e) => (e.finding ? [e.finding] : []));
  return chosen.length > 0 ? chosen : FINDINGS;
}

/** The first metric code a figure set names that is not a known metric, or null. */
export function unknownMetricIn(entries: readonly FigureSetEntryInput[]): string | null {
  for (const e of entries) {
    if (!isCitableMetric(e.metric)) return e.metric;
    if (e.part !== null && !isCitableMetric(e.part)) return e.part;
  }
  return null;
}

export { figureSetProblem, type FigureSetProblem } from './figure-set-problems.js';

const text = (max: number) => z.string().trim().max(max);
const bilingual = (max: number) => z.strictObject({ fr: text(max), en: text(max) });

export const bulletinPhotoSlotSchema = z.strictObject({
  evidenceId: z.uuid(),
  credit: text(200).min(1),
  caption: bilingual(300),
});
export type BulletinPhotoSlot = z.infer<typeof bulletinPhotoSlotSchema>;

export const bulletinCreateSchema = z.strictObject({ areaId: z.uuid(), month: bulletinMonthSchema });

/** What a person edits in a draft; figures come from the data, never from this form. */
export const bulletinDraftEditSchema = z.strictObject({
  version: z.number().int().min(1),
  /** Empty means "use the generated headline". */
  headline: bilingual(200),
  context: z.strictObject({ fr: z.array(text(5000).min(1)).max(20), en: z.array(text(5000).min(1)).max(20) }),
  photos: z.array(bulletinPhotoSlotSchema).max(6),
  figures: figureSetSchema.optional(),
});
export type BulletinDraftEdit = z.infer<typeof bulletinDraftEditSchema>;

/** Where a cited figure comes from: the statistics engine's metric over a period, area and filters. */
export type FigureReference = {
  metric: CitableMetric; from: string; to: string; areaCode: string;
  filters: Pick<FigureFilters, 'forcesPresent' | 'forcesAbsent'>;
};
export type CorpsName = { code: string; fr: string; en: string };
export type FigureLine = {
  metric: CitableMetric; figure: Figure; part: { metric: CitableMetric; figure: Figure } | null;
  /** A forces line: the corps present together and those absent, by name. */
  forces?: { present: CorpsName[]; absent: CorpsName[] };
  /** Print the line even at zero (the figure set says so). */
  showZero?: boolean;
  reference?: FigureReference;
};
/** A dated fact: an incident, an obstruction, or a yes/no finding of an eviction (food distribution under way, no interpreter…). */
export type DatedFact = { kind: 'violence' | 'obstruction' | 'finding'; type: string; label: { fr: string; en: string }; days: string[] };
export type ComparisonRow = { metric: MetricCode; current: Figure; previous: Figure; yearBefore: Figure };

/**
 * Everything a bulletin says, in both languages' raw material. A draft's content is computed
 * from the data each time; a published bulletin's content is this object frozen (snapshot),
 * and its SHA-256 is taken over its canonical JSON (RFC 8785).
 */
export type BulletinContent = {
  format: 1;
  organisationName: string;
  area: { code: string; name: string };
  month: string;
  evictions: Figure;
  /**
   * The month's coverage (observation rota): expected days, days observed, expected days
   * missed. Absent from bulletins frozen before the rota existed.
   */
  coverage?: { expectedDays: number; observedDays: number; missedDays: number };
  figures: FigureLine[];
  facts: DatedFact[];
  comparisons: { previousMonth: string; yearBeforeMonth: string; rows: ComparisonRow[] };
  text: { headline: { fr: string; en: string }; context: { fr: string[]; en: string[] } };
  photos: Array<{ evidenceId: string; sha256: string; credit: string; caption: { fr: string; en: string } }>;
  /**
   * Testimony excerpts whose persons agree to be quoted anonymously, as the consent check gave
   * them (a withdrawn one is simply absent). Absent from bulletins without quotes, so older
   * snapshots keep their hash.
   */
  quotes?: string[];
};

/** One figure whose current value no longer matches what was published. */
export type FigureDifference = { metric: CitableMetric; published: Figure; current: Figure };
export type FactDifference = { kind: DatedFact['kind']; type: string; publishedDays: string[]; currentDays: string[] };

/** Figure by figure, fact by fact: what a data correction changed since publication. */
export function differencesBetween(published: BulletinContent, current: BulletinContent): { figures: FigureDifference[]; facts: FactDifference[] } {
  const figures: FigureDifference[] = [];
  const same = (a: Figure, b: Figure) => a.value === b.value && a.atLeast === b.atLeast;
  const seen = new Set<string>();
  const compare = (metric: CitableMetric, a: Figure, b: Figure | undefined) => {
    if (seen.has(metric)) return;
    seen.add(metric);
    const now = b ?? { value: 0, atLeast: false };
    if (!same(a, now)) figures.push({ metric, published: a, current: now });
  };
  compare('evictions', published.evictions, current.evictions);
  const currentOf = new Map<string, Figure>();
  // Forces lines are narrowed figures of their own: compared by their filters, not as the metric.
  for (const l of current.figures) {
    if (l.forces) continue;
    currentOf.set(l.metric, l.figure);
    if (l.part) currentOf.set(l.part.metric, l.part.figure);
  }
  for (const l of published.figures) {
    if (l.forces) continue;
    compare(l.metric, l.figure, currentOf.get(l.metric));
    if (l.part) compare(l.part.metric, l.part.figure, currentOf.get(l.part.metric));
  }
  const key = (f: DatedFact) => `${f.kind}/${f.type}`;
  const now = new Map(current.facts.map((f) => [key(f), f.days]));
  const then = new Map(published.facts.map((f) => [key(f), f.days]));
  const facts: FactDifference[] = [];
  for (const k of new Set([...then.keys(), ...now.keys()])) {
    const a = then.get(k) ?? [];
    const b = now.get(k) ?? [];
    if (a.join() !== b.join()) {
      const [kind, type] = k.split('/') as [DatedFact['kind'], string];
      facts.push({ kind, type, publishedDays: a, currentDays: b });
    }
  }
  return { figures, facts };
}

/** A figure a bulletin cites, by its reference, with the value it had (kept when a draft is saved). */
export type DraftedFigure = {
  metric: CitableMetric; from: string; to: string; areaCode: string;
  filters: Pick<FigureFilters, 'forcesPresent' | 'forcesAbsent'>; value: number; atLeast: boolean;
  /** Nobody observed the period then ("non observé"). */
  unobserved?: true;
};

/**
 * Every figure a bulletin's content cites, once each: the month's evictions, each line's figure
 * and its part (same period and area), each forces line with its filters. What the publish
 * checklist recomputes to say which figure changed since the draft.
 */
export function citedFiguresOf(content: BulletinContent): DraftedFigure[] {
  const out = new Map<string, DraftedFigure>();
  const add = (ref: FigureReference, f: Figure) => {
    const key = JSON.stringify([ref.metric, ref.from, ref.to, ref.areaCode, ref.filters.forcesPresent ?? [], ref.filters.forcesAbsent ?? []]);
    if (!out.has(key)) out.set(key, { ...ref, filters: { ...ref.filters }, value: f.value, atLeast: f.atLeast, ...(f.unobserved ? { unobserved: true as const } : {}) });
  };
  const scope = { ...monthBounds(content.month), areaCode: content.area.code };
  add({ metric: 'evictions', ...scope, filters: {} }, content.evictions);
  for (const l of content.figures) {
    const ref = l.reference ?? { metric: l.metric, ...scope, filters: {} };
    add(ref, l.figure);
    if (l.part) add({ ...ref, metric: l.part.metric }, l.part.figure);
  }
  return [...out.values()];
}
