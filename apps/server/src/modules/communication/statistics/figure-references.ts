import { figureSentence, formatFigure, isMetricCode, isRoundMetricCode, metricLabel, wordFigure, type CitableMetric, type CitedFigure, type Figure, type FigureFilters, type FigureReferenceInput } from '@vigie/domain';
import type { Trx } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import { computeFigures, computeRoundFigures } from './statistics.service.js';

/**
 * The figure-reference service: a cited figure is a reference (metric, period, area, filters)
 * computed by the statistics — never typed by hand — and worded by the one figure wording
 * function ("au moins 73"). Whatever cites figures (press releases, bulletins) keeps the value
 * it had when drafted and asks here again before publishing, to show a figure that changed.
 * A reference names an evictions' metric or an outreach rounds' figure (rounds held, people met,
 * a need); the latter are counted by period and area only, never by force.
 */
export type ComputedFigure = { value: number; atLeast: boolean; wording: string };

/** A reference as stored: the press releases' single corps, or a bulletin forces line's corps present/absent. */
export type StoredFigureReference = {
  metric: string; from: string; to: string; areaCode: string | null;
  filters: FigureFilters;
};

const period = (from: string, to: string, locale: 'fr' | 'en') => {
  const d = (s: string) => new Date(`${s}T12:00:00Z`).toLocaleDateString(locale === 'fr' ? 'fr-FR' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Paris' });
  return locale === 'fr' ? `du ${d(from)} au ${d(to)}` : `${d(from)} to ${d(to)}`;
};

/** The figure a reference names, as the statistics count it now. */
export async function figureNow(trx: Trx, ref: StoredFigureReference): Promise<Figure> {
  const { forceCorps, forcesPresent, forcesAbsent } = ref.filters;
  if (isRoundMetricCode(ref.metric)) {
    if (forceCorps || forcesPresent?.length || forcesAbsent?.length) throw new AppError('statistics.round_figure_with_forces');
    const rounds = await computeRoundFigures(trx, { from: ref.from, to: ref.to, ...(ref.areaCode && { areaCode: ref.areaCode }) });
    return rounds![ref.metric];
  }
  if (!isMetricCode(ref.metric)) throw new Error(`unknown metric ${ref.metric}`);
  const figures = await computeFigures(trx, {
    from: ref.from, to: ref.to, ...(ref.areaCode && { areaCode: ref.areaCode }), ...(forceCorps && { forceCorps }),
    ...(forcesPresent?.length && { forcesPresent }), ...(forcesAbsent?.length && { forcesAbsent }),
  });
  return figures[ref.metric];
}

export async function computeReference(trx: Trx, ref: FigureReferenceInput, locale: 'fr' | 'en'): Promise<ComputedFigure> {
  const figure = await figureNow(trx, { ...ref, areaCode: ref.areaCode ?? null, filters: { forceCorps: ref.forceCorps } });
  const where = [ref.areaCode, ref.forceCorps].filter(Boolean).join(', ');
  const metric = ref.metric as CitableMetric;
  const when = period(ref.from, ref.to, locale);
  // A figure nobody observed (a need no round asked about) reads "… : non observé", never "non observé personnes …".
  const wording = figure.unobserved
    ? `${wordFigure(figure, locale, { style: 'phrase', metric })} (${where ? `${where}, ` : ''}${when})`
    : figureSentence(formatFigure(figure, locale), metricLabel(metric, locale), when, where || null);
  return { value: figure.value, atLeast: figure.atLeast, wording };
}

const figureOnly = (f: Figure): Figure => ({ value: f.value, atLeast: f.atLeast, ...(f.unobserved ? { unobserved: true } : {}) });

/** Each cited figure with its value as drafted and now: what a publish checklist compares. */
export async function citedFiguresNow(trx: Trx, cited: Array<StoredFigureReference & { was: Figure }>): Promise<CitedFigure[]> {
  const out: CitedFigure[] = [];
  // One after the other: a transaction runs one statement at a time anyway.
  for (const c of cited) {
    const now = await figureNow(trx, c);
    out.push({ metric: c.metric, from: c.from, to: c.to, areaCode: c.areaCode, filters: c.filters, was: figureOnly(c.was), now: figureOnly(now) });
  }
  return out;
}
