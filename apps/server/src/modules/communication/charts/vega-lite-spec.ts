import type { TopLevelSpec } from 'vega-lite';
import { VALUE_FORMAT, xLabelOf } from './chart-locale.js';
import type { ChartSpec } from './chart-spec.js';

/**
 * The vega-lite description of a chart. Kept plain and readable for print and for Canva: a
 * title in the top-left corner, large labels, the value written on each bar (a reader of a
 * bulletin should not have to read figures off an axis), colour only when there are series.
 * Fonts are named, never embedded or fetched: the SVG refers to nothing outside itself.
 */
const FONT = 'DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif';
/** Okabe–Ito: told apart by readers with colour-vision deficiency, and in grey print. */
const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#F0E442', '#000000'];
const INK = '#1a1a1a';
const LABELS_ON_LINES_UP_TO = 40;

const NO_DATA = { fr: 'Aucune donnée', en: 'No data' } as const;

function config() {
  return {
    font: FONT,
    background: 'white',
    padding: 12,
    view: { stroke: null },
    title: { fontSize: 18, fontWeight: 'bold', color: INK, anchor: 'start', offset: 14, subtitleFontSize: 13, subtitleColor: '#444', subtitlePadding: 4 },
    axis: { labelFontSize: 12, titleFontSize: 13, titleFontWeight: 'normal', labelColor: INK, titleColor: INK, gridColor: '#e3e3e3', domainColor: '#888', tickColor: '#888' },
    legend: { labelFontSize: 12, titleFontSize: 13, titleFontWeight: 'normal', orient: 'bottom' },
    text: { fontSize: 11, color: INK },
  } as const;
}

/** A chart with nothing to show still renders: its title and a sentence saying so. */
function titleOf(spec: ChartSpec) {
  return spec.subtitle ? { text: spec.title, subtitle: spec.subtitle } : spec.title;
}

function emptySpec(spec: ChartSpec, width: number, height: number): TopLevelSpec {
  return {
    title: titleOf(spec), description: `${spec.title} — ${NO_DATA[spec.locale]}`, width, height, config: config(),
    data: { values: [{ message: NO_DATA[spec.locale] }] },
    mark: { type: 'text', fontSize: 18, color: '#555', align: 'center', baseline: 'middle' },
    encoding: { text: { field: 'message', type: 'nominal' }, x: { value: width / 2 }, y: { value: height / 2 } },
  };
}

export function toVegaLite(spec: ChartSpec): TopLevelSpec {
  const horizontal = spec.kind === 'barHorizontal';
  const width = spec.width ?? 640;
  const categories = new Set(spec.data.map((d) => d.x)).size;
  const height = spec.height ?? (horizontal ? Math.max(200, categories * 26) : 360);
  if (spec.data.length === 0) return emptySpec(spec, width, height);

  const seriesNames = [...new Set(spec.data.map((d) => d.series).filter((s): s is string => Boolean(s)))];
  const hasSeries = seriesNames.length > 0;
  const values = spec.data.map((d) => ({ label: xLabelOf(d.x, spec.locale), y: d.y, series: d.series ?? '' }));
  // sort: null keeps the caller's order (months in time order, communes by their figure).
  const category = {
    field: 'label', type: 'nominal', sort: null, title: spec.xLabel || null,
    axis: { labelOverlap: true, labelLimit: horizontal ? 220 : 120, ...(!horizontal && categories > 8 && { labelAngle: -40 }) },
  } as const;
  const measure = { field: 'y', type: 'quantitative', title: spec.yLabel || null, axis: { format: VALUE_FORMAT, tickMinStep: 1, tickCount: horizontal ? 6 : 8 } } as const;
  const color = hasSeries
    ? { color: { field: 'series', type: 'nominal', title: null, sort: seriesNames, scale: { range: PALETTE } } as const }
    : {};
  const base = {
    title: titleOf(spec), description: [spec.title, spec.subtitle].filter(Boolean).join(' — '), width, height, config: config(), data: { values },
  } as const;
  const valueText = { field: 'y', type: 'quantitative', format: VALUE_FORMAT } as const;

  if (spec.kind === 'line') {
    const labelled = spec.data.length <= LABELS_ON_LINES_UP_TO;
    return {
      ...base,
      encoding: { x: category, y: measure, ...color },
      layer: [
        { mark: { type: 'line', point: { filled: true, size: 50 }, strokeWidth: 2.5, ...(!hasSeries && { color: PALETTE[0] }) } },
        ...(labelled ? [{ mark: { type: 'text', dy: -10 }, encoding: { text: valueText } } as const] : []),
      ],
    } as TopLevelSpec;
  }

  const offset = hasSeries ? { [horizontal ? 'yOffset' : 'xOffset']: { field: 'series', sort: seriesNames } } : {};
  const barColor = hasSeries ? {} : { color: PALETTE[0] };
  return {
    ...base,
    encoding: horizontal ? { y: category, x: measure, ...color, ...offset } : { x: category, y: measure, ...color, ...offset },
    layer: [
      { mark: { type: 'bar', ...barColor } },
      { mark: horizontal ? { type: 'text', align: 'left', baseline: 'middle', dx: 4 } : { type: 'text', baseline: 'bottom', dy: -3 }, encoding: { text: valueText, color: { value: INK } } },
    ],
  } as TopLevelSpec;
}
