-- Statistics (issue 20, item 3): distinct operations per legal basis within a place, stored.
--
-- A breakdown by legal basis within a place (the Calaisis' 2025 by basis) counted its distinct
-- operations from the place operation cells of 20m-01: one (site, legal basis, force combination,
-- operation) row per eviction or so, ≈ 87,000 for that year at a million evictions, hashed into
-- ≈ 50,000 (basis, operation) pairs: 60-110 ms of the breakdown's 250 on the bench machine.
--
-- As migration 20i-01 did for places, the fold that folds those cells now also counts, in its own
-- transaction, the distinct operations of every site, commune and area per legal basis for each
-- calendar month and year it folded; a reader uses the counts only while that period has no
-- unfolded place operation cells and the counts were made under the sites' current places (a site
-- moved or deleted bumps statistics_site_versions, 20i-01; this family keeps its own state, since
-- another fold writes it). Any other period or filter (a force filter: the counts have no force
-- combination) reads the cells as before.

CREATE TABLE statistics_place_basis_operation_counts (
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  span text NOT NULL CHECK (span IN ('month', 'year')),
  period date NOT NULL,
  place_kind text NOT NULL CHECK (place_kind IN ('site', 'commune', 'area')),
  -- A site or area id, or a commune's INSEE code.
  place text NOT NULL,
  -- coalesce(legal_basis_category, 'unknown'), as in the cells.
  legal_basis text NOT NULL,
  -- Operations with verified evictions of that basis there; with any counted eviction (drafts included).
  verified_operations integer NOT NULL,
  all_operations integer NOT NULL,
  PRIMARY KEY (organisation_id, span, period, place_kind, place, legal_basis)
);
-- The sites version these counts were made under (written by the fold only).
CREATE TABLE statistics_place_basis_count_state (
  organisation_id uuid PRIMARY KEY REFERENCES organisations(id),
  sites_version bigint NOT NULL
);

-- One organisation's counts (one span and period, or all of them when null) from its place
-- operation cells, summed over force combinations, and the sites' places as they are now. Delta
-- rows committed since the fold began are counted too: harmless, as in 20i-01 (a reader that sees
-- these counts also sees those rows unfolded, so does not use them).
CREATE FUNCTION statistics_place_basis_operation_counts_recount(org uuid, only_span text, only_period date) RETURNS void LANGUAGE plpgsql
SET work_mem = '64MB' AS $$
BEGIN
  DELETE FROM statistics_place_basis_operation_counts c WHERE c.organisation_id = org
    AND (only_span IS NULL OR (c.span = only_span AND c.period = only_period));
  INSERT INTO statistics_place_basis_operation_counts (organisation_id, span, period, place_kind, place, legal_basis, verified_operations, all_operations)
  WITH pairs AS (
    SELECT c.span, c.period, c.site_id, c.legal_basis, c.operation_id, coalesce(sum(c.evictions) FILTER (WHERE c.verified), 0) > 0 AS v
    FROM statistics_place_operation_cells c
    WHERE c.organisation_id = org AND (only_span IS NULL OR (c.span = only_span AND c.period = only_period))
    GROUP BY 1, 2, 3, 4, 5 HAVING sum(c.evictions) > 0
  ), placed AS (
    SELECT p.*, s.commune_insee, s.area_id FROM pairs p JOIN sites s ON s.id = p.site_id
  )
  SELECT org, span, period, 'site', site_id::text, legal_basis, count(*) FILTER (WHERE v), count(*) FROM placed GROUP BY span, period, site_id, legal_basis
  UNION ALL
  SELECT org, span, period, 'commune', commune_insee, legal_basis, count(DISTINCT operation_id) FILTER (WHERE v), count(DISTINCT operation_id)
  FROM placed GROUP BY span, period, commune_insee, legal_basis
  UNION ALL
  SELECT org, span, period, 'area', area_id::text, legal_basis, count(DISTINCT operation_id) FILTER (WHERE v), count(DISTINCT operation_id)
  FROM placed GROUP BY span, period, area_id, legal_basis;
END $$;

-- The place operation cells' fold (until now a statement inside statistics_place_cells_fold), with
-- the counts of the periods it changed, or of every period of an organisation whose sites moved
-- since its counts were made: the same steps as statistics_site_operation_cells_fold (20i-01).
CREATE FUNCTION statistics_place_operation_cells_fold() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  changed statistics_folded_period[];
  p statistics_folded_period;
  o record;
  rebuilt uuid[] := '{}';
