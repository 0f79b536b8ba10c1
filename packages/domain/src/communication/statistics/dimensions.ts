/** What the statistics can be cut by, and the charts the dashboard offers (pure, for the web too). */
export const BUCKETS = ['day', 'week', 'month', 'year'] as const;
export type StatisticsBucket = (typeof BUCKETS)[number];

export const BREAKDOWNS = [
  'area', 'commune', 'site', 'legalBasis', 'forceCorps', 'forceUnit', 'forceCombination', 'itemType', 'structureType', 'incidentType',
] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];

export const CHARTS = ['evictionsOverTime', 'byCommune', 'byItemType', 'byForce'] as const;
export type ChartName = (typeof CHARTS)[number];
export const CHART_FORMATS = ['svg', 'png', 'csv'] as const;
export type ChartFormat = (typeof CHART_FORMATS)[number];
/** File names of the chart endpoints: `evictionsOverTime.svg`, `byCommune.csv`… */
export const CHART_FILES = CHARTS.flatMap((c) => CHART_FORMATS.map((f) => `${c}.${f}` as const));
export type ChartFile = (typeof CHART_FILES)[number];

/** Public figures: counts under the threshold are shown as "< N" (never 1, 2… which could point at people). */
export const DEFAULT_PUBLIC_THRESHOLD = 5;
