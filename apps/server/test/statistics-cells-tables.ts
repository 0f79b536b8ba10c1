import { sql, type RawBuilder } from 'kysely';
import { expect } from 'vitest';
import type { TestVigie } from './harness.js';

/**
 * The pre-aggregated tables agree with each other once folded: nothing left unfolded, every table
 * without a site equal to the cells per site summed, each table's calendar years equal to its months,
 * each family keyed by legal basis or force combination equal to the plain cells summed over that key,
 * and the stored place counts equal to the evictions counted. `statistics-cells.property.test.ts` runs
 * it after its random writes; the figures read from the tables are compared with a recount there.
 */
export async function expectCellTablesAgree(db: TestVigie['db'], organisationId: string): Promise<void> {
  for (const table of [
    'statistics_cells', 'statistics_item_cells', 'statistics_item_totals', 'statistics_operation_cells',
    'statistics_legal_cells', 'statistics_legal_site_cells', 'statistics_legal_operation_cells', 'statistics_legal_item_cells',
    'statistics_totals',
    'statistics_site_operation_cells', 'statistics_combination_totals', 'statistics_combination_site_cells',
    'statistics_combination_operation_cells', 'statistics_combination_item_totals',
    'statistics_place_cells', 'statistics_place_operation_cells', 'statistics_place_item_cells',
  ]) {
    const unfolded = await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(table)} WHERE NOT folded`.execute(db);
    expect(Number(unfolded.rows[0]!.n), table).toBe(0);
  }
  // The item totals without a site (read when no place filters or groups) are the site cells summed.
  const summed = (table: string) => sql`SELECT organisation_id, span, period, verified, kind, term, is_part, sum(tallies) AS tallies, sum(n) AS n, sum(at_least) AS at_least
    FROM ${sql.table(table)} WHERE span <> 'year' GROUP BY 1, 2, 3, 4, 5, 6, 7 HAVING sum(tallies) <> 0`;
  await expectSameRows(db, 'statistics_item_totals', summed('statistics_item_totals'), summed('statistics_item_cells'), false);
  // The item cells' calendar years (20i-03) are their months summed, per site and term.
  const itemYears = (span: 'month' | 'year') => sql`SELECT organisation_id, date_trunc('year', period::timestamp)::date, site_id, verified, kind, term, is_part,
    sum(tallies), sum(n), sum(at_least) FROM statistics_item_cells WHERE span = ${span} GROUP BY 1, 2, 3, 4, 5, 6, 7 HAVING sum(tallies) <> 0 OR sum(n) <> 0 OR sum(at_least) <> 0`;
  await expectSameRows(db, 'item cells: years against months', itemYears('year'), itemYears('month'));
  // The same for the legal operation cells' calendar years (20i-04), per legal basis and operation.
  const legalYears = (span: 'month' | 'year') => sql`SELECT organisation_id, date_trunc('year', period::timestamp)::date, verified, legal_basis, operation_id,
    sum(evictions) FROM statistics_legal_operation_cells WHERE span = ${span} GROUP BY 1, 2, 3, 4, 5 HAVING sum(evictions) <> 0`;
  await expectSameRows(db, 'legal operation cells: years against months', legalYears('year'), legalYears('month'));
  // The same for the cells by legal basis, summed over the legal bases (they hold days and months only).
  const byLegal = (table: string, columns: string) => sql`SELECT organisation_id, span, period, verified, ${sql.raw(columns)}
    FROM ${sql.table(table)} WHERE span <> 'week' GROUP BY 1, 2, 3, 4`;
  const cellColumns = 'sum(evictions) AS evictions, sum(persons_evicted_sum) AS p, sum(persons_evicted_unknown) AS u, sum(shelter_offered_yes) AS s';
  const siteColumns = 'sum(evictions) AS evictions, count(DISTINCT site_id) AS sites';
  const itemColumns = 'sum(tallies) AS tallies, sum(n) AS n, sum(at_least) AS at_least, count(DISTINCT (kind, term, is_part)) AS terms';
  for (const [legal, plain, columns] of [
    ['statistics_legal_cells', 'statistics_cells', cellColumns], ['statistics_legal_site_cells', 'statistics_cells', siteColumns],
    ['statistics_legal_item_cells', 'statistics_item_totals', itemColumns],
  ] as const) {
    await expectSameRows(db, legal, byLegal(legal, columns), byLegal(plain, columns), false);
  }
  // The totals (the series without a place) are the eviction cells of their days, weeks and months summed over the sites, every sum.
  const everySum = (await sql<{ column_name: string }>`SELECT column_name FROM information_schema.columns WHERE table_name = 'statistics_totals'
    AND data_type IN ('integer', 'bigint') ORDER BY column_name`.execute(db)).rows.map((r) => `sum(${r.column_name})`).join(', ');
  expect(everySum.split(',').length).toBe(34);
  const bySpan = (table: string) => sql`SELECT organisation_id, span, period, verified, ${sql.raw(everySum)}
    FROM ${sql.table(table)} GROUP BY 1, 2, 3, 4`;
  await expectSameRows(db, 'statistics_totals', bySpan('statistics_totals'), bySpan('statistics_cells'));
  for (const span of ['week', 'month']) {
    expect(Number((await sql<{ n: number }>`SELECT count(*) AS n FROM statistics_totals WHERE span = ${span}`.execute(db)).rows[0]!.n), span).toBeGreaterThan(0);
  }
  // The cells by force combination (20l-01), summed over the combinations, are the cells without it: every sum, evictions per site, items.
  const totalsColumns = everySum.split(', ');
  const combined = (table: string, group: string, columns: string) => sql`SELECT organisation_id, span, period, verified, ${sql.raw(group)}${sql.raw(columns)}
    FROM ${sql.table(table)} WHERE span IN ('day', 'week', 'month') GROUP BY 1, 2, 3, 4${sql.raw(group ? `, ${group.replace(/, $/, '')}` : '')}
    HAVING sum(evictions) <> 0`;
  const itemsCombined = (table: string) => sql`SELECT organisation_id, span, period, verified, kind, term, is_part, sum(tallies), sum(n), sum(at_least)
    FROM ${sql.table(table)} GROUP BY 1, 2, 3, 4, 5, 6, 7 HAVING sum(tallies) <> 0 OR sum(n) <> 0 OR sum(at_least) <> 0`;
  for (const [name, a, b] of [
    ['combination totals', combined('statistics_combination_totals', '', totalsColumns.join(', ')), combined('statistics_totals', '', totalsColumns.join(', '))],
    ['combination site cells', combined('statistics_combination_site_cells', 'site_id, ', 'sum(evictions)'), combined('statistics_cells', 'site_id, ', 'sum(evictions)')],
    ['combination operation cells', combined('statistics_combination_operation_cells', 'operation_id, ', 'sum(evictions)'), combined('statistics_operation_cells', 'operation_id, ', 'sum(evictions)')],
    ['combination item totals', itemsCombined('statistics_combination_item_totals'), itemsCombined('statistics_item_totals')],
  ] as const) {
    await expectSameRows(db, name, a, b);
  }
  // The place cells (20m-01), summed over legal bases and combinations, are the site cells of their months (every sum),
  // the operation × site cells and the item cells per site; their years are their months summed.
  const placeChecks: Array<[string, string, string, string]> = [
    ['statistics_place_cells', 'statistics_cells', 'site_id', everySum],
    ['statistics_place_operation_cells', 'statistics_site_operation_cells', 'site_id, operation_id', 'sum(evictions)'],
    ['statistics_place_item_cells', 'statistics_item_cells', 'site_id, kind, term, is_part', 'sum(tallies), sum(n), sum(at_least)'],
  ];
  for (const [place, plain, keys, sums] of placeChecks) {
    const grouped = (table: string, span: 'month' | 'year', period: string) => sql`SELECT organisation_id, ${sql.raw(period)} AS period, verified, ${sql.raw(keys)}, ${sql.raw(sums)}
      FROM ${sql.table(table)} WHERE span = ${span} GROUP BY 1, 2, 3, ${sql.raw(keys)} HAVING ${sql.raw(sums.split(', ').map((x) => `${x} <> 0`).join(' OR '))}`;
    for (const [name, a, b] of [
      [`${place} months`, grouped(place, 'month', 'period'), grouped(plain, 'month', 'period')],
      [`${place} years`, grouped(place, 'year', 'period'), grouped(place, 'month', "date_trunc('year', period::timestamp)::date")],
    ] as const) {
      await expectSameRows(db, name, a, b);
    }
  }
  // The operation × site cells (the place breakdowns' distinct operations), folded, are the evictions counted per key.
  const stored = sql`SELECT organisation_id, span, period, site_id, operation_id, verified, evictions FROM statistics_site_operation_cells`;
  const counted = sql`SELECT e.organisation_id, g.span, date_trunc(g.span, e.date::timestamp)::date AS period, e.site_id, e.operation_id,
      e.status = 'verified' AS verified, count(*)::int AS evictions
    FROM evictions e CROSS JOIN (VALUES ('week'), ('month'), ('year')) AS g(span)
    WHERE e.deleted_at IS NULL AND e.merged_into IS NULL AND e.status <> 'rejected' GROUP BY 1, 2, 3, 4, 5, 6`;
  await expectSameRows(db, 'statistics_site_operation_cells', stored, counted);
  // The distinct operations stored per place and ISO week, calendar month or year (20i-01, 20o-01), once folded, are the evictions' operations counted per place.
  const storedCounts = sql`SELECT span, period, place_kind, place, verified_operations, all_operations FROM statistics_place_operation_counts
    WHERE organisation_id = ${organisationId}`;
  const countedPlaces = sql`SELECT g.span, date_trunc(g.span, e.date::timestamp)::date AS period, k.kind, k.place,
      count(DISTINCT e.operation_id) FILTER (WHERE e.status = 'verified')::int, count(DISTINCT e.operation_id)::int
    FROM evictions e JOIN sites s ON s.id = e.site_id CROSS JOIN (VALUES ('week'), ('month'), ('year')) AS g(span)
      CROSS JOIN LATERAL (VALUES ('site', s.id::text), ('commune', s.commune_insee), ('area', s.area_id::text)) AS k(kind, place)
    WHERE e.organisation_id = ${organisationId} AND e.deleted_at IS NULL AND e.merged_into IS NULL AND e.status <> 'rejected' GROUP BY 1, 2, 3, 4`;
  await expectSameRows(db, 'statistics_place_operation_counts', storedCounts, countedPlaces);
  // And per legal basis for each calendar month or year (20o-02), by place and over all places (20s-03).
  const storedBases = sql`SELECT span, period, place_kind, place, legal_basis, verified_operations, all_operations FROM statistics_place_basis_operation_counts
    WHERE organisation_id = ${organisationId}`;
  const countedBases = sql`SELECT g.span, date_trunc(g.span, e.date::timestamp)::date AS period, k.kind, k.place, coalesce(e.legal_basis_category, 'unknown'),
      count(DISTINCT e.operation_id) FILTER (WHERE e.status = 'verified')::int, count(DISTINCT e.operation_id)::int
    FROM evictions e JOIN sites s ON s.id = e.site_id CROSS JOIN (VALUES ('month'), ('year')) AS g(span)
      CROSS JOIN LATERAL (VALUES ('site', s.id::text), ('commune', s.commune_insee), ('area', s.area_id::text), ('all', '')) AS k(kind, place)
    WHERE e.organisation_id = ${organisationId} AND e.deleted_at IS NULL AND e.merged_into IS NULL AND e.status <> 'rejected' GROUP BY 1, 2, 3, 4, 5`;
  await expectSameRows(db, 'statistics_place_basis_operation_counts', storedBases, countedBases);
  // And per corps present, by place (or all places) and legal basis (or any) for each calendar month or year (20p-01).
  const storedCorps = sql`SELECT span, period, corps, place_kind, place, legal_basis, verified_operations, all_operations FROM statistics_corps_operation_counts
    WHERE organisation_id = ${organisationId}`;
  const countedCorps = sql`SELECT g.span, date_trunc(g.span, e.date::timestamp)::date AS period, c.corps, k.kind, k.place, b.basis,
      count(DISTINCT e.operation_id) FILTER (WHERE e.status = 'verified')::int, count(DISTINCT e.operation_id)::int
    FROM evictions e JOIN sites s ON s.id = e.site_id CROSS JOIN (VALUES ('month'), ('year')) AS g(span)
      CROSS JOIN LATERAL (SELECT DISTINCT fp.value->>'corps' AS corps FROM jsonb_array_elements(e.forces) AS fp(value)) AS c
      CROSS JOIN LATERAL (VALUES ('site', s.id::text), ('commune', s.commune_insee), ('area', s.area_id::text), ('all', '')) AS k(kind, place)
      CROSS JOIN LATERAL (VALUES (coalesce(e.legal_basis_category, 'unknown')), ('')) AS b(basis)
    WHERE e.organisation_id = ${organisationId} AND e.deleted_at IS NULL AND e.merged_into IS NULL AND e.status <> 'rejected' GROUP BY 1, 2, 3, 4, 5, 6`;
  await expectSameRows(db, 'statistics_corps_operation_counts', storedCorps, countedCorps);
  // The items of each commune and area per Paris day (20v-01), ISO week, calendar month and year (20p-02), once folded, are the item cells
  // (checked above) summed there.
  const storedItems = sql`SELECT span, period, place_kind, place, verified, kind, term, is_part, tallies, n, at_least FROM statistics_place_item_sums
    WHERE organisation_id = ${organisationId}`;
  const countedItems = sql`SELECT c.span, c.period, k.kind, k.place, c.verified, c.kind, c.term, c.is_part, sum(c.tallies), sum(c.n), sum(c.at_least)
    FROM statistics_item_cells c JOIN sites s ON s.id = c.site_id
      CROSS JOIN LATERAL (VALUES ('commune', s.commune_insee), ('area', s.area_id::text)) AS k(kind, place)
    WHERE c.organisation_id = ${organisationId} GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 HAVING sum(c.tallies) <> 0`;
  await expectSameRows(db, 'statistics_place_item_sums', storedItems, countedItems);
  // Distinct sites and operations per corps present (20p-03), and over every eviction (corps '', 20q-03), over all places, for each ISO
  // week, calendar month and (20q-03) year.
  const storedSeries = sql`SELECT span, period, corps, verified_sites, all_sites, verified_operations, all_operations FROM statistics_corps_series_counts
    WHERE organisation_id = ${organisationId}`;
  const countedSeries = sql`SELECT g.span, date_trunc(g.span, e.date::timestamp)::date AS period, c.corps,
      count(DISTINCT e.site_id) FILTER (WHERE e.status = 'verified')::int, count(DISTINCT e.site_id)::int,
      count(DISTINCT e.operation_id) FILTER (WHERE e.status = 'verified')::int, count(DISTINCT e.operation_id)::int
    FROM evictions e CROSS JOIN (VALUES ('week'), ('month'), ('year')) AS g(span)
      CROSS JOIN LATERAL (SELECT DISTINCT fp.value->>'corps' AS corps FROM jsonb_array_elements(e.forces) AS fp(value) UNION ALL SELECT '') AS c
    WHERE e.organisation_id = ${organisationId} AND e.deleted_at IS NULL AND e.merged_into IS NULL AND e.status <> 'rejected' GROUP BY 1, 2, 3`;
  await expectSameRows(db, 'statistics_corps_series_counts', storedSeries, countedSeries);
  // The items per legal basis and force combination without the site, per calendar month and year (20q-04): the place item cells summed.
  const storedBasisItems = sql`SELECT span, period, verified, legal_basis, forces, kind, term, is_part, tallies, n, at_least FROM statistics_basis_item_sums
    WHERE organisation_id = ${organisationId}`;
  const countedBasisItems = sql`SELECT span, period, verified, legal_basis, forces, kind, term, is_part, sum(tallies), sum(n), sum(at_least)
    FROM statistics_place_item_cells WHERE organisation_id = ${organisationId} GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
    HAVING sum(tallies) <> 0 OR sum(n) <> 0 OR sum(at_least) <> 0`;
  await expectSameRows(db, 'statistics_basis_item_sums', storedBasisItems, countedBasisItems);
  // The eviction sums and distinct sites of each commune and area per Paris day (20v-01), ISO week, calendar month and year (20q-01), with and
  // without drafts, once folded: the site cells summed there (a year from its months).
  const storedSums = sql`SELECT place_kind, place, with_drafts, span, period, sites, sums FROM statistics_place_sums WHERE organisation_id = ${organisationId}`;
  const countedSums = sql`SELECT k.kind, k.place, d.with_drafts, c.span, c.period, count(DISTINCT c.site_id)::int,
      ARRAY[${sql.join(Array.from({ length: 34 }, (_, i) => sql`sum(c.sums[${sql.lit(i + 1)}])`))}]
    FROM (SELECT span, period, site_id, verified, sums FROM statistics_cells WHERE organisation_id = ${organisationId}
      UNION ALL SELECT 'year', date_trunc('year', period)::date, site_id, verified, sums FROM statistics_cells
      WHERE organisation_id = ${organisationId} AND span = 'month') c JOIN sites s ON s.id = c.site_id
      CROSS JOIN LATERAL (VALUES ('commune', s.commune_insee), ('area', s.area_id::text)) AS k(kind, place)
      CROSS JOIN (VALUES (false), (true)) AS d(with_drafts)
    WHERE c.verified OR d.with_drafts GROUP BY 1, 2, 3, 4, 5`;
  await expectSameRows(db, 'statistics_place_sums', storedSums, countedSums);
  // The eviction sums, distinct sites and items of each commune and area per corps present, calendar month and year (20r-01),
  // with and without drafts (items: verified or not), once folded: the place cells (checked above) summed there, per corps in their combination.
  const storedCorpsSums = sql`SELECT span, period, corps, with_drafts, place_kind, place, sites, sums FROM statistics_corps_place_sums
    WHERE organisation_id = ${organisationId}`;
  const countedCorpsSums = sql`SELECT c.span, c.period, corps, d.with_drafts, k.kind, k.place, count(DISTINCT c.site_id)::int,
      ARRAY[${sql.join(Array.from({ length: 34 }, (_, i) => sql`sum(c.sums[${sql.lit(i + 1)}])`))}]
    FROM statistics_place_cells c CROSS JOIN LATERAL unnest(c.forces) AS corps JOIN sites s ON s.id = c.site_id
      CROSS JOIN LATERAL (VALUES ('commune', s.commune_insee), ('area', s.area_id::text)) AS k(kind, place)
      CROSS JOIN (VALUES (false), (true)) AS d(with_drafts)
    WHERE c.organisation_id = ${organisationId} AND (c.verified OR d.with_drafts) GROUP BY 1, 2, 3, 4, 5, 6`;
  await expectSameRows(db, 'statistics_corps_place_sums', storedCorpsSums, countedCorpsSums);
  const storedCorpsItems = sql`SELECT span, period, corps, place_kind, place, verified, kind, term, is_part, tallies, n, at_least
    FROM statistics_corps_place_item_sums WHERE organisation_id = ${organisationId}`;
  const countedCorpsItems = sql`SELECT c.span, c.period, corps, k.kind, k.place, c.verified, c.kind, c.term, c.is_part, sum(c.tallies), sum(c.n), sum(c.at_least)
    FROM statistics_place_item_cells c CROSS JOIN LATERAL unnest(c.forces) AS corps JOIN sites s ON s.id = c.site_id
      CROSS JOIN LATERAL (VALUES ('commune', s.commune_insee), ('area', s.area_id::text)) AS k(kind, place)
    WHERE c.organisation_id = ${organisationId} GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9 HAVING sum(c.tallies) <> 0`;
  await expectSameRows(db, 'statistics_corps_place_item_sums', storedCorpsItems, countedCorpsItems);
  // The same per legal basis (20s-02): the place cells summed per commune and area and basis, over the force combinations.
  const storedBasisSums = sql`SELECT span, period, legal_basis, with_drafts, place_kind, place, sites, sums FROM statistics_basis_place_sums
    WHERE organisation_id = ${organisationId}`;
  const countedBasisSums = sql`SELECT c.span, c.period, c.legal_basis, d.with_drafts, k.kind, k.place, count(DISTINCT c.site_id)::int,
      ARRAY[${sql.join(Array.from({ length: 34 }, (_, i) => sql`sum(c.sums[${sql.lit(i + 1)}])`))}]
    FROM statistics_place_cells c JOIN sites s ON s.id = c.site_id
      CROSS JOIN LATERAL (VALUES ('commune', s.commune_insee), ('area', s.area_id::text)) AS k(kind, place)
      CROSS JOIN (VALUES (false), (true)) AS d(with_drafts)
    WHERE c.organisation_id = ${organisationId} AND (c.verified OR d.with_drafts) GROUP BY 1, 2, 3, 4, 5, 6`;
  await expectSameRows(db, 'statistics_basis_place_sums', storedBasisSums, countedBasisSums);
  // Per legal basis where one corps was present, over every place (20t-01): the place cells summed per corps in their combination and basis.
  const storedCorpsBasisSums = sql`SELECT span, period, corps, legal_basis, with_drafts, sites, sums FROM statistics_corps_basis_sums
    WHERE organisation_id = ${organisationId}`;
  const countedCorpsBasisSums = sql`SELECT c.span, c.period, corps, c.legal_basis, d.with_drafts, count(DISTINCT c.site_id)::int,
      ARRAY[${sql.join(Array.from({ length: 34 }, (_, i) => sql`sum(c.sums[${sql.lit(i + 1)}])`))}]
    FROM statistics_place_cells c CROSS JOIN LATERAL unnest(c.forces) AS corps CROSS JOIN (VALUES (false), (true)) AS d(with_drafts)
    WHERE c.organisation_id = ${organisationId} AND (c.verified OR d.with_drafts) GROUP BY 1, 2, 3, 4, 5`;
  await expectSameRows(db, 'statistics_corps_basis_sums', storedCorpsBasisSums, countedCorpsBasisSums);
  const storedCorpsBasisSites = sql`SELECT period, corps, verified, legal_basis, site_id, evictions FROM statistics_corps_basis_sites
    WHERE organisation_id = ${organisationId}`;
  const countedCorpsBasisSites = sql`SELECT c.period, corps, c.verified, c.legal_basis, c.site_id, sum(c.sums[1])
    FROM statistics_place_cells c CROSS JOIN LATERAL unnest(c.forces) AS corps
    WHERE c.organisation_id = ${organisationId} AND c.span = 'month' GROUP BY 1, 2, 3, 4, 5 HAVING sum(c.sums[1]) <> 0`;
  await expectSameRows(db, 'statistics_corps_basis_sites', storedCorpsBasisSites, countedCorpsBasisSites);
  const storedBasisPlaceItems = sql`SELECT span, period, legal_basis, place_kind, place, verified, kind, term, is_part, tallies, n, at_least
    FROM statistics_basis_place_item_sums WHERE organisation_id = ${organisationId}`;
  const countedBasisPlaceItems = sql`SELECT c.span, c.period, c.legal_basis, k.kind, k.place, c.verified, c.kind, c.term, c.is_part, sum(c.tallies), sum(c.n), sum(c.at_least)
    FROM statistics_place_item_cells c JOIN sites s ON s.id = c.site_id
      CROSS JOIN LATERAL (VALUES ('commune', s.commune_insee), ('area', s.area_id::text)) AS k(kind, place)
    WHERE c.organisation_id = ${organisationId} GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9 HAVING sum(c.tallies) <> 0`;
  await expectSameRows(db, 'statistics_basis_place_item_sums', storedBasisPlaceItems, countedBasisPlaceItems);
  // Every operation whose evictions fall in two calendar months is among the spanning operations (20s-01; a superset).
  const missing = await sql<{ n: number }>`SELECT count(*) AS n FROM (
    SELECT e.operation_id FROM evictions e WHERE e.organisation_id = ${organisationId}
    GROUP BY 1 HAVING min(e.date) < date_trunc('month', max(e.date)::timestamp)
    EXCEPT SELECT x.operation_id FROM statistics_spanning_operations x) m`.execute(db);
  expect(Number(missing.rows[0]!.n), 'operations spanning months, not kept').toBe(0);
}

/**
 * The rows of `stored` are exactly those of `counted` (either side's extra rows are counted), and,
 * unless `notEmpty` is false, there are some: an empty table would agree with an empty recount.
 */
async function expectSameRows(db: TestVigie['db'], label: string, stored: RawBuilder<unknown>, counted: RawBuilder<unknown>, notEmpty = true): Promise<void> {
  const result = await sql<{ apart: number; rows: number }>`SELECT (SELECT count(*) FROM (${stored} EXCEPT ${counted}) a)
    + (SELECT count(*) FROM (${counted} EXCEPT ${stored}) b) AS apart, (SELECT count(*) FROM (${stored}) c) AS rows`.execute(db);
  expect(Number(result.rows[0]!.apart), label).toBe(0);
  if (notEmpty) expect(Number(result.rows[0]!.rows), `${label}: rows stored`).toBeGreaterThan(0);
}
