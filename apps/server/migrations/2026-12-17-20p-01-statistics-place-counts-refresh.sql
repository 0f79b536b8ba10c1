-- Statistics (issue 20, item 3): one refresh of the stored distinct-operation counts, for both folds.
--
-- Two folds keep distinct operations per place: the operation × site cells' fold the place counts
-- (20i-01, weeks since 20o-01) and the place operation cells' fold the legal-basis counts (20o-02).
-- Each ended with the same steps, written twice: every period of an organisation whose sites moved
-- since its counts were made, else each period the fold changed, then the sites version recorded.
-- Those steps decide when a reader may trust the counts, so they are written once here, given the
-- family's recount function and state table; the folds keep only what differs (their cells).

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

-- Called by statistics_place_cells_fold (20o-02), under its lock.
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
END $$;