BEGIN
  WITH keys AS (SELECT DISTINCT organisation_id, span, period, site_id, verified, legal_basis, forces, operation_id FROM statistics_place_operation_cells WHERE NOT folded),
  gone AS (
    DELETE FROM statistics_place_operation_cells c USING keys k
    WHERE c.organisation_id = k.organisation_id AND c.span = k.span AND c.period = k.period AND c.site_id = k.site_id AND c.verified = k.verified AND c.legal_basis = k.legal_basis AND c.forces = k.forces AND c.operation_id = k.operation_id
    RETURNING c.*
  ),
  kept AS (
    INSERT INTO statistics_place_operation_cells (organisation_id, span, period, site_id, verified, legal_basis, forces, operation_id, folded, evictions)
    SELECT organisation_id, span, period, site_id, verified, legal_basis, forces, operation_id, true, sum(evictions) FROM gone
    GROUP BY organisation_id, span, period, site_id, verified, legal_basis, forces, operation_id HAVING sum(evictions) <> 0
  )
  SELECT array_agg(DISTINCT (g.organisation_id, g.span, g.period)::statistics_folded_period) INTO changed FROM gone g;
  FOR o IN
    SELECT x.organisation_id, coalesce(v.version, 0) AS version
    FROM (SELECT organisation_id FROM statistics_site_versions UNION SELECT f.organisation_id FROM unnest(changed) AS f) x
    LEFT JOIN statistics_site_versions v ON v.organisation_id = x.organisation_id
    LEFT JOIN statistics_place_basis_count_state st ON st.organisation_id = x.organisation_id
    WHERE st.sites_version IS DISTINCT FROM coalesce(v.version, 0)
  LOOP
    PERFORM statistics_place_basis_operation_counts_recount(o.organisation_id, NULL, NULL);
    INSERT INTO statistics_place_basis_count_state AS st (organisation_id, sites_version) VALUES (o.organisation_id, o.version)
    ON CONFLICT (organisation_id) DO UPDATE SET sites_version = excluded.sites_version;
    rebuilt := rebuilt || o.organisation_id;
  END LOOP;
  FOREACH p IN ARRAY coalesce(changed, '{}') LOOP
    IF NOT p.organisation_id = ANY (rebuilt) THEN
      PERFORM statistics_place_basis_operation_counts_recount(p.organisation_id, p.span, p.period);
    END IF;
  END LOOP;
END $$;

-- statistics_place_cells_fold (20m-01) calls it in place of its own statement for these cells,
-- under its lock: one writer of folded operation cells, so no fold can fold rows whose periods the
-- counts did not see. Rewritten from its definition; a definition that differs fails here.
DO $$
DECLARE
  src text;
  statement text := $s$  WITH keys AS (SELECT DISTINCT organisation_id, span, period, site_id, verified, legal_basis, forces, operation_id FROM statistics_place_operation_cells WHERE NOT folded),
  gone AS (
    DELETE FROM statistics_place_operation_cells c USING keys k
    WHERE c.organisation_id = k.organisation_id AND c.span = k.span AND c.period = k.period AND c.site_id = k.site_id AND c.verified = k.verified AND c.legal_basis = k.legal_basis AND c.forces = k.forces AND c.operation_id = k.operation_id
    RETURNING c.*
  )
  INSERT INTO statistics_place_operation_cells (organisation_id, span, period, site_id, verified, legal_basis, forces, operation_id, folded, evictions)
  SELECT organisation_id, span, period, site_id, verified, legal_basis, forces, operation_id, true, sum(evictions) FROM gone
  GROUP BY organisation_id, span, period, site_id, verified, legal_basis, forces, operation_id HAVING sum(evictions) <> 0;$s$;
BEGIN
  SELECT pg_get_functiondef(p.oid) INTO src FROM pg_proc p WHERE p.proname = 'statistics_place_cells_fold' AND p.pronamespace = 'public'::regnamespace;
  IF position(statement IN src) = 0 OR position(statement IN substr(src, position(statement IN src) + 1)) > 0 THEN
    RAISE EXCEPTION 'statistics_place_cells_fold: its statement for the place operation cells is not there exactly once';
  END IF;
  EXECUTE replace(src, statement, '  PERFORM statistics_place_operation_cells_fold();');
END $$;

-- Whether a period has unfolded cells, for the readers: by period within the organisation.
DROP INDEX statistics_place_operation_cells_unfolded_idx;
CREATE INDEX statistics_place_operation_cells_unfolded_idx ON statistics_place_operation_cells (organisation_id, span, period) WHERE NOT folded;

-- Every organisation's counts from its cells so far, under its current sites version.
SELECT statistics_place_basis_operation_counts_recount(o.id, NULL, NULL) FROM organisations o;
INSERT INTO statistics_place_basis_count_state (organisation_id, sites_version)
SELECT o.id, coalesce(v.version, 0) FROM organisations o LEFT JOIN statistics_site_versions v ON v.organisation_id = o.id;

ALTER TABLE statistics_place_basis_operation_counts ENABLE ROW LEVEL SECURITY;
CREATE POLICY organisation_isolation ON statistics_place_basis_operation_counts
  USING (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid);
ALTER TABLE statistics_place_basis_count_state ENABLE ROW LEVEL SECURITY;
CREATE POLICY organisation_isolation ON statistics_place_basis_count_state
  USING (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid);
-- Readers read; only the fold counts.
GRANT SELECT ON statistics_place_basis_operation_counts, statistics_place_basis_count_state TO vigie_app;
ANALYZE statistics_place_basis_operation_counts;
