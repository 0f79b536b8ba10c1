-- Statistics (issue 20, item 3): distinct sites and operations per ISO week, calendar month and
-- year over every eviction, whatever forces were there, and per calendar year where one corps was
-- present, kept by the fold with those per corps and week or month (20p-03).
--
-- A weekly series without a filter counted, per week, its distinct sites from the site cells and
-- its distinct operations from the operation cells: ≈ 17,000 operation × week rows for 2025 at a
-- million evictions, 44 ms of the series' ≈ 75 on the bench machine; a year's summary did the same
-- over its months, twice (the year and the year before), 21 ms each. The counts per corps are made
-- from the combination cells, whose combinations together are every eviction (the empty one
-- included); the same recount now also writes them for corps '' — any forces, or none — and for
-- each calendar year from its months, and a series or a whole month or year without a force filter,
-- or with one corps present, reads them.
ALTER TABLE statistics_corps_series_counts DROP CONSTRAINT statistics_corps_series_counts_span_check;
ALTER TABLE statistics_corps_series_counts ADD CONSTRAINT statistics_corps_series_counts_span_check CHECK (span IN ('week', 'month', 'year'));

CREATE OR REPLACE FUNCTION statistics_corps_series_counts_recount(org uuid, only_span text, only_period date) RETURNS void LANGUAGE plpgsql
SET work_mem = '64MB' AS $$
BEGIN
  DELETE FROM statistics_corps_series_counts c WHERE c.organisation_id = org
    AND (only_span IS NULL OR (c.span = only_span AND c.period = only_period));
  INSERT INTO statistics_corps_series_counts (organisation_id, span, period, corps, verified_sites, all_sites, verified_operations, all_operations)
  WITH sited AS (
    SELECT c.span, c.period, k.corps, c.site_id, coalesce(sum(c.evictions) FILTER (WHERE c.verified), 0) > 0 AS v
    FROM (
      SELECT c.span, c.period, c.forces, c.site_id, c.verified, c.evictions FROM statistics_combination_site_cells c
      WHERE c.organisation_id = org AND c.span IN ('week', 'month') AND (only_span IS NULL OR (c.span = only_span AND c.period = only_period))
      UNION ALL
      SELECT 'year', date_trunc('year', c.period)::date, c.forces, c.site_id, c.verified, c.evictions FROM statistics_combination_site_cells c
      WHERE c.organisation_id = org AND c.span = 'month'
        AND (only_span IS NULL OR (only_span = 'year' AND c.period >= only_period AND c.period < (only_period + interval '1 year')::date))
    ) c CROSS JOIN LATERAL (SELECT unnest(c.forces) UNION ALL SELECT '') AS k(corps)
    GROUP BY 1, 2, 3, 4 HAVING sum(c.evictions) > 0
  ), operated AS (
    SELECT c.span, c.period, k.corps, c.operation_id, coalesce(sum(c.evictions) FILTER (WHERE c.verified), 0) > 0 AS v
    FROM (
      SELECT c.span, c.period, c.forces, c.operation_id, c.verified, c.evictions FROM statistics_combination_operation_cells c
      WHERE c.organisation_id = org AND c.span IN ('week', 'month') AND (only_span IS NULL OR (c.span = only_span AND c.period = only_period))
      UNION ALL
      SELECT 'year', date_trunc('year', c.period)::date, c.forces, c.operation_id, c.verified, c.evictions FROM statistics_combination_operation_cells c
      WHERE c.organisation_id = org AND c.span = 'month'
        AND (only_span IS NULL OR (only_span = 'year' AND c.period >= only_period AND c.period < (only_period + interval '1 year')::date))
    ) c CROSS JOIN LATERAL (SELECT unnest(c.forces) UNION ALL SELECT '') AS k(corps)
    GROUP BY 1, 2, 3, 4 HAVING sum(c.evictions) > 0
  ), sites AS (
    SELECT span, period, corps, count(*) FILTER (WHERE v) AS verified, count(*) AS n FROM sited GROUP BY 1, 2, 3
  ), operations AS (
    SELECT span, period, corps, count(*) FILTER (WHERE v) AS verified, count(*) AS n FROM operated GROUP BY 1, 2, 3
  )
  SELECT org, span, period, corps, coalesce(s.verified, 0), coalesce(s.n, 0), coalesce(o.verified, 0), coalesce(o.n, 0)
  FROM sites s FULL JOIN operations o USING (span, period, corps);
END $$;

-- The fold of those cells (20p-03) recounts the weeks and months it changed, and now the years of
-- those months: its loop is rewritten from its definition; a definition that differs fails here.
DO $$
DECLARE
  src text;
  loop_head text := $s$  FOR p IN SELECT DISTINCT x.* FROM unnest(coalesce(sited, '{}') || coalesce(operated, '{}')) AS x LOOP$s$;
BEGIN
  SELECT pg_get_functiondef(p.oid) INTO src FROM pg_proc p WHERE p.proname = 'statistics_combination_distinct_cells_fold' AND p.pronamespace = 'public'::regnamespace;
  IF position(loop_head IN src) = 0 OR position(loop_head IN substr(src, position(loop_head IN src) + 1)) > 0 THEN
    RAISE EXCEPTION 'statistics_combination_distinct_cells_fold: its loop over the changed periods is not there exactly once';
  END IF;
  EXECUTE replace(src, loop_head, $s$  FOR p IN SELECT DISTINCT y.* FROM (
    SELECT x.* FROM unnest(coalesce(sited, '{}') || coalesce(operated, '{}')) AS x
    UNION ALL
    SELECT x.organisation_id, 'year', date_trunc('year', x.period)::date FROM unnest(coalesce(sited, '{}') || coalesce(operated, '{}')) AS x WHERE x.span = 'month'
  ) y LOOP$s$);
END $$;

COMMENT ON COLUMN statistics_corps_series_counts.corps IS 'A force corps present, or '''' for every eviction whatever forces were there';

-- Every organisation's counts again, with the new rows.
SELECT statistics_corps_series_counts_recount(o.id, NULL, NULL) FROM organisations o;
ANALYZE statistics_corps_series_counts;
