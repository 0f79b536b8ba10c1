import {
  figureSetProblem, figureSetSchema, findingLabel, findingsOf, FINDINGS, isMetricCode, CITABLE_METRIC_CODES, monthBounds, shiftMonth,
  unknownFindingIn, unknownMetricIn,
  type BulletinContent, type BulletinPhotoSlot, type CorpsName, type DatedFact, type Figure, type FigureLine, type FigureSetEntry, type MetricCode,
} from '@vigie/domain';
import type { Trx } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import { figureNow } from '../statistics/figure-references.js';
import { computeCoverage, computeFigures, computeFindingDays } from '../statistics/statistics.service.js';
import { corpsNames, datedFacts, publishablePhotos } from './bulletins.queries.js';

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
  if (unknown !== null) throw new AppError('bulletin.unknown_metric', { metric: unknown, known: CITABLE_METRIC_CODES.join(', ') });
  const finding = unknownFindingIn(parsed.data);
  if (finding !== null) throw new AppError('bulletin.unknown_finding', { finding, known: FINDINGS.join(', ') });
  const entries = parsed.data as FigureSetEntry[];
  const problem = figureSetProblem(entries);
  if (problem?.problem === 'part_of_wrong_whole') {
    throw new AppError('bulletin.part_of_wrong_whole', { metric: problem.metric, part: problem.part, allowed: problem.allowed.join(', ') || '—' });
  }
  if (problem?.problem === 'duplicate_metric') throw new AppError('bulletin.duplicate_metric', { metric: problem.metric });
  if (problem?.problem === 'duplicate_finding') throw new AppError('bulletin.duplicate_finding', { finding: problem.finding });
  if (problem?.problem === 'force_present_and_absent') throw new AppError('statistics.force_present_and_absent', { force: problem.force });
  if (problem) throw new AppError('bulletin.invalid_figure_set');
  // Stored as given, without the keys a line leaves out.
  return entries.map((e) => ({
    metric: e.metric, part: e.part, ...(e.forces ? { forces: e.forces } : {}), ...(e.finding ? { finding: e.finding } : {}),
    ...(e.showZero ? { showZero: true } : {}),
  }));
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

/** The evictions' metrics the comparison table shows; the rounds' figures are listed, not compared. */
function metricsOf(set: FigureSetEntry[]): MetricCode[] {
  return [...new Set(set.filter((e) => !e.forces && !e.finding).flatMap((e) => (e.part ? [e.metric, e.part] : [e.metric])))].filter(isMetricCode);
}

/**
 * The figure list: each line's figures from the statistics engine, with the reference a citation
 * keeps (metric, period, area, filters). A forces line counts the evictions led by its corps
 * without the absent ones, and is listed only when at least one eviction of the month had none
 * of the absent corps present (else it would only ever say "dont aucune").
 */
async function figureLines(trx: Trx, set: FigureSetEntry[], current: Record<MetricCode, Figure>, scope: { from: string; to: string; areaCode: string }): Promise<FigureLine[]> {
  const names = new Map((await corpsNames(trx)).map((c) => [c.code, c]));
  const nameOf = (code: string): CorpsName => names.get(code) ?? { code, fr: code, en: code };
  const lines: FigureLine[] = [];
  for (const e of set) {
    if (e.finding) continue;
    if (e.forces) {
      const absent = e.forces.absent ?? [];
      const withoutAbsent = await computeFigures(trx, { ...scope, forcesAbsent: absent });
      if (absent.length > 0 && withoutAbsent.evictions.value === 0) continue;
      const filters = { forcesPresent: e.forces.present, forcesAbsent: absent };
      const figure = (await computeFigures(trx, { ...scope, ...filters })).evictions;
      lines.push({
        metric: 'evictions', figure, part: null,
        forces: { present: e.forces.present.map(nameOf), absent: absent.map(nameOf) },
        reference: { metric: 'evictions', ...scope, filters },
      });
      continue;
    }
    if (!isMetricCode(e.metric)) {
      // An outreach rounds' figure: through the figure-reference service, as a citation recomputes it.
      const reference = { metric: e.metric, ...scope, filters: {} };
      lines.push({ metric: e.metric, figure: await figureNow(trx, reference), part: null, ...(e.showZero ? { showZero: true } : {}), reference });
      continue;
    }
    lines.push({
      metric: e.metric, figure: current[e.metric], part: e.part && isMetricCode(e.part) ? { metric: e.part, figure: current[e.part] } : null,
      ...(e.showZero ? { showZero: true } : {}),
      reference: { metric: e.metric, ...scope, filters: {} },
    });
  }
  return lines;
}

/** The findings the set dates (all of them when it names none), each only if seen in the month. */
async function findingFacts(trx: Trx, set: FigureSetEntry[], scope: { from: string; to: string; areaCode: string }): Promise<DatedFact[]> {
  const seen = new Map((await computeFindingDays(trx, scope)).map((f) => [f.finding, f.days]));
  return findingsOf(set).filter((f) => seen.has(f)).map((f) => ({ kind: 'finding' as const, type: f, label: findingLabel(f), days: seen.get(f)! }));
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
    figures: await figureLines(trx, input.figureSet, current, { from, to, areaCode: area.code }),
    facts: [
      ...facts.map((f) => ({
        kind: f.kind, type: f.incident_type, label: { fr: f.label_fr ?? f.incident_type, en: f.label_en ?? f.incident_type }, days: f.days,
      })),
      // Yes/no findings become dated facts ("Les 9, 13 et 21 avril, une distribution alimentaire était en cours…").
      ...(await findingFacts(trx, input.figureSet, { from, to, areaCode: area.code })),
    ],
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
