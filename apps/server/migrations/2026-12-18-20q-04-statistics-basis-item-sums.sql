-- Statistics (issue 20, item 3): the items per legal basis and force combination, without the site,
-- per calendar month and year, kept by the fold.
--
-- A breakdown by legal basis under a force filter ("where the CRS was present", all places) summed
-- its items from the place item cells (20m-01), which are per site: ≈ 123,000 rows for 2025 at a
-- million evictions, 58 ms of the breakdown's ≈ 120 on the bench machine. Without the site the same
-- sums are ≈ 2,500 rows a year. They are plain sums over all places, so no site moved changes them:
-- the fold of the place item cells now also sums, in its own transaction, the months and years it
-- folded, and a reader uses them while that period has no unfolded place item cells.

CREATE TABLE statistics_basis_item_sums (
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  span text NOT NULL CHECK (span IN ('month', 'year')),
  period date NOT NULL,
  verified boolean NOT NULL,
  legal_basis text NOT NULL,
  forces text[] NOT NULL,
  kind text NOT NULL,
  term text NOT NULL,
  is_part boolean NOT NULL,
  tallies bigint NOT NULL,
  n bigint NOT NULL,
  at_least bigint NOT NULL,
  PRIMARY KEY (organisation_id, span, period, verified, legal_basis, forces, kind, term, is_part)
);

-- One organisation's sums (one span and period, or all of them when null) from its place item cells, folded or not.
CREATE FUNCTION statistics_basis_item_sums_recount(org uuid, only_span text, only_period date) RETURNS void LANGUAGE plpgsql
SET work_mem = '64MB' AS $$
BEGIN
  DELETE FROM statistics_basis_item_sums c WHERE c.organisation_id = org
    AND (only_span IS NULL OR (c.span = only_span AND c.period = only_period));
  INSERT INTO statistics_basis_item_sums (organisation_id, span, period, verified, legal_basis, forces, kind, term, is_part, tallies, n, at_least)
  SELECT org, c.span, c.period, c.verified, c.legal_basis, c.forces, c.kind, c.term, c.is_part, sum(c.tallies), sum(c.n), sum(c.at_least)
  FROM statistics_place_item_cells c
  WHERE c.organisation_id = org AND (only_span IS NULL OR (c.span = only_span AND c.period = only_period))
  GROUP BY c.span, c.period, c.verified, c.legal_basis, c.forces, c.kind, c.term, c.is_part
  HAVING sum(c.tallies) <> 0 OR sum(c.n) <> 0 OR sum(c.at_least) <> 0;
END $$;

-- The place item cells' fold (until now the last statement of statistics_place_cells_fold, 20m-01),
-- with the sums of the months and years it changed (its statement found by statistics_statement_of, 20q-01).
DO $$
DECLARE
  statement text := statistics_statement_of('statistics_place_cells_fold',
    '  WITH keys AS (SELECT DISTINCT organisation_id, span, period, site_id, verified, legal_basis, forces, kind, term, is_part FROM statistics_place_item_cells WHERE NOT folded),',
    'HAVING sum(tallies) <> 0 OR sum(n) <> 0 OR sum(at_least) <> 0;');
  fold text := replace(substr(statement, 1, length(statement) - 1), '
  INSERT INTO statistics_place_item_cells', ',
  kept AS (
    INSERT INTO statistics_place_item_cells');
BEGIN
  IF position('kept AS' IN fold) = 0 THEN RAISE EXCEPTION 'statistics_place_cells_fold: no INSERT INTO statistics_place_item_cells in its statement'; END IF;
  EXECUTE format($f$
CREATE FUNCTION statistics_place_item_cells_fold() RETURNS void LANGUAGE plpgsql AS $b$
DECLARE
  changed statistics_folded_period[];
  p statistics_folded_period;
BEGIN
%s
  )
  SELECT array_agg(DISTINCT (g.organisation_id, g.span, g.period)::statistics_folded_period) INTO changed FROM gone g;
  FOREACH p IN ARRAY coalesce(changed, '{}') LOOP
    PERFORM statistics_basis_item_sums_recount(p.organisation_id, p.span, p.period);
  END LOOP;
END $b$;$f$, fold);
  -- statistics_place_cells_fold calls it in place of the statement, under its lock: one writer of folded place item cells.
  EXECUTE replace(pg_get_functiondef('statistics_place_cells_fold'::regproc), statement, '  PERFORM statistics_place_item_cells_fold();');
END $$;

-- Every organisation's sums from its cells so far.
SELECT statistics_basis_item_sums_recount(o.id, NULL, NULL) FROM organisations o;

ALTER TABLE statistics_basis_item_sums ENABLE ROW LEVEL SECURITY;
CREATE POLICY organisation_isolation ON statistics_basis_item_sums
  USING (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid);
-- Readers read; only the fold sums.
GRANT SELECT ON statistics_basis_item_sums TO vigie_app;
ANALYZE statistics_basis_item_sums;
