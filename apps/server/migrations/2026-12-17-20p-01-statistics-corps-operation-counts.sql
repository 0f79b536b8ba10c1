-- Statistics (issue 20, item 3): distinct operations where a force corps was present, stored;
-- and one refresh of the stored distinct-operation counts for every family.
--
-- Under a force filter ("where the CRS was present"), places and legal bases count their distinct
-- operations from the place operation cells of 20m-01: for the CRS's 2025 by legal basis at a
-- million evictions, ≈ 47,000 (site, legal basis, combination, operation) rows hashed into ≈ 37,000
-- (basis, operation) pairs, 35-60 ms of the breakdown; its summary read ≈ 31,000 combination
-- operation cells for each of two years. Like the place counts (20i-01) and the legal-basis counts
-- (20o-02), the fold of those cells now also counts, for each corps, the distinct operations of
-- every site, commune, area and of all places, per legal basis and for any basis, per calendar
-- month and year it folded. A reader uses them only for a filter on one corps present (the
-- dashboard's), while the period has no unfolded cells and the sites have not moved since; other
-- force filters (several corps, corps absent) read the cells as before.
--
-- The folds that keep such counts ended with the same steps, written twice (20i-01, 20o-02): every
-- period of an organisation whose sites moved since its counts were made, else each period the
-- fold changed, then the sites version recorded. Those steps decide when a reader may trust the
-- counts, so they are written once here, given the family's recount function and state table.

CREATE TABLE statistics_corps_operation_counts (
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  span text NOT NULL CHECK (span IN ('month', 'year')),
  period date NOT NULL,
  -- A force corps present at the evictions counted.
  corps text NOT NULL,
  place_kind text NOT NULL CHECK (place_kind IN ('all', 'site', 'commune', 'area')),
  -- A site or area id, a commune's INSEE code, '' for all places.
  place text NOT NULL,
  -- coalesce(legal_basis_category, 'unknown') as in the cells, '' for any basis.
  legal_basis text NOT NULL,
  verified_operations integer NOT NULL,
  all_operations integer NOT NULL,
  PRIMARY KEY (organisation_id, span, period, corps, place_kind, place, legal_basis)
);
-- The sites version these counts were made under (written by the fold only).
CREATE TABLE statistics_corps_count_state (
  organisation_id uuid PRIMARY KEY REFERENCES organisations(id),
  sites_version bigint NOT NULL
);

-- One organisation's counts (one span and period, or all of them when null) from its place
-- operation cells: an operation counts for a corps at a site and basis when its evictions there
-- with that corps present add up to more than zero (delta rows of any combination with the corps
-- summed), and once across the sites and bases of a wider group. Delta rows committed since the
-- fold began are counted too: harmless, as in 20i-01.
CREATE FUNCTION statistics_corps_operation_counts_recount(org uuid, only_span text, only_period date) RETURNS void LANGUAGE plpgsql
SET work_mem = '64MB' AS $$
BEGIN
  DELETE FROM statistics_corps_operation_counts c WHERE c.organisation_id = org
    AND (only_span IS NULL OR (c.span = only_span AND c.period = only_period));
  INSERT INTO statistics_corps_operation_counts (organisation_id, span, period, corps, place_kind, place, legal_basis, verified_operations, all_operations)
  WITH pairs AS (
    SELECT c.span, c.period, c.site_id, c.legal_basis, corps, c.operation_id, coalesce(sum(c.evictions) FILTER (WHERE c.verified), 0) > 0 AS v
    FROM statistics_place_operation_cells c CROSS JOIN LATERAL unnest(c.forces) AS corps
    WHERE c.organisation_id = org AND (only_span IS NULL OR (c.span = only_span AND c.period = only_period))
    GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(c.evictions) > 0
  ), placed AS (
    SELECT p.*, s.commune_insee, s.area_id FROM pairs p JOIN sites s ON s.id = p.site_id
  )
  SELECT org, span, period, corps,
    CASE WHEN GROUPING(site_id) = 0 THEN 'site' WHEN GROUPING(commune_insee) = 0 THEN 'commune' WHEN GROUPING(area_id) = 0 THEN 'area' ELSE 'all' END,
    CASE WHEN GROUPING(site_id) = 0 THEN site_id::text WHEN GROUPING(commune_insee) = 0 THEN commune_insee WHEN GROUPING(area_id) = 0 THEN area_id::text ELSE '' END,
    CASE WHEN GROUPING(legal_basis) = 0 THEN legal_basis ELSE '' END,
    count(DISTINCT operation_id) FILTER (WHERE v), count(DISTINCT operation_id)
  FROM placed
  GROUP BY span, period, corps, GROUPING SETS ((site_id, legal_basis), (site_id), (commune_insee, legal_basis), (commune_insee),
    (area_id, legal_basis), (area_id), (legal_basis), ());
END $$;

CREATE FUNCTION statistics_place_counts_refresh(changed statistics_folded_period[], recount regproc, state regclass) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  p statistics_folded_period;
  o record;
  rebuilt uuid[] := '{}';
BEGIN
  -- Organisations whose sites moved since their counts were made (or never counted): every period.
  -- The version is read before counting, so a site moved meanwhile leaves the counts marked older
  -- than the sites (readers skip them; the next fold counts again), never the other way round.
  FOR o IN EXECUTE format($q$
    SELECT x.organisation_id, coalesce(v.version, 0) AS version
    FROM (SELECT organisation_id FROM statistics_site_versions UNION SELECT f.organisation_id FROM unnest($1::statistics_folded_period[]) AS f) x
    LEFT JOIN statistics_site_versions v ON v.organisation_id = x.organisation_id
    LEFT JOIN %s st ON st.organisation_id = x.organisation_id
    WHERE st.sites_version IS DISTINCT FROM coalesce(v.version, 0)$q$, state) USING changed
  LOOP
    EXECUTE format('SELECT %s($1, NULL, NULL)', recount) USING o.organisation_id;
    EXECUTE format($q$INSERT INTO %s AS st (organisation_id, sites_version) VALUES ($1, $2)
      ON CONFLICT (organisation_id) DO UPDATE SET sites_version = excluded.sites_version$q$, state) USING o.organisation_id, o.version;
    rebuilt := rebuilt || o.organisation_id;
  END LOOP;
  FOREACH p IN ARRAY coalesce(changed, '{}') LOOP
    IF NOT p.organisation_id = ANY (rebuilt) THEN
      EXECUTE format('SELECT %s($1, $2, $3)', recount) USING p.organisation_id, p.span, p.period;
    END IF;
  END LOOP;
END $$;

CREATE OR REPLACE FUNCTION statistics_site_operation_cells_fold() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  changed statistics_folded_period[];
BEGIN
  IF NOT pg_try_advisory_xact_lock(hashtext('statistics_site_operation_cells_fold')) THEN RETURN; END IF;
  WITH keys AS (SELECT DISTINCT organisation_id, span, period, site_id, operation_id, verified FROM statistics_site_operation_cells WHERE NOT folded),
  gone AS (
    DELETE FROM statistics_site_operation_cells c USING keys k
    WHERE c.organisation_id = k.organisation_id AND c.span = k.span AND c.period = k.period AND c.site_id = k.site_id
      AND c.operation_id = k.operation_id AND c.verified = k.verified
    RETURNING c.*
  ),
  kept AS (
    INSERT INTO statistics_site_operation_cells (organisation_id, span, period, site_id, operation_id, verified, folded, evictions)
    SELECT organisation_id, span, period, site_id, operation_id, verified, true, sum(evictions) FROM gone
    GROUP BY organisation_id, span, period, site_id, operation_id, verified HAVING sum(evictions) <> 0
  )
  SELECT array_agg(DISTINCT (g.organisation_id, g.span, g.period)::statistics_folded_period) INTO changed FROM gone g;
  PERFORM statistics_place_counts_refresh(changed, 'statistics_place_operation_counts_recount', 'statistics_place_count_state');
END $$;

-- Called by statistics_place_cells_fold (20o-02), under its lock: the legal-basis and corps counts of the same cells.
CREATE OR REPLACE FUNCTION statistics_place_operation_cells_fold() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  changed statistics_folded_period[];
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
  PERFORM statistics_place_counts_refresh(changed, 'statistics_place_basis_operation_counts_recount', 'statistics_place_basis_count_state');
  PERFORM statistics_place_counts_refresh(changed, 'statistics_corps_operation_counts_recount', 'statistics_corps_count_state');
END $$;

-- Every organisation's counts from its cells so far, under its current sites version.
SELECT statistics_corps_operation_counts_recount(o.id, NULL, NULL) FROM organisations o;
INSERT INTO statistics_corps_count_state (organisation_id, sites_version)
SELECT o.id, coalesce(v.version, 0) FROM organisations o LEFT JOIN statistics_site_versions v ON v.organisation_id = o.id;

-- Whether a period has unfolded cells (the place operation cells' index by period, 20o-02) is what readers check first.
ALTER TABLE statistics_corps_operation_counts ENABLE ROW LEVEL SECURITY;
CREATE POLICY organisation_isolation ON statistics_corps_operation_counts
  USING (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid);
ALTER TABLE statistics_corps_count_state ENABLE ROW LEVEL SECURITY;
CREATE POLICY organisation_isolation ON statistics_corps_count_state
  USING (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid);
-- Readers read; only the fold counts.
GRANT SELECT ON statistics_corps_operation_counts, statistics_corps_count_state TO vigie_app;
ANALYZE statistics_corps_operation_counts;
