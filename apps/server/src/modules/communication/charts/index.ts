/** Charts for the dashboard, the bulletin and the annual report: one spec, three outputs. */
export { chartFileName, chartSpecSchema, type ChartPoint, type ChartSpec } from './chart-spec.js';
export { renderChartPng, renderChartSvg } from './render-chart.js';
export { chartDataCsv } from './chart-csv.js';
