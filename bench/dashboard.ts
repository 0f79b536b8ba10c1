import type { HttpClient } from './lib/http.js';
import { percentile, round } from './lib/stats.js';

/**
 * Dashboard aggregates on the generated dataset, through the statistics API as the dashboard
 * calls it: whole period and one year, with and without filters. Each query is timed `repeats`
 * times after one warm-up; p50/p95 per endpoint over all its variants (as many variants as fit
 * in BENCH_DASHBOARD_BUDGET_S seconds per endpoint, default 90; `queries` says how many ran).
 */
const BUDGET_MS = Number(process.env.BENCH_DASHBOARD_BUDGET_S ?? 90) * 1000;

export async function measureDashboard(client: HttpClient, repeats: number) {
  // A month and a year first (the targets' cases), so that a slow machine's time budget still measures them.
  const filters = [
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
    'from=2017-01-01&to=2026-11-21',
    'from=2017-01-01&to=2026-11-21&areaCode=calaisis',
    'from=2024-01-01&to=2026-11-21&forceCorps=crs',
    'from=2017-01-01&to=2026-11-21&communeInsee=62193',
  ];
  const endpoints: Record<string, string[]> = {
    summary: filters.map((f) => `/api/statistics/summary?${f}`),
    // By site as the dashboard's map asks it (evictions alone); every figure per place stays measured by commune.
    // By force combination as the dashboard's table of forces present together asks it.
    breakdown: filters.flatMap((f) => ['commune', 'site&detail=value', 'forceCorps', 'forceCombination', 'itemType', 'legalBasis'].map((by) => `/api/statistics/breakdown?${f}&by=${by}`)),
    series: filters.flatMap((f) => ['month', 'week', 'year'].map((bucket) => `/api/statistics/series?${f}&bucket=${bucket}`)),
  };
  const out: Record<string, { queries: number; p50: number; p95: number; max: number; failures: number }> = {};
  // Each URL's own median and p95 too: which filter or grouping is slow, not only the endpoint's spread.
  const perUrl: Record<string, { p50: number; p95: number }> = {};
  for (const [name, urls] of Object.entries(endpoints)) {
    const times: number[] = [];
    let failures = 0;
    const budgetEnds = performance.now() + BUDGET_MS;
    for (const url of urls) {
      // On a slow machine, stop at the time budget rather than run for an hour: fewer samples, said in the output.
      if (performance.now() > budgetEnds) break;
      const warm = await client.get(url);
      if (warm.status !== 200) { failures += 1; console.error(`  ${url} answered ${warm.status}: ${warm.body.toString().slice(0, 200)}`); continue; }
      const own: number[] = [];
      for (let i = 0; i < repeats; i += 1) {
        const t0 = performance.now();
        const res = await client.get(url);
        own.push(performance.now() - t0);
        if (res.status !== 200) failures += 1;
      }
      times.push(...own);
      perUrl[url.replace('/api/statistics/', '')] = { p50: round(percentile(own, 50)), p95: round(percentile(own, 95)) };
    }
    out[name] = times.length
      ? { queries: times.length, p50: round(percentile(times, 50)), p95: round(percentile(times, 95)), max: round(Math.max(...times)), failures }
      : { queries: 0, p50: NaN, p95: NaN, max: NaN, failures };
  }
  return { ...out, perUrl };
}
