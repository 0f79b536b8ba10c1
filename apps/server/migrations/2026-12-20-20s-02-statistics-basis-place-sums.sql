-- Statistics (issue 20, item 3): the eviction sums, distinct sites and items of each commune and
-- area per legal basis, per calendar month and year, kept by the fold.
--
-- A breakdown by legal basis within a place (the Calaisis' "cette année" by basis, the annual
-- report's table of bases per area) read the place cells of 20m-01 — per site, legal basis and
-- force combination — for its sums, its distinct sites and its items: ≈ 365 ms for the Calaisis
-- to date at a million evictions on the bench machine, the slowest figure of the dashboard's
-- presets. Its distinct operations are stored per place and basis already (20o-02). As 20r-01 did
-- per corps present, the folds of the place cells and of the place item cells now also sum, in
-- their own transaction, every commune and area per legal basis for each month and year they
-- folded (statistics_place_counts_refresh, 20p-01); a reader uses them for a breakdown by basis
-- within one commune or area, without a force filter, while those periods have no unfolded cells
-- of their family and the sites have not moved since. Sums add up over several months and years;
-- distinct sites are counted per period, once for verified evictions and once with drafts.

CREATE TABLE statistics_basis_place_sums (
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  span text NOT NULL CHECK (span IN ('month', 'year')),
  period date NOT NULL,
  -- false: verified evictions only; true: drafts and submitted ones too (a filter's includeDrafts).
  with_drafts boolean NOT NULL,
  place_kind text NOT NULL CHECK (place_kind IN ('commune', 'area')),
  -- A commune's INSEE code or an area id.
  place text NOT NULL,
  -- coalesce(legal_basis_category, 'unknown'), as in the cells.
  legal_basis text NOT NULL,
  sites integer NOT NULL,
  -- The 34 sums of statistics_place_cells.sums (20n-01), in its order.
  sums bigint[] NOT NULL,
  -- A reader asks one place's bases, for each month or year of a period.
  PRIMARY KEY (organisation_id, span, period, with_drafts, place_kind, place, legal_basis)
);
CREATE TABLE statistics_basis_place_sums_state (
  organisation_id uuid PRIMARY KEY REFERENCES organisations(id),
  sites_version bigint NOT NULL
);

CREATE TABLE statistics_basis_place_item_sums (
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  span text NOT NULL CHECK (span IN ('month', 'year')),
  period date NOT NULL,
  place_kind text NOT NULL CHECK (place_kind IN ('commune', 'area')),
  place text NOT NULL,
  legal_basis text NOT NULL,
  verified boolean NOT NULL,
  kind text NOT NULL,
  term text NOT NULL,
  is_part boolean NOT NULL,
  tallies bigint NOT NULL,
  n bigint NOT NULL,
  at_least bigint NOT NULL,
  PRIMARY KEY (organisation_id, span, period, place_kind, place, legal_basis, verified, kind, term, is_part)
);
CREATE TABLE statistics_basis_place_item_state (
  organisation_id uuid PRIMARY KEY REFERENCES organisations(id),
  sites_version bigint NOT NULL
);

-- One organisation's sums (one span and period, or all of them when null) from its place cells,
-- folded or not, and the sites' places as they are now: per site and basis first, over the force
-- combinations, so that a site counts once when its evictions there add up to more than zero.
DO $$
DECLARE
  summed text := (SELECT string_agg(format('sum(c.sums[%s])', i), ', ' ORDER BY i) FROM generate_series(1, 34) i);
BEGIN
  EXECUTE format($f$
CREATE FUNCTION statistics_basis_place_sums_recount(org uuid, only_span text, only_period date) RETURNS void LANGUAGE plpgsql
SET work_mem = '64MB' AS $b$
BEGIN
  DELETE FROM statistics_basis_place_sums c WHERE c.organisation_id = org
    AND (only_span IS NULL OR (c.span = only_span AND c.period = only_period));
  INSERT INTO statistics_basis_place_sums (organisation_id, span, period, with_drafts, place_kind, place, legal_basis, sites, sums)
  SELECT org, c.span, c.period, c.with_drafts, CASE WHEN GROUPING(s.commune_insee) = 0 THEN 'commune' ELSE 'area' END,
    CASE WHEN GROUPING(s.commune_insee) = 0 THEN s.commune_insee ELSE s.area_id::text END, c.legal_basis,
    count(*) FILTER (WHERE c.sums[1] > 0), ARRAY[%1$s]
  FROM (
    SELECT c.span, c.period, c.site_id, c.legal_basis, d.with_drafts, ARRAY[%1$s] AS sums
    FROM statistics_place_cells c CROSS JOIN (VALUES (false), (true)) AS d(with_drafts)
    WHERE c.organisation_id = org AND (only_span IS NULL OR (c.span = only_span AND c.period = only_period)) AND (c.verified OR d.with_drafts)
    GROUP BY 1, 2, 3, 4, 5
  ) c JOIN sites s ON s.id = c.site_id
  GROUP BY c.span, c.period, c.legal_basis, c.with_drafts, GROUPING SETS ((s.commune_insee), (s.area_id))
  HAVING sum(c.sums[1]) <> 0;
END $b$;$f$, summed);
END $$;

-- The same for the items, from the place item cells.
CREATE FUNCTION statistics_basis_place_item_sums_recount(org uuid, only_span text, only_period date) RETURNS void LANGUAGE plpgsql
SET work_mem = '64MB' AS $$
BEGIN
  DELETE FROM statistics_basis_place_item_sums c WHERE c.organisation_id = org
    AND (only_span IS NULL OR (c.span = only_span AND c.period = only_period));
  INSERT INTO statistics_basis_place_item_sums (organisation_id, span, period, place_kind, place, legal_basis, verified, kind, term, is_part, tallies, n, at_least)
  SELECT org, c.span, c.period,
    CASE WHEN GROUPING(s.commune_insee) = 0 THEN 'commune' ELSE 'area' END,
    CASE WHEN GROUPING(s.commune_insee) = 0 THEN s.commune_insee ELSE s.area_id::text END,
    c.legal_basis, c.verified, c.kind, c.term, c.is_part, sum(c.tallies), sum(c.n), sum(c.at_least)
  FROM statistics_place_item_cells c JOIN sites s ON s.id = c.site_id
  WHERE c.organisation_id = org AND (only_span IS NULL OR (c.span = only_span AND c.period = only_period))
  GROUP BY c.span, c.period, c.legal_basis, c.verified, c.kind, c.term, c.is_part, GROUPING SETS ((s.commune_insee), (s.area_id))
  HAVING sum(c.tallies) <> 0;
END $$;

-- The place cells' fold (20r-01's statistics_place_sum_cells_fold) and the place item cells' fold
-- refresh the bases' sums of the periods they changed, after the corps' (each anchor exactly once).
DO $$
DECLARE
  fold record;
  src text;
BEGIN
  FOR fold IN SELECT * FROM (VALUES
    ('statistics_place_sum_cells_fold', 'statistics_corps_place_sums_recount', 'statistics_corps_place_sums_state',
      'statistics_basis_place_sums_recount', 'statistics_basis_place_sums_state'),
    ('statistics_place_item_cells_fold', 'statistics_corps_place_item_sums_recount', 'statistics_corps_place_item_state',
      'statistics_basis_place_item_sums_recount', 'statistics_basis_place_item_state')) AS f(fn, corps_recount, corps_state, recount, state)
  LOOP
    DECLARE
      anchor text := format('  PERFORM statistics_place_counts_refresh(changed, %L, %L);', fold.corps_recount, fold.corps_state);
    BEGIN
      src := pg_get_functiondef(fold.fn::regproc);
      IF position(anchor IN src) = 0 OR position(anchor IN substr(src, position(anchor IN src) + 1)) > 0 THEN
        RAISE EXCEPTION '%: its refresh of the corps sums is not there exactly once', fold.fn;
      END IF;
      EXECUTE replace(src, anchor, anchor || format('
  PERFORM statistics_place_counts_refresh(changed, %L, %L);', fold.recount, fold.state));
    END;
  END LOOP;
END $$;

-- Every organisation's sums from its cells so far, under its current sites version.
SELECT statistics_basis_place_sums_recount(o.id, NULL, NULL), statistics_basis_place_item_sums_recount(o.id, NULL, NULL) FROM organisations o;
INSERT INTO statistics_basis_place_sums_state (organisation_id, sites_version)
SELECT o.id, coalesce(v.version, 0) FROM organisations o LEFT JOIN statistics_site_versions v ON v.organisation_id = o.id;
INSERT INTO statistics_basis_place_item_state (organisation_id, sites_version)
SELECT o.id, coalesce(v.version, 0) FROM organisations o LEFT JOIN statistics_site_versions v ON v.organisation_id = o.id;

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['statistics_basis_place_sums', 'statistics_basis_place_sums_state', 'statistics_basis_place_item_sums', 'statistics_basis_place_item_state'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY organisation_isolation ON %I
      USING (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid)$p$, t);
    -- Readers read; only the fold sums.
    EXECUTE format('GRANT SELECT ON %I TO vigie_app', t);
  END LOOP;
END $$;
ANALYZE statistics_basis_place_sums;
ANALYZE statistics_basis_place_item_sums;
