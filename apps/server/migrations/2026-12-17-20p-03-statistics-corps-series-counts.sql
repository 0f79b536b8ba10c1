-- Statistics (issue 20, item 3): distinct sites and operations per ISO week and calendar month where
-- one force corps was present, kept by the fold.
--
-- A weekly series under a force filter ("where the CRS was present", all places) counted, per
-- week, its distinct sites from the combination site cells and its distinct operations from the
-- combination operation cells (20l-01): for the CRS's 2025 at a million evictions, 30 and 35 ms of
-- the series' ≈ 100. Neither is a sum, so neither can be kept by the writers' triggers; the fold of
-- those cells now counts them, in its own transaction, for every corps and each week and month it
-- folded, and a reader uses the counts only while the period has no unfolded cells of either
-- table. They are over all places, so no site moved can change them (no sites version here).

CREATE TABLE statistics_corps_series_counts (
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  span text NOT NULL CHECK (span IN ('week', 'month')),
  period date NOT NULL,
  corps text NOT NULL,
  -- Sites and operations with verified evictions where the corps was present; with any counted eviction (drafts included).
  verified_sites integer NOT NULL,
  all_sites integer NOT NULL,
  verified_operations integer NOT NULL,
  all_operations integer NOT NULL,
  PRIMARY KEY (organisation_id, span, period, corps)
);

-- One organisation's counts (one span and period, or every week and month when null) from its
-- combination cells: a site or operation counts for a corps when its evictions with that corps
-- present add up to more than zero (delta rows of every combination with the corps summed).
CREATE FUNCTION statistics_corps_series_counts_recount(org uuid, only_span text, only_period date) RETURNS void LANGUAGE plpgsql
SET work_mem = '64MB' AS $$
BEGIN
  DELETE FROM statistics_corps_series_counts c WHERE c.organisation_id = org
    AND (only_span IS NULL OR (c.span = only_span AND c.period = only_period));
  INSERT INTO statistics_corps_series_counts (organisation_id, span, period, corps, verified_sites, all_sites, verified_operations, all_operations)
  WITH sited AS (
    SELECT c.span, c.period, corps, c.site_id, coalesce(sum(c.evictions) FILTER (WHERE c.verified), 0) > 0 AS v
    FROM statistics_combination_site_cells c CROSS JOIN LATERAL unnest(c.forces) AS corps
    WHERE c.organisation_id = org AND c.span IN ('week', 'month') AND (only_span IS NULL OR (c.span = only_span AND c.period = only_period))
    GROUP BY 1, 2, 3, 4 HAVING sum(c.evictions) > 0
  ), operated AS (
    SELECT c.span, c.period, corps, c.operation_id, coalesce(sum(c.evictions) FILTER (WHERE c.verified), 0) > 0 AS v
    FROM statistics_combination_operation_cells c CROSS JOIN LATERAL unnest(c.forces) AS corps
    WHERE c.organisation_id = org AND c.span IN ('week', 'month') AND (only_span IS NULL OR (c.span = only_span AND c.period = only_period))
    GROUP BY 1, 2, 3, 4 HAVING sum(c.evictions) > 0
  ), sites AS (
    SELECT span, period, corps, count(*) FILTER (WHERE v) AS verified, count(*) AS n FROM sited GROUP BY 1, 2, 3
  ), operations AS (
    SELECT span, period, corps, count(*) FILTER (WHERE v) AS verified, count(*) AS n FROM operated GROUP BY 1, 2, 3
  )
  SELECT org, span, period, corps, coalesce(s.verified, 0), coalesce(s.n, 0), coalesce(o.verified, 0), coalesce(o.n, 0)
  FROM sites s FULL JOIN operations o USING (span, period, corps);
END $$;

-- The combination site and operation cells' fold (until now two statements inside
-- statistics_combination_cells_fold), with the counts of the weeks and months it changed.
CREATE FUNCTION statistics_combination_distinct_cells_fold() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  sited statistics_folded_period[];
  operated statistics_folded_period[];
  p statistics_folded_period;
