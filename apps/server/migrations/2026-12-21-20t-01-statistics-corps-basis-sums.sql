-- Statistics (issue 20, item 3): the eviction sums and distinct sites per legal basis where one
-- force corps was present, over every place, per calendar month and year, and each site's
-- evictions there per month, kept by the fold.
--
-- "Where the CRS was present, by legal basis" (the dashboard's breakdown under a force filter, the
-- annual report's table of bases per corps) summed the place cells of 20m-01 — per site, legal
-- basis and force combination — twice: ≈ 190,000 rows for ten months with the CRS at a million
-- evictions, 160–200 ms on the bench machine, the slowest of the dashboard's "cette année" and
-- "12 derniers mois" under a force filter. Its distinct operations (20p-01) and its items (20q-04,
-- without the site) are stored already. As 20r-01 did per place and 20s-02 per basis within a
-- place, the fold of the place cells now also sums, in its own transaction, every legal basis per
-- corps present for each month and year it folded; a reader uses them for a breakdown by basis
-- under a filter on one corps, without a place, while those periods have no unfolded place cells.
-- No site's place enters the sums, but the state keeps the sites version all the same: the fold's
-- refresh (statistics_place_counts_refresh, 20p-01) is shared, and a reader's condition with it.
-- A cell with several corps counts once for each; distinct sites are counted per period, once for
-- verified evictions and once with drafts.

CREATE TABLE statistics_corps_basis_sums (
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  span text NOT NULL CHECK (span IN ('month', 'year')),
  period date NOT NULL,
  -- A force corps present at the evictions summed.
  corps text NOT NULL,
  -- false: verified evictions only; true: drafts and submitted ones too (a filter's includeDrafts).
  with_drafts boolean NOT NULL,
  -- coalesce(legal_basis_category, 'unknown'), as in the cells.
  legal_basis text NOT NULL,
  sites integer NOT NULL,
  -- The 34 sums of statistics_place_cells.sums (20n-01), in its order.
  sums bigint[] NOT NULL,
  -- A reader asks one corps' bases, for each month or year of a period.
  PRIMARY KEY (organisation_id, span, period, corps, with_drafts, legal_basis)
);
-- Distinct sites over several months are not a sum: the evictions of each site per calendar month,
-- corps present and basis, verified or not, which a reader counts over the months it asks (the
-- place cells' index entries carry the 34 sums: ≈ 90,000 of them for the CRS's twelve months took
-- 50–107 ms, for ≈ 20,000 rows here).
CREATE TABLE statistics_corps_basis_sites (
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  span text NOT NULL CHECK (span = 'month'),
  period date NOT NULL,
  corps text NOT NULL,
  verified boolean NOT NULL,
  legal_basis text NOT NULL,
  -- No foreign key, as in the cells: a merged site's old rows must not hold its deletion back.
  site_id uuid NOT NULL,
  evictions bigint NOT NULL,
  -- A reader asks one corps over a range of months: read from this index alone.
  PRIMARY KEY (organisation_id, span, period, corps, verified, legal_basis, site_id) INCLUDE (evictions)
);
CREATE TABLE statistics_corps_basis_sums_state (
  organisation_id uuid PRIMARY KEY REFERENCES organisations(id),
  sites_version bigint NOT NULL
);

-- One organisation's sums (one span and period, or all of them when null) from its place cells,
-- folded or not: per site, corps and basis first, over the force combinations, so that a site
-- counts once when its evictions there add up to more than zero.
DO $$
DECLARE
  summed text := (SELECT string_agg(format('sum(c.sums[%s])', i), ', ' ORDER BY i) FROM generate_series(1, 34) i);
BEGIN
  EXECUTE format($f$
CREATE FUNCTION statistics_corps_basis_sums_recount(org uuid, only_span text, only_period date) RETURNS void LANGUAGE plpgsql
SET work_mem = '64MB' AS $b$
BEGIN
  DELETE FROM statistics_corps_basis_sums c WHERE c.organisation_id = org
    AND (only_span IS NULL OR (c.span = only_span AND c.period = only_period));
  INSERT INTO statistics_corps_basis_sums (organisation_id, span, period, corps, with_drafts, legal_basis, sites, sums)
  SELECT org, c.span, c.period, c.corps, c.with_drafts, c.legal_basis, count(*) FILTER (WHERE c.sums[1] > 0), ARRAY[%1$s]
  FROM (
    SELECT c.span, c.period, c.site_id, corps, c.legal_basis, d.with_drafts, ARRAY[%1$s] AS sums
    FROM statistics_place_cells c CROSS JOIN LATERAL unnest(c.forces) AS corps CROSS JOIN (VALUES (false), (true)) AS d(with_drafts)
    WHERE c.organisation_id = org AND (only_span IS NULL OR (c.span = only_span AND c.period = only_period)) AND (c.verified OR d.with_drafts)
    GROUP BY 1, 2, 3, 4, 5, 6
  ) c
  GROUP BY c.span, c.period, c.corps, c.with_drafts, c.legal_basis
  HAVING sum(c.sums[1]) <> 0;
  IF only_span IS NULL OR only_span = 'month' THEN
    DELETE FROM statistics_corps_basis_sites c WHERE c.organisation_id = org AND (only_span IS NULL OR c.period = only_period);
    INSERT INTO statistics_corps_basis_sites (organisation_id, span, period, corps, verified, legal_basis, site_id, evictions)
    SELECT org, 'month', c.period, corps, c.verified, c.legal_basis, c.site_id, sum(c.sums[1])
    FROM statistics_place_cells c CROSS JOIN LATERAL unnest(c.forces) AS corps
    WHERE c.organisation_id = org AND c.span = 'month' AND (only_span IS NULL OR c.period = only_period)
    GROUP BY c.period, corps, c.verified, c.legal_basis, c.site_id
    HAVING sum(c.sums[1]) <> 0;
  END IF;
END $b$;$f$, summed);
END $$;

-- The place cells' fold (20r-01's statistics_place_sum_cells_fold) refreshes them for the periods it
-- changed, after the bases' sums per place (20s-02; that anchor exactly once).
DO $$
DECLARE
  src text := pg_get_functiondef('statistics_place_sum_cells_fold'::regproc);
  anchor text := '  PERFORM statistics_place_counts_refresh(changed, ''statistics_basis_place_sums_recount'', ''statistics_basis_place_sums_state'');';
BEGIN
  IF position(anchor IN src) = 0 OR position(anchor IN substr(src, position(anchor IN src) + 1)) > 0 THEN
    RAISE EXCEPTION 'statistics_place_sum_cells_fold: its refresh of the bases'' sums is not there exactly once';
  END IF;
  EXECUTE replace(src, anchor, anchor || '
  PERFORM statistics_place_counts_refresh(changed, ''statistics_corps_basis_sums_recount'', ''statistics_corps_basis_sums_state'');');
END $$;

-- Every organisation's sums from its cells so far, under its current sites version.
SELECT statistics_corps_basis_sums_recount(o.id, NULL, NULL) FROM organisations o;
INSERT INTO statistics_corps_basis_sums_state (organisation_id, sites_version)
SELECT o.id, coalesce(v.version, 0) FROM organisations o LEFT JOIN statistics_site_versions v ON v.organisation_id = o.id;

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['statistics_corps_basis_sums', 'statistics_corps_basis_sites', 'statistics_corps_basis_sums_state'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY organisation_isolation ON %I
      USING (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid)$p$, t);
    -- Readers read; only the fold sums.
    EXECUTE format('GRANT SELECT ON %I TO vigie_app', t);
  END LOOP;
END $$;
ANALYZE statistics_corps_basis_sums;
ANALYZE statistics_corps_basis_sites;
