-- Statistics (issue 20, item 3): the eviction sums and distinct sites of a commune or an area per
-- ISO week, calendar month and year, kept by the fold.
--
-- An area's weekly series summed the 34 packed sums of its site cells: ≈ 19,000 site × week rows
-- for the Calaisis' 2025 at a million evictions, then counted its distinct sites per week from the
-- same rows again: 47 ms of the series' ≈ 90 on the bench machine. Like the items (20p-02), a
-- commune's or an area's sums depend on where each site is, so the fold of the site cells now also
-- sums, in its own transaction, the cells of every commune and area for each week, month and year
-- it folded (a year from its months), and a reader uses these sums only while that period has no
-- unfolded site cells and the sites have not moved since. Distinct sites are not a sum: they are
-- counted per period, once for verified evictions and once with drafts.

CREATE TABLE statistics_place_sums (
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  place_kind text NOT NULL CHECK (place_kind IN ('commune', 'area')),
  -- A commune's INSEE code or an area id.
  place text NOT NULL,
  -- false: verified evictions only; true: drafts and submitted ones too (a filter's includeDrafts).
  with_drafts boolean NOT NULL,
  span text NOT NULL CHECK (span IN ('week', 'month', 'year')),
  period date NOT NULL,
  sites integer NOT NULL,
  -- The 34 sums of statistics_cells.sums (20n-01), in its order.
  sums bigint[] NOT NULL,
  -- Place first: a reader asks one place for a range of periods.
  PRIMARY KEY (organisation_id, place_kind, place, with_drafts, span, period)
);
-- The fold's recount deletes one period of every place.
CREATE INDEX statistics_place_sums_period_idx ON statistics_place_sums (organisation_id, span, period);
-- The sites version these sums were made under (written by the fold only).
CREATE TABLE statistics_place_sums_state (
  organisation_id uuid PRIMARY KEY REFERENCES organisations(id),
  sites_version bigint NOT NULL
);

-- One organisation's sums (one span and period, or all of them when null) from its week and month
-- site cells, folded or not, and the sites' places as they are now; a year from its months. The 34
-- sums are written out from statistics_cells' packed array, so the function is made here.
DO $$
DECLARE
  summed text := (SELECT string_agg(format('sum(c.sums[%s])', i), ', ' ORDER BY i) FROM generate_series(1, 34) i);
BEGIN
  IF (SELECT array_length(c.sums, 1) FROM statistics_cells c LIMIT 1) IS DISTINCT FROM 34
    AND EXISTS (SELECT 1 FROM statistics_cells) THEN
    RAISE EXCEPTION 'statistics_cells.sums does not hold 34 sums';
  END IF;
  EXECUTE format($f$
CREATE FUNCTION statistics_place_sums_recount(org uuid, only_span text, only_period date) RETURNS void LANGUAGE plpgsql
SET work_mem = '64MB' AS $b$
BEGIN
  DELETE FROM statistics_place_sums c WHERE c.organisation_id = org
    AND (only_span IS NULL OR (c.span = only_span AND c.period = only_period));
  INSERT INTO statistics_place_sums (organisation_id, place_kind, place, with_drafts, span, period, sites, sums)
  SELECT org, CASE WHEN GROUPING(s.commune_insee) = 0 THEN 'commune' ELSE 'area' END,
    CASE WHEN GROUPING(s.commune_insee) = 0 THEN s.commune_insee ELSE s.area_id::text END,
    d.with_drafts, c.span, c.period, count(DISTINCT c.site_id), ARRAY[%s]
  FROM (
    SELECT c.span, c.period, c.site_id, c.verified, c.sums FROM statistics_cells c
    WHERE c.organisation_id = org AND c.span IN ('week', 'month') AND (only_span IS NULL OR (c.span = only_span AND c.period = only_period))
    UNION ALL
    SELECT 'year', date_trunc('year', c.period)::date, c.site_id, c.verified, c.sums FROM statistics_cells c
    WHERE c.organisation_id = org AND c.span = 'month'
      AND (only_span IS NULL OR (only_span = 'year' AND c.period >= only_period AND c.period < (only_period + interval '1 year')::date))
  ) c JOIN sites s ON s.id = c.site_id CROSS JOIN (VALUES (false), (true)) AS d(with_drafts)
  WHERE c.verified OR d.with_drafts
  GROUP BY c.span, c.period, d.with_drafts, GROUPING SETS ((s.commune_insee), (s.area_id))
  HAVING sum(c.sums[1]) <> 0;
END $b$;$f$, summed);
END $$;

-- The one statement of a function's definition that runs from `head` to `tail`, for a migration to
-- make it a function of its own; a definition that holds it other than once fails the migration.
CREATE FUNCTION statistics_statement_of(fn regproc, head text, tail text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  src text := pg_get_functiondef(fn);
  a integer := position(head IN src);
  b integer := position(tail IN src);
BEGIN
  IF a = 0 OR b < a OR position(head IN substr(src, a + 1)) > 0 OR position(tail IN substr(src, b + 1)) > 0 THEN
    RAISE EXCEPTION '%: its statement from "%" to "%" is not there exactly once', fn, head, tail;
  END IF;
  RETURN substr(src, a, b + length(tail) - a);
END $$;

-- The site cells' fold (until now the first statement of statistics_cells_fold, 20e-01), returning
-- the rows it folded, with the sums of the weeks, months and years it changed.
DO $$
DECLARE
  tail text := 'HAVING sum(evictions) <> 0;
  GET DIAGNOSTICS folded_rows = ROW_COUNT;';
  statement text := statistics_statement_of('statistics_cells_fold',
    '  WITH keys AS (SELECT DISTINCT organisation_id, span, period, site_id, verified FROM statistics_cells WHERE NOT folded),', tail);
  fold text := replace(substr(statement, 1, length(statement) - length(tail)), '
  INSERT INTO statistics_cells', ',
  kept AS (
    INSERT INTO statistics_cells');
BEGIN
  IF position('kept AS' IN fold) = 0 THEN RAISE EXCEPTION 'statistics_cells_fold: no INSERT INTO statistics_cells in its statement'; END IF;
  EXECUTE format($f$
CREATE FUNCTION statistics_site_cells_fold() RETURNS integer LANGUAGE plpgsql AS $b$
DECLARE
  folded_rows integer;
  changed statistics_folded_period[];
BEGIN
%s HAVING sum(evictions) <> 0
    RETURNING 1
  )
  SELECT (SELECT count(*) FROM kept), (SELECT array_agg(DISTINCT p) FROM (
      SELECT (g.organisation_id, g.span, g.period)::statistics_folded_period FROM gone g WHERE g.span <> 'day'
      UNION ALL
      SELECT (g.organisation_id, 'year', date_trunc('year', g.period)::date)::statistics_folded_period FROM gone g WHERE g.span = 'month'
    ) x(p))
  INTO folded_rows, changed;
  PERFORM statistics_place_counts_refresh(changed, 'statistics_place_sums_recount', 'statistics_place_sums_state');
  RETURN folded_rows;
END $b$;$f$, fold);
  -- statistics_cells_fold calls it in place of the statement, under its lock: one writer of folded site cells.
  EXECUTE replace(pg_get_functiondef('statistics_cells_fold'::regproc), statement, '  folded_rows := statistics_site_cells_fold();');
END $$;

-- Every organisation's sums from its cells so far, under its current sites version.
SELECT statistics_place_sums_recount(o.id, NULL, NULL) FROM organisations o;
INSERT INTO statistics_place_sums_state (organisation_id, sites_version)
SELECT o.id, coalesce(v.version, 0) FROM organisations o LEFT JOIN statistics_site_versions v ON v.organisation_id = o.id;

ALTER TABLE statistics_place_sums ENABLE ROW LEVEL SECURITY;
CREATE POLICY organisation_isolation ON statistics_place_sums
  USING (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid);
ALTER TABLE statistics_place_sums_state ENABLE ROW LEVEL SECURITY;
CREATE POLICY organisation_isolation ON statistics_place_sums_state
  USING (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid);
-- Readers read; only the fold sums.
GRANT SELECT ON statistics_place_sums, statistics_place_sums_state TO vigie_app;
ANALYZE statistics_place_sums;