BEGIN
  WITH keys AS (SELECT DISTINCT organisation_id, span, period, verified, forces, site_id FROM statistics_combination_site_cells WHERE NOT folded),
  gone AS (
    DELETE FROM statistics_combination_site_cells c USING keys k
    WHERE c.organisation_id = k.organisation_id AND c.span = k.span AND c.period = k.period AND c.verified = k.verified AND c.forces = k.forces AND c.site_id = k.site_id
    RETURNING c.*
  ),
  kept AS (
    INSERT INTO statistics_combination_site_cells (organisation_id, span, period, verified, forces, site_id, folded, evictions)
    SELECT organisation_id, span, period, verified, forces, site_id, true, sum(evictions) FROM gone
    GROUP BY organisation_id, span, period, verified, forces, site_id HAVING sum(evictions) <> 0
  )
  SELECT array_agg(DISTINCT (g.organisation_id, g.span, g.period)::statistics_folded_period) FILTER (WHERE g.span <> 'day') INTO sited FROM gone g;
  WITH keys AS (SELECT DISTINCT organisation_id, span, period, verified, forces, operation_id FROM statistics_combination_operation_cells WHERE NOT folded),
  gone AS (
    DELETE FROM statistics_combination_operation_cells c USING keys k
    WHERE c.organisation_id = k.organisation_id AND c.span = k.span AND c.period = k.period AND c.verified = k.verified AND c.forces = k.forces AND c.operation_id = k.operation_id
    RETURNING c.*
  ),
  kept AS (
    INSERT INTO statistics_combination_operation_cells (organisation_id, span, period, verified, forces, operation_id, folded, evictions)
    SELECT organisation_id, span, period, verified, forces, operation_id, true, sum(evictions) FROM gone
    GROUP BY organisation_id, span, period, verified, forces, operation_id HAVING sum(evictions) <> 0
  )
  SELECT array_agg(DISTINCT (g.organisation_id, g.span, g.period)::statistics_folded_period) FILTER (WHERE g.span <> 'day') INTO operated FROM gone g;
  FOR p IN SELECT DISTINCT x.* FROM unnest(coalesce(sited, '{}') || coalesce(operated, '{}')) AS x LOOP
    PERFORM statistics_corps_series_counts_recount(p.organisation_id, p.span, p.period);
  END LOOP;
END $$;

-- statistics_combination_cells_fold (20l-01) calls it in place of its own two statements, under its
-- lock: one writer of those folded cells. Rewritten from its definition; a definition that differs fails here.
DO $$
DECLARE
  src text;
  statement text := $s$  WITH keys AS (SELECT DISTINCT organisation_id, span, period, verified, forces, site_id FROM statistics_combination_site_cells WHERE NOT folded),
  gone AS (
    DELETE FROM statistics_combination_site_cells c USING keys k
    WHERE c.organisation_id = k.organisation_id AND c.span = k.span AND c.period = k.period AND c.verified = k.verified AND c.forces = k.forces AND c.site_id = k.site_id
    RETURNING c.*
  )
  INSERT INTO statistics_combination_site_cells (organisation_id, span, period, verified, forces, site_id, folded, evictions)
  SELECT organisation_id, span, period, verified, forces, site_id, true, sum(evictions) FROM gone
  GROUP BY organisation_id, span, period, verified, forces, site_id HAVING sum(evictions) <> 0;
  WITH keys AS (SELECT DISTINCT organisation_id, span, period, verified, forces, operation_id FROM statistics_combination_operation_cells WHERE NOT folded),
  gone AS (
    DELETE FROM statistics_combination_operation_cells c USING keys k
    WHERE c.organisation_id = k.organisation_id AND c.span = k.span AND c.period = k.period AND c.verified = k.verified AND c.forces = k.forces AND c.operation_id = k.operation_id
    RETURNING c.*
  )
  INSERT INTO statistics_combination_operation_cells (organisation_id, span, period, verified, forces, operation_id, folded, evictions)
  SELECT organisation_id, span, period, verified, forces, operation_id, true, sum(evictions) FROM gone
  GROUP BY organisation_id, span, period, verified, forces, operation_id HAVING sum(evictions) <> 0;$s$;
BEGIN
  SELECT pg_get_functiondef(p.oid) INTO src FROM pg_proc p WHERE p.proname = 'statistics_combination_cells_fold' AND p.pronamespace = 'public'::regnamespace;
  IF position(statement IN src) = 0 OR position(statement IN substr(src, position(statement IN src) + 1)) > 0 THEN
    RAISE EXCEPTION 'statistics_combination_cells_fold: its statements for the site and operation cells are not there exactly once';
  END IF;
  EXECUTE replace(src, statement, '  PERFORM statistics_combination_distinct_cells_fold();');
END $$;

-- Every organisation's counts from its cells so far.
SELECT statistics_corps_series_counts_recount(o.id, NULL, NULL) FROM organisations o;

ALTER TABLE statistics_corps_series_counts ENABLE ROW LEVEL SECURITY;
CREATE POLICY organisation_isolation ON statistics_corps_series_counts
  USING (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid);
-- Readers read; only the fold counts.
GRANT SELECT ON statistics_corps_series_counts TO vigie_app;
ANALYZE statistics_corps_series_counts;
