import pg from 'pg';
import { STATISTICS_FOLDS } from '../apps/server/src/modules/communication/statistics/statistics.cells.js';
import { adminQuery, databaseUrl, startServer, type BenchServer } from './lib/server.js';

export const BENCH_DATABASE = process.env.BENCH_DATASET_DB ?? 'vigie_bench';

/**
 * A realistic organisation with `evictions` site evictions from 2017-01-01 to 2026-11-21, made
 * in SQL with generate_series (1,000,000 in a minute or two rather than hours through the API),
 * in a dedicated PostgreSQL database that is dropped and recreated. The schema, the seeded areas,
 * communes and lists are the real ones: the server creates the database before the rows go in.
 *
 * Distributions: activity grows over the years (an eviction is 2.5× likelier in 2026 than in
 * 2017); 70 % in the Calaisis; sites are few and very unequal (popularity ∝ rank^-1.5 within
 * an area, 60 % of sites in the five communes where the camps are); ~8 evictions per operation;
 * 92 % verified; persons evicted log-normal-ish (1 to ~60, "at least" 80 % of the time); one or
 * two police corps with vehicles; 75 % with seized items (1–3 kinds, skewed to tents and
 * blankets), 30 % with destroyed structures, 4 % with an incident.
 */
export async function generateDataset(evictions: number) {
  await adminQuery(`DROP DATABASE IF EXISTS ${BENCH_DATABASE} WITH (FORCE)`);
  await adminQuery(`CREATE DATABASE ${BENCH_DATABASE}`);
  // Migrations, seeded lists and accounts come from the real server start-up.
  const server = await startServer({ backend: 'postgres', database: BENCH_DATABASE, keep: true });
  await server.stop();
  const started = performance.now();
  const c = new pg.Client({ connectionString: databaseUrl(BENCH_DATABASE) });
  await c.connect();
  try {
    const q = (text: string, values: unknown[] = []) => c.query(text, values);
    const org = (await q(`SELECT id FROM organisations LIMIT 1`)).rows[0].id as string;
    const observer = (await q(`SELECT id FROM users WHERE email = 'observer@bench.example'`)).rows[0].id as string;
    // Generated rows are consistent by construction: skip foreign-key triggers for speed.
    await q(`SET session_replication_role = replica`);
    await q(`SELECT setseed(0.42)`);
    await q(`
      CREATE TEMP TABLE bench_sites AS
      WITH main AS (SELECT insee_code FROM communes WHERE insee_code IN ('62193','59271','59359','62160','59183')),
      pick AS (
        SELECT g, CASE WHEN random() < 0.6 AND EXISTS (SELECT 1 FROM main)
          THEN (SELECT insee_code FROM main ORDER BY random() + g * 0 LIMIT 1)
          ELSE (SELECT insee_code FROM communes WHERE organisation_id = $1 ORDER BY random() + g * 0 LIMIT 1) END AS insee
        FROM generate_series(1, 400) g
      )
      SELECT gen_random_uuid() AS id, g, p.insee, c.area_id FROM pick p JOIN communes c ON c.insee_code = p.insee AND c.organisation_id = $1`, [org]);
    await q(`
      INSERT INTO sites (id, organisation_id, code, name, area_id, commune_insee, latitude, longitude)
      SELECT id, $1, 'S' || g, 'Lieu ' || g, area_id, insee, 50.9 + random() * 0.2, 1.8 + random() * 0.6 FROM bench_sites`, [org]);
    await q(`CREATE TEMP TABLE bench_area_sites AS
      SELECT area_id, array_agg(id ORDER BY g) AS ids FROM bench_sites GROUP BY area_id`);
    // Days weighted towards recent years: day index from a power law over the period.
    const operations = Math.max(1, Math.round(evictions / 8));
    await q(`
      CREATE TEMP TABLE bench_operations AS
      SELECT gen_random_uuid() AS id, a.area_id, a.ids,
             (timestamp '2017-01-01 05:30' + (power(random(), 0.7) * (date '2026-11-21' - date '2017-01-01')) * interval '1 day'
               + random() * interval '4 hours') AT TIME ZONE 'Europe/Paris' AS started_at
      FROM generate_series(1, $1::int) g
      CROSS JOIN LATERAL (
        SELECT s.area_id, s.ids FROM bench_area_sites s JOIN areas ar ON ar.id = s.area_id
        ORDER BY (ar.code = 'calaisis') = (random() + g * 0 < 0.7) DESC, random() LIMIT 1
      ) a`, [operations]);
    await q(`
      INSERT INTO operations (id, organisation_id, area_id, date, started_at, ended_at, created_by, updated_by)
      SELECT id, $1, area_id, (started_at AT TIME ZONE 'Europe/Paris')::date, started_at, started_at + interval '3 hours', $2, $2 FROM bench_operations`, [org, observer]);
    await q(`CREATE TEMP TABLE bench_ops_numbered AS SELECT row_number() OVER () AS n, * FROM bench_operations`);
    const terms = async (kind: string) => (await q(`SELECT array_agg(code ORDER BY sort, code) AS codes FROM taxonomy_terms WHERE kind = $1`, [kind])).rows[0].codes as string[];
    const items = await terms('item_type');
    const structures = await terms('structure_type');
    const corps = await terms('force_corps');
    const legal = await terms('legal_basis_category');
    const incidentTypes = await terms('incident_type');
    await q(`
      INSERT INTO evictions (id, organisation_id, operation_id, site_id, date, arrived_at, left_at, status, rejection_reason,
        persons_evicted, persons_evicted_at_least, women, children, arrests, arrests_at_least, legal_basis_category,
        interpreter, bailiff, forces, created_by, updated_by)
      SELECT gen_random_uuid(), $1, o.id, o.ids[1 + floor(power(random(), 2.5) * array_length(o.ids, 1))::int],
        (arrived AT TIME ZONE 'Europe/Paris')::date, arrived, arrived + interval '40 minutes',
        st, CASE WHEN st = 'rejected' THEN 'Doublon' END,
        least(200, floor(exp(random() * 4.1)))::int, random() < 0.8,
        CASE WHEN random() < 0.3 THEN floor(random() * 4)::int END, CASE WHEN random() < 0.2 THEN floor(random() * 5)::int END,
        CASE WHEN random() < 0.25 THEN floor(random() * 4)::int ELSE 0 END, random() < 0.5,
        ($3::text[])[1 + floor(power(random(), 2) * array_length($3::text[], 1))::int],
        (ARRAY['unknown','absent','present'])[1 + floor(random() * 3)::int], random() < 0.3,
        (SELECT jsonb_agg(jsonb_build_object('corps', c, 'unit', upper(c) || ' ' || (1 + floor(random() * 60))::int,
                  'vehicles', jsonb_build_array(jsonb_build_object('type', 'van', 'n', 1 + floor(random() * 6)::int))))
           FROM (SELECT DISTINCT ($4::text[])[1 + floor(power(random(), 1.5) * array_length($4::text[], 1))::int] AS c
                 FROM generate_series(1, 1 + (random() < 0.35)::int + (g * 0))) f),
        $2, $2
      FROM generate_series(1, $5::int) g
      JOIN bench_ops_numbered o ON o.n = 1 + (g % $6::int)
      CROSS JOIN LATERAL (SELECT o.started_at + (g % 8) * interval '20 minutes' AS arrived,
        CASE WHEN random() + g * 0 < 0.92 THEN 'verified' WHEN random() < 0.5 THEN 'submitted' WHEN random() < 0.5 THEN 'draft' ELSE 'rejected' END AS st) x`,
      [org, observer, legal, corps, evictions, operations]);
    await q(`
      INSERT INTO eviction_tallies (eviction_id, organisation_id, kind, term, n, at_least)
      SELECT e.id, $1, 'seized', ($2::text[])[1 + floor(power(random(), 2) * array_length($2::text[], 1))::int], 1 + floor(random() * 20)::int, random() < 0.7
      FROM evictions e CROSS JOIN LATERAL generate_series(1, CASE WHEN random() < 0.75 THEN 1 + floor(random() * 3)::int ELSE 0 END + (e.version * 0)) k
      ON CONFLICT DO NOTHING`, [org, items]);
    await q(`
      INSERT INTO eviction_tallies (eviction_id, organisation_id, kind, term, n, at_least)
      SELECT e.id, $1, 'destroyed', ($2::text[])[1 + floor(random() * array_length($2::text[], 1))::int], 1 + floor(random() * 10)::int, true
      FROM evictions e WHERE random() < 0.3
      ON CONFLICT DO NOTHING`, [org, structures]);
    await q(`
      INSERT INTO incidents (id, organisation_id, eviction_id, kind, incident_type, occurred_at, created_by)
      SELECT gen_random_uuid(), $1, e.id, 'violence', ($2::text[])[1 + floor(random() * array_length($2::text[], 1))::int], e.arrived_at + interval '10 minutes', $3
      FROM evictions e WHERE random() < 0.04`, [org, incidentTypes, observer]);
    await q(`RESET session_replication_role`);
    // Counted into the cells as the server's promoter would (migration 20k-01), in one statement each rather than in batches.
    await q(`UPDATE eviction_tallies SET eviction_pending = false WHERE eviction_pending`);
    await q(`UPDATE evictions SET statistics_pending = false WHERE statistics_pending`);
    // Folded now, as the five-minute job would: the bulk inserts leave every cell a delta row, and the
    // server's first fold then rewrote all of them (≈ 5 min) while the dashboard was being measured.
    // The job's own list of folds: a list written out here once missed the force-combination cells (20l-01).
    for (const fold of STATISTICS_FOLDS) await q(`SELECT ${fold}()`);
    // The promotion above rewrote every eviction and tally: without this the tables carry a dead copy
    // of each (6.6 → 7.7 GB), which a server's autovacuum would have made reusable long ago, and the
    // recounted figures (a force filter over years) read twice the pages.
    await q(`VACUUM (FULL) evictions, eviction_tallies`);
    await q(`VACUUM ANALYZE`);
    const counts = (await q(`SELECT (SELECT count(*) FROM evictions) AS evictions, (SELECT count(*) FROM operations) AS operations,
      (SELECT count(*) FROM sites) AS sites, (SELECT count(*) FROM eviction_tallies) AS tallies, (SELECT count(*) FROM incidents) AS incidents,
      pg_size_pretty(pg_database_size(current_database())) AS size`)).rows[0];
    return { database: BENCH_DATABASE, seconds: +((performance.now() - started) / 1000).toFixed(1), ...counts };
  } finally {
    await c.end();
  }
}

/** The bench organisation's server on the generated dataset (not dropped at stop). */
export function datasetServer(profileDir?: string): Promise<BenchServer> {
  return startServer({ backend: 'postgres', database: BENCH_DATABASE, keep: true, profileDir });
}
