import { formatFigure, isMetricCode, metricLabel, type FigureReferenceInput } from '@vigie/domain';
import type { Trx } from '../../../platform/db/database.js';
import { computeFigures } from '../statistics/statistics.service.js';

/**
 * A figure reference is computed by the statistics module — never typed by hand — and worded
 * by the one figure wording function ("au moins 73"). The same computation is run again at
 * approval to detect a figure that changed since it was inserted.
 */
export type ComputedFigure = { value: number; atLeast: boolean; wording: string };

const period = (from: string, to: string, locale: 'fr' | 'en') => {
  const d = (s: string) => new Date(`${s}T12:00:00Z`).toLocaleDateString(locale === 'fr' ? 'fr-FR' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Paris' });
  return locale === 'fr' ? `du ${d(from)} au ${d(to)}` : `${d(from)} to ${d(to)}`;
};

export async function computeReference(trx: Trx, ref: FigureReferenceInput, locale: 'fr' | 'en'): Promise<ComputedFigure> {
  const figures = await computeFigures(trx, {
    from: ref.from, to: ref.to, ...(ref.areaCode && { areaCode: ref.areaCode }), ...(ref.forceCorps && { forceCorps: ref.forceCorps }),
  });
  if (!isMetricCode(ref.metric)) throw new Error(`unknown metric ${ref.metric}`);
  const figure = figures[ref.metric];
  const where = [ref.areaCode, ref.forceCorps].filter(Boolean).join(', ');
  const wording = `${formatFigure(figure, locale)} ${metricLabel(ref.metric, locale).toLowerCase()} (${where ? `${where}, ` : ''}${period(ref.from, ref.to, locale)})`;
  return { value: figure.value, atLeast: figure.atLeast, wording };
}
