import {
  figureSetSchema, METRIC_CODES, monthBounds, shiftMonth, unknownMetricIn,
  type BulletinContent, type BulletinPhotoSlot, type FigureSetEntry, type MetricCode,
} from '@vigie/domain';
import type { Trx } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import { computeCoverage, computeFigures } from '../statistics/statistics.service.js';
import { datedFacts, publishablePhotos } from './bulletins.queries.js';

/**
 * What a bulletin says, computed from verified records: the figure set's figures (from the
 * statistics module, so the dashboard and the bulletin never disagree), the month's dated
 * facts, and the same figures for the month before and the same month a year before.
 */

/** A stored or submitted figure set, checked: an unknown metric is named in the message. */
export function checkFigureSet(raw: unknown): FigureSetEntry[] {
  const parsed = figureSetSchema.safeParse(raw);
  if (!parsed.success) throw new AppError('bulletin.invalid_figure_set');
  const unknown = unknownMetricIn(parsed.data);
  if (unknown !== null) throw new AppError('bulletin.unknown_metric', { metric: unknown, known: METRIC_CODES.join(', ') });
  return parsed.data as FigureSetEntry[];
}

/** The area's own figure set, else the default for its code; an area with neither is refused clearly. */
export function resolveFigureSet(area: { name: string; own: unknown; fallback: unknown }): FigureSetEntry[] {
  const raw = area.own ?? area.fallback;
  if (raw === null || raw === undefined) throw new AppError('bulletin.no_figure_set', { area: area.name });
  return checkFigureSet(raw);
}

export type ContentInput = {
  organisationName: string;
  area: { id: string; code: string; name: string };
  month: string;
  figureSet: FigureSetEntry[];
  headline: { fr: string; en: string };
  context: { fr: string[]; en: string[] };
  photos: BulletinPhotoSlot[];
};

function metricsOf(set: FigureSetEntry[]): MetricCode[] {
  return [...new Set(set.flatMap((e) => (e.part ? [e.metric, e.part] : [e.metric])))];
}

export async function computeContent(trx: Trx, input: ContentInput): Promise<BulletinContent> {
  const { month, area } = input;
  const previousMonth = shiftMonth(month, -1);
  const yearBeforeMonth = shiftMonth(month, -12);
  const figuresFor = (m: string) => computeFigures(trx, { ...monthBounds(m), areaCode: area.code });
  // One after the other: a transaction runs one statement at a time anyway.
  const current = await figuresFor(month);
  const previous = await figuresFor(previousMonth);
  const yearBefore = await figuresFor(yearBeforeMonth);
  const { from, to } = monthBounds(month);
  const facts = await datedFacts(trx, area.id, from, to);
  const photos = await publishablePhotos(trx, input.photos.map((p) => p.evidenceId));
  const photoById = new Map(photos.map((p) => [p.id, p]));
  return {
    format: 1,
    organisationName: input.organisationName,
    area: { code: area.code, name: area.name },
    month,
    evictions: current.evictions,
    coverage: await (async () => {
      const c = await computeCoverage(trx, { from, to, areaCode: area.code });
      return { expectedDays: c.expectedDays, observedDays: c.daysObserved, missedDays: c.daysNotObserved };
    })(),
    figures: input.figureSet.map((e) => ({
      metric: e.metric, figure: current[e.metric], part: e.part ? { metric: e.part, figure: current[e.part] } : null,
    })),
    facts: facts.map((f) => ({
      kind: f.kind, type: f.incident_type, label: { fr: f.label_fr ?? f.incident_type, en: f.label_en ?? f.incident_type }, days: f.days,
    })),
    comparisons: {
      previousMonth, yearBeforeMonth,
      rows: metricsOf(input.figureSet).map((metric) => ({ metric, current: current[metric], previous: previous[metric], yearBefore: yearBefore[metric] })),
    },
    text: { headline: input.headline, context: input.context },
    // A slot whose photo is no longer publishable is left out rather than printed without its copy.
    photos: input.photos.filter((p) => photoById.has(p.evidenceId)).map((p) => ({
      evidenceId: p.evidenceId, sha256: photoById.get(p.evidenceId)!.public_copy_sha256!, credit: p.credit, caption: p.caption,
    })),
  };
}
