import { stringify } from 'csv-stringify/sync';
import { neutralise } from '../../../platform/csv/formula.js';
import type { ChartSpec } from './chart-spec.js';

/**
 * The data behind a chart, for Office and Canva: one row per point, the chart's own axis
 * titles as headers. In French, as Excel in French expects it (";", decimal comma, UTF-8 with
 * BOM); in English, plain commas and points. x stays as given (ISO dates sort and re-read).
 */
const SERIES = { fr: 'Série', en: 'Series' } as const;

export function chartDataCsv(spec: ChartSpec): string {
  const fr = spec.locale === 'fr';
  const hasSeries = spec.data.some((d) => d.series !== undefined);
  const header = [spec.xLabel || 'x', spec.yLabel || 'y', ...(hasSeries ? [SERIES[spec.locale]] : [])];
  const number = (y: number) => (fr ? String(y).replace('.', ',') : String(y));
  const rows = spec.data.map((d) => [neutralise(d.x), number(d.y), ...(hasSeries ? [neutralise(d.series ?? '')] : [])]);
  return stringify([header, ...rows], { delimiter: fr ? ';' : ',', bom: fr, record_delimiter: 'windows' });
}
