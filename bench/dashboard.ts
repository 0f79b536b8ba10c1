import type { HttpClient } from './lib/http.js';
import { percentile, round } from './lib/stats.js';

/**
 * Dashboard aggregates on the generated dataset, through the statistics API as the dashboard
 * calls it: whole period and one year, with and without filters. Each query is timed after one
 * warm-up. The periods the targets are about (a month, a year, the last 12 months, this year to
 * date, each with and without a place or force filter) are timed `repeats` times each, whatever
 * it takes: a URL's p95 needs at least 20 calls not to be simply its slowest call (the nearest
 * rank of 95 % of 5 or 15 calls is the last). The longer periods, not targets, are timed
 * `extraRepeats` times, as many variants as fit in BENCH_DASHBOARD_BUDGET_S seconds per endpoint
 * (default 90; `queries` says how many ran). p50/p95 per endpoint over all its variants.
 */
const BUDGET_MS = Number(process.env.BENCH_DASHBOARD_BUDGET_S ?? 90) * 1000;

/** The periods the targets name (bench/targets.ts), without and with a place or police force. */
const TARGET_FILTERS = [
  'from=2026-10-01&to=2026-10-31',
  'from=2025-01-01&to=2025-12-31',
  // The same month and year narrowed to a place or to a police force, as the dashboard's filters do.
  'from=2026-10-01&to=2026-10-31&areaCode=calaisis',
  'from=2026-10-01&to=2026-10-31&forceCorps=crs',
  'from=2025-01-01&to=2025-12-31&areaCode=calaisis',
  'from=2025-01-01&to=2025-12-31&forceCorps=crs',
  // The dashboard's own presets for a year, as of 21 November 2026 (the dataset's last day): the last 12 whole months,
  // which straddle two calendar years, and this year to date, which ends with days of a month. A calendar year is their best case.
  'from=2025-11-01&to=2026-10-31',
  'from=2025-11-01&to=2026-10-31&areaCode=calaisis',
  'from=2025-11-01&to=2026-10-31&forceCorps=crs',
  'from=2026-01-01&to=2026-11-21',
  'from=2026-01-01&to=2026-11-21&areaCode=calaisis',
  'from=2026-01-01&to=2026-11-21&forceCorps=crs',
];
/** Ten years and a force over three: in the "every filter" rows, not targets. */
const EXTRA_FILTERS = [
  'from=2017-01-01&to=2026-11-21',
  'from=2017-01-01&to=2026-11-21&areaCode=calaisis',
  'from=2024-01-01&to=2026-11-21&forceCorps=crs',
  'from=2017-01-01&to=2026-11-21&communeInsee=62193',
];

export async function measureDashboard(client: HttpClient, repeats: number, extraRepeats: number) {
  const filters = [...TARGET_FILTERS, ...EXTRA_FILTERS];
  const isTarget = (url: string) => TARGET_FILTERS.some((f) => url.includes(`?${f}&`) || url.endsWith(`?${f}`));
  const endpoints: Record<string, string[]> = {
    summary: filters.map((f) => `/api/statistics/summary?${f}`),
    // By site as the dashboard's map asks it (evictions alone); every figure per place stays measured by commune.
    // By force combination as the dashboard's table of forces present together asks it.
    breakdown: filters.flatMap((f) => ['commune', 'site&detail=value', 'forceCorps', 'forceCombination', 'itemType', 'legalBasis'].map((by) => `/api/statistics/breakdown?${f}&by=${by}`)),
    series: filters.flatMap((f) => ['month', 'week', 'year'].map((bucket) => `/api/statistics/series?${f}&bucket=${bucket}`)),
  };
  const out: Record<string, { queries: number; p50: number; p95: number; max: number; failures: number }> = {};
  // Each URL's own median and p95 too: which filter or grouping is slow, not only the endpoint's spread.
  const perUrl: Record<string, { p50: number; p95: number; max: number; calls: number }> = {};
  for (const [name, urls] of Object.entries(endpoints)) {
    const times: number[] = [];
    let failures = 0;
    let budgetEnds: number | undefined; // from the first URL of a longer period
    for (const url of urls) {
      const target = isTarget(url);
      // On a slow machine, stop the longer periods at the time budget rather than run for an hour: fewer samples, said in the output.
      if (!target) budgetEnds ??= performance.now() + BUDGET_MS;
      if (!target && performance.now() > budgetEnds!) continue;
      const warm = await client.get(url);
      if (warm.status !== 200) { failures += 1; console.error(`  ${url} answered ${warm.status}: ${warm.body.toString().slice(0, 200)}`); continue; }
      const own: number[] = [];
      for (let i = 0; i < (target ? repeats : extraRepeats); i += 1) {
        const t0 = performance.now();
        const res = await client.get(url);
        own.push(performance.now() - t0);
        if (res.status !== 200) failures += 1;
      }
      // The endpoint's spread ("every filter") over the same number of calls per URL as before the
      // targets' URLs were called more: otherwise they would outweigh the longer periods.
      times.push(...own.slice(0, extraRepeats));
      perUrl[url.replace('/api/statistics/', '')] = {
        p50: round(percentile(own, 50)), p95: round(percentile(own, 95)), max: round(Math.max(...own)), calls: own.length,
      };
    }
    out[name] = times.length
      ? { queries: times.length, p50: round(percentile(times, 50)), p95: round(percentile(times, 95)), max: round(Math.max(...times)), failures }
      : { queries: 0, p50: NaN, p95: NaN, max: NaN, failures };
  }
  return { ...out, perUrl };
}
