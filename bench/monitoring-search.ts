import { mkdirSync, writeFileSync } from 'node:fs';
import { sql } from 'kysely';
import { normaliseText } from '@vigie/domain';
import { openDatabase } from '../apps/server/src/platform/db/database.js';
import { migrate } from '../apps/server/src/platform/db/migrate.js';
import { inOrganisation } from '../apps/server/src/platform/db/organisation-scope.js';
import { clippingsQuery, listClippings } from '../apps/server/src/modules/communication/monitoring/monitoring.queries.js';
import { adminQuery, databaseUrl } from './lib/server.js';
import { percentile, round } from './lib/stats.js';

/**
 * `npx tsx bench/monitoring-search.ts`: full-text search across BENCH_CLIPPINGS (default 100,000)
 * clippings on PostgreSQL, through the monitoring's own query (French and English text search,
 * accent-free, best matches first, 50 a page) inside an organisation's transaction as a request
 * runs it. Clippings are generated in SQL from a press vocabulary (French and English articles
 * of ~250 words). Target (issue 14): p95 under 100 ms. Writes bench/results/monitoring-search.json.
 */
const N = Number(process.env.BENCH_CLIPPINGS ?? 100_000);
const DB = process.env.BENCH_DB ?? 'vigie_bench_monitoring';
const QUERIES = ['expulsion calais', 'Human Rights Observers', '"tentes saisies"', 'grande-synthe -football', 'evictions', 'prefecture', 'hopital',
  'CRS OR gendarmes', 'police violence', 'campement puythouck', 'water points', 'mise a l abri', 'associations denoncent', 'zzz introuvable'];

await adminQuery(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
await adminQuery(`CREATE DATABASE ${DB}`);
const handle = await openDatabase({ kind: 'postgres', url: databaseUrl(DB) });
try {
  await migrate(handle.pool);
  const org = (await sql<{ id: string }>`INSERT INTO organisations (name) VALUES ('Bench') RETURNING id`.execute(handle.db)).rows[0]!.id;
  const started = performance.now();
  const fr = normaliseText(`expulsion calais grande synthe dunkerque campement lieu de vie tentes saisies forces de l ordre crs gendarmes police
    prefecture mise a l abri associations denoncent human rights observers utopia auberge des migrants hopital puythouck exiles personnes
    matin operation centre d accueil violences observateurs juge tribunal recours conseil d etat froid hiver distribution repas eau`).split(' ');
  const en = normaliseText(`eviction evictions calais camp tents seized police officers charity human rights observers volunteers water points
    council people displaced channel crossing small boats dunkirk shelter government home office court ruling winter cold food`).split(' ');
  await sql`
    WITH stories AS (
      INSERT INTO monitoring_stories (organisation_id, title) SELECT ${org}, 'story ' || g FROM generate_series(1, ${Math.ceil(N / 3)}) g RETURNING id
    ), numbered AS (SELECT id, row_number() OVER () AS rn FROM stories)
    INSERT INTO monitoring_clippings (organisation_id, canonical_url, url, title, outlet, language, story_id, search_text, found_at)
    SELECT ${org}, 'https://example.org/a/' || g, 'https://example.org/a/' || g, 'Article ' || g, 'Outlet ' || (g % 40),
      CASE WHEN g % 4 = 0 THEN 'en' ELSE 'fr' END, n.id,
      -- (w.w * 0 keeps the aggregate in the inner query: one random word per position.)
      (SELECT string_agg(CASE WHEN g % 4 + w.w * 0 = 0 THEN (${en}::text[])[1 + floor(random() * ${en.length})::int] ELSE (${fr}::text[])[1 + floor(random() * ${fr.length})::int] END, ' ')
         FROM generate_series(1, 250) w(w)),
      now() - make_interval(hours => g % 8760)
    FROM generate_series(1, ${N}) g JOIN numbered n ON n.rn = 1 + (g - 1) / 3`.execute(handle.db);
  await sql`ANALYZE monitoring_clippings`.execute(handle.db);
  const generatedSeconds = round((performance.now() - started) / 1000);
  const times: number[] = [];
  const perQuery = new Map<string, number[]>();
  for (let round_ = 0; round_ < 15; round_ += 1) {
    for (const q of QUERIES) {
      const t0 = performance.now();
      await inOrganisation(handle.db, org, (trx) => listClippings(trx, { q, search: normaliseText(q) ? q.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase() : undefined, limit: 50, offset: 0 }));
      if (round_ > 0) { times.push(performance.now() - t0); perQuery.set(q, [...(perQuery.get(q) ?? []), performance.now() - t0]); }
    }
  }
  // The plans as the app's role runs them (row-level security on): is the GIN index used?
  if (process.env.BENCH_EXPLAIN) {
    for (const q of ['zzz introuvable', 'expulsion calais']) {
      const compiled = clippingsQuery(handle.db, { q, search: q, limit: 50, offset: 0 }).compile();
      const plan = await inOrganisation(handle.db, org, (trx) => trx.executeQuery<{ 'QUERY PLAN': string }>({ ...compiled, sql: `EXPLAIN (ANALYZE, COSTS OFF) ${compiled.sql}` }));
      console.log(`plan of "${q}" as vigie_app:\n${plan.rows.map((r) => `    ${r['QUERY PLAN']}`).join('\n')}`);
    }
  }
  for (const [q, ts] of perQuery) console.log(`  ${q}: p50 ${round(percentile(ts, 50))} ms`);
  const result = { clippings: N, searches: times.length, p50: round(percentile(times, 50)), p95: round(percentile(times, 95)), max: round(Math.max(...times)), generatedSeconds, at: new Date().toISOString() };
  console.log(`monitoring search over ${N} clippings: p50 ${result.p50} ms, p95 ${result.p95} ms (target < 100 ms), max ${result.max} ms; generated in ${generatedSeconds} s`);
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/monitoring-search.json', `${JSON.stringify(result, null, 2)}\n`);
} finally {
  await handle.close();
  await adminQuery(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
}
