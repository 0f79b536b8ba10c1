/**
 * Where a statistics figure's time goes: each query of a breakdown, series or summary called
 * directly (no HTTP), on the generated dataset, as the dashboard's read-only organisation-scoped
 * transaction runs it. Median and max of REPS calls after one warm-up.
 *
 *   npx tsx bench/statistics-parts.ts                      # 2025, commune/site/none parts, breakdowns, summary
 *   FROM=2026-10-01 TO=2026-10-31 KEYS=site ONLY=ev:site,tal:site,b:site npx tsx bench/statistics-parts.ts
 *
 * ONLY names parts: ev:<key>, tal:<key>, inc:<key> (evictions, items, incidents per group key),
 * cov (coverage), b:commune, b:site, b:site-value, b:legal (breakdowns), s:month (monthly series), summary.
 * FORCE=<corps> filters to evictions where that force corps was present (FORCE=crs); AREA=<code> to an area's sites (AREA=calaisis).
 * DB=<url> (default the bench database, BENCH_DATASET_DB or vigie_bench).
 */
import { sql } from 'kysely';
import { openDatabase } from '../apps/server/src/platform/db/database.js';
import { inOrganisationReadOnly } from '../apps/server/src/platform/db/organisation-scope.js';
import type { Trx } from '../apps/server/src/platform/db/database.js';
import { evictionAggregates, tallyAggregates } from '../apps/server/src/modules/communication/statistics/statistics.cells.js';
import { incidentAggregates, type GroupKey } from '../apps/server/src/modules/communication/statistics/statistics.queries.js';
import { coverageDays } from '../apps/server/src/modules/communication/statistics/statistics.coverage.js';
import { computeBreakdown } from '../apps/server/src/modules/communication/statistics/statistics.breakdown.js';
import { computeSeriesFigures, computeSummary } from '../apps/server/src/modules/communication/statistics/statistics.service.js';
import { BENCH_DATABASE } from './dataset.js';
import { databaseUrl } from './lib/server.js';

const h = await openDatabase({ kind: 'postgres', url: process.env.DB ?? databaseUrl(BENCH_DATABASE) } as never, 2);
const org = (await sql<{ id: string }>`SELECT id FROM organisations LIMIT 1`.execute(h.db)).rows[0]!.id;
const area = process.env.AREA ? (await sql<{ id: string }>`SELECT id FROM areas WHERE code = ${process.env.AREA}`.execute(h.db)).rows[0]?.id : undefined;
const f = {
  from: process.env.FROM ?? '2025-01-01', to: process.env.TO ?? '2025-12-31', includeDrafts: false,
  ...(process.env.FORCE ? { forceCorps: process.env.FORCE } : {}), ...(area ? { areaId: area } : {}),
};
// The compute* calls scope their filter again from codes, as the routes do: an area by its code (an id alone would be dropped).
const filter = { ...f, ...(process.env.AREA ? { areaCode: process.env.AREA } : {}) };
const reps = Number(process.env.REPS ?? 5);
const only = process.env.ONLY?.split(',');
const want = (n: string) => !only || only.includes(n);

async function time(name: string, work: (trx: Trx) => Promise<unknown>) {
  const ts: number[] = [];
  for (let i = 0; i <= reps; i += 1) {
    const t0 = performance.now();
    await inOrganisationReadOnly(h.readDb, org, work);
    if (i > 0) ts.push(performance.now() - t0);
  }
  ts.sort((a, b) => a - b);
  console.log(name.padEnd(28), 'median', ts[Math.floor(ts.length / 2)]!.toFixed(1), 'max', ts[ts.length - 1]!.toFixed(1), 'ms');
}

try {
  for (const key of (process.env.KEYS?.split(',') ?? ['commune', 'site', 'none', 'month', 'week']) as GroupKey[]) {
    if (want(`ev:${key}`)) await time(`evictions ${key}`, (t) => evictionAggregates(t, f, key));
    if (want(`tal:${key}`)) await time(`items ${key}`, (t) => tallyAggregates(t, f, key));
    if (want(`inc:${key}`)) await time(`incidents ${key}`, (t) => incidentAggregates(t, f, key));
  }
  if (want('cov')) await time('coverage', (t) => coverageDays(t, f, 'none'));
  if (want('b:commune')) await time('breakdown by commune', (t) => computeBreakdown(t, filter, 'commune', 'fr'));
  if (want('b:site')) await time('breakdown by site', (t) => computeBreakdown(t, filter, 'site', 'fr'));
  if (want('b:site-value')) await time('breakdown by site, evictions alone', (t) => computeBreakdown(t, filter, 'site', 'fr', 'value'));
  if (want('b:legal')) await time('breakdown by legal basis', (t) => computeBreakdown(t, filter, 'legalBasis', 'fr'));
  if (want('s:month')) await time('series by month', (t) => computeSeriesFigures(t, filter, 'month'));
  if (want('s:week')) await time('series by week', (t) => computeSeriesFigures(t, filter, 'week'));
  if (want('summary')) await time('summary', (t) => computeSummary(t, filter));
} finally {
  await h.close();
}
