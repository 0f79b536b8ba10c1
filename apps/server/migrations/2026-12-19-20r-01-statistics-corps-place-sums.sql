-- Statistics (issue 20, item 3): the eviction sums, distinct sites and items of each commune and
-- area where one force corps was present, per calendar month and year, kept by the fold.
--
-- "Where the CRS was present", by commune (the dashboard's map and the annual report's table under
-- a force filter), read the place cells of 20m-01, which are per site, legal basis and force
-- combination: for the CRS's 2025 at a million evictions, the 34 packed sums of every (site, basis,
-- combination) row with the CRS, twice (the sums, then the distinct sites), and the items of every
-- (site, basis, combination, term) row: ≈ 48 ms for the evictions and 45 ms for the items, of a
-- breakdown at ≈ 97 ms on the bench machine. The distinct operations of the same breakdown are
-- already stored per corps and place (20p-01). Like those counts, a commune's or an area's sums
-- depend on where each site is: the folds of the place cells and of the place item cells now also
-- sum, in their own transaction, every commune and area per corps present for each month and year
-- they folded (statistics_place_counts_refresh, 20p-01), and a reader uses them only for a filter
-- on one corps present, while that period has no unfolded cells of their family and the sites have
-- not moved since. A cell with several corps counts once for each; distinct sites are counted per
-- period, once for verified evictions and once with drafts.

CREATE TABLE statistics_corps_place_sums (
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  span text NOT NULL CHECK (span IN ('month', 'year')),
  period date NOT NULL,
  -- A force corps present at the evictions summed.
  corps text NOT NULL,
  -- false: verified evictions only; true: drafts and submitted ones too (a filter's includeDrafts).
  with_drafts boolean NOT NULL,
  place_kind text NOT NULL CHECK (place_kind IN ('commune', 'area')),
  -- A commune's INSEE code or an area id.
  place text NOT NULL,
  sites integer NOT NULL,
  -- The 34 sums of statistics_place_cells.sums (20n-01), in its order.
  sums bigint[] NOT NULL,
  -- A reader asks one period and corps, every commune or area (or one).
  PRIMARY KEY (organisation_id, span, period, corps, with_drafts, place_kind, place)
);
CREATE TABLE statistics_corps_place_sums_state (
  organisation_id uuid PRIMARY KEY REFERENCES organisations(id),
  sites_version bigint NOT NULL
);

CREATE TABLE statistics_corps_place_item_sums (
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  span text NOT NULL CHECK (span IN ('month', 'year')),
  period date NOT NULL,
  corps text NOT NULL,
  place_kind text NOT NULL CHECK (place_kind IN ('commune', 'area')),
  place text NOT NULL,
  verified boolean NOT NULL,
  kind text NOT NULL,
  term text NOT NULL,
  is_part boolean NOT NULL,
  tallies bigint NOT NULL,
  n bigint NOT NULL,
  at_least bigint NOT NULL,
  PRIMARY KEY (organisation_id, span, period, corps, place_kind, place, verified, kind, term, is_part)
);
CREATE TABLE statistics_corps_place_item_state (
  organisation_id uuid PRIMARY KEY REFERENCES organisations(id),
  sites_version bigint NOT NULL
);

-- One organisation's sums (one span and period, or all of them when null) from its place cells,
-- folded or not, and the sites' places as they are now: per site and corps first, so that a site
-- counts once when its evictions there add up to more than zero. The 34 sums are written out from
-- the packed array, so the function is made here.
DO $$
DECLARE
  summed text := (SELECT string_agg(format('sum(c.sums[%s])', i), ', ' ORDER BY i) FROM generate_series(1, 34) i);
BEGIN
  EXECUTE format($f$
CREATE FUNCTION statistics_corps_place_sums_recount(org uuid, only_span text, only_period date) RETURNS void LANGUAGE plpgsql
SET work_mem = '64MB' AS $b$
BEGIN
  DELETE FROM statistics_corps_place_sums c WHERE c.organisation_id = org
    AND (only_span IS NULL OR (c.span = only_span AND c.period = only_period));
  INSERT INTO statistics_corps_place_sums (organisation_id, span, period, corps, with_drafts, place_kind, place, sites, sums)
  SELECT org, c.span, c.period, c.corps, c.with_drafts, CASE WHEN GROUPING(s.commune_insee) = 0 THEN 'commune' ELSE 'area' END,
    CASE WHEN GROUPING(s.commune_insee) = 0 THEN s.commune_insee ELSE s.area_id::text END,
    count(*) FILTER (WHERE c.sums[1] > 0), ARRAY[%1$s]
  FROM (
    SELECT c.span, c.period, c.site_id, corps, d.with_drafts, ARRAY[%1$s] AS sums
    FROM statistics_place_cells c CROSS JOIN LATERAL unnest(c.forces) AS corps CROSS JOIN (VALUES (false), (true)) AS d(with_drafts)
    WHERE c.organisation_id = org AND (only_span IS NULL OR (c.span = only_span AND c.period = only_period)) AND (c.verified OR d.with_drafts)
    GROUP BY 1, 2, 3, 4, 5
  ) c JOIN sites s ON s.id = c.site_id
  GROUP BY c.span, c.period, c.corps, c.with_drafts, GROUPING SETS ((s.commune_insee), (s.area_id))
  HAVING sum(c.sums[1]) <> 0;
END $b$;$f$, summed);
END $$;

-- The same for the items, from the place item cells.
CREATE FUNCTION statistics_corps_place_item_sums_recount(org uuid, only_span text, only_period date) RETURNS void LANGUAGE plpgsql
SET work_mem = '64MB' AS $$
BEGIN
  DELETE FROM statistics_corps_place_item_sums c WHERE c.organisation_id = org
    AND (only_span IS NULL OR (c.span = only_span AND c.period = only_period));
  INSERT INTO statistics_corps_place_item_sums (organisation_id, span, period, corps, place_kind, place, verified, kind, term, is_part, tallies, n, at_least)
  SELECT org, c.span, c.period, corps,
    CASE WHEN GROUPING(s.commune_insee) = 0 THEN 'commune' ELSE 'area' END,
    CASE WHEN GROUPING(s.commune_insee) = 0 THEN s.commune_insee ELSE s.area_id::text END,
    c.verified, c.kind, c.term, c.is_part, sum(c.tallies), sum(c.n), sum(c.at_least)
  FROM statistics_place_item_cells c CROSS JOIN LATERAL unnest(c.forces) AS corps JOIN sites s ON s.id = c.site_id
  WHERE c.organisation_id = org AND (only_span IS NULL OR (c.span = only_span AND c.period = only_period))
  GROUP BY c.span, c.period, corps, c.verified, c.kind, c.term, c.is_part, GROUPING SETS ((s.commune_insee), (s.area_id))
  HAVING sum(c.tallies) <> 0;
END $$;

-- The place cells' fold (until now the first statement of statistics_place_cells_fold, 20m-01),
-- with the sums of the months and years it changed (its statement found by statistics_statement_of, 20q-01).
DO $$
DECLARE
  statement text := statistics_statement_of('statistics_place_cells_fold',
    '  WITH keys AS (SELECT DISTINCT organisation_id, span, period, site_id, verified, legal_basis, forces FROM statistics_place_cells WHERE NOT folded),',
    'sum(social_assessment_unknown) <> 0;');
  fold text := replace(substr(statement, 1, length(statement) - 1), '
  INSERT INTO statistics_place_cells', ',
  kept AS (
    INSERT INTO statistics_place_cells');
BEGIN
  IF position('kept AS' IN fold) = 0 THEN RAISE EXCEPTION 'statistics_place_cells_fold: no INSERT INTO statistics_place_cells in its statement'; END IF;
  EXECUTE format($f$
CREATE FUNCTION statistics_place_sum_cells_fold() RETURNS void LANGUAGE plpgsql AS $b$
DECLARE
  changed statistics_folded_period[];
BEGIN
%s
  )
  SELECT array_agg(DISTINCT (g.organisation_id, g.span, g.period)::statistics_folded_period) INTO changed FROM gone g;
  PERFORM statistics_place_counts_refresh(changed, 'statistics_corps_place_sums_recount', 'statistics_corps_place_sums_state');
END $b$;$f$, fold);
  -- statistics_place_cells_fold calls it in place of the statement, under its lock: one writer of folded place cells.
  EXECUTE replace(pg_get_functiondef('statistics_place_cells_fold'::regproc), statement, '  PERFORM statistics_place_sum_cells_fold();');
END $$;

-- The place item cells' fold (20q-04) refreshes the corps' items of the periods it changed too.
DO $$
DECLARE
  src text := pg_get_functiondef('statistics_place_item_cells_fold'::regproc);
  anchor text := '  FOREACH p IN ARRAY coalesce(changed, ''{}'') LOOP';
BEGIN
  IF position(anchor IN src) = 0 OR position(anchor IN substr(src, position(anchor IN src) + 1)) > 0 THEN
    RAISE EXCEPTION 'statistics_place_item_cells_fold: its loop over the changed periods is not there exactly once';
  END IF;
  EXECUTE replace(src, anchor, '  PERFORM statistics_place_counts_refresh(changed, ''statistics_corps_place_item_sums_recount'', ''statistics_corps_place_item_state'');
' || anchor);
END $$;

-- Every organisation's sums from its cells so far, under its current sites version.
SELECT statistics_corps_place_sums_recount(o.id, NULL, NULL), statistics_corps_place_item_sums_recount(o.id, NULL, NULL) FROM organisations o;
INSERT INTO statistics_corps_place_sums_state (organisation_id, sites_version)
SELECT o.id, coalesce(v.version, 0) FROM organisations o LEFT JOIN statistics_site_versions v ON v.organisation_id = o.id;
INSERT INTO statistics_corps_place_item_state (organisation_id, sites_version)
SELECT o.id, coalesce(v.version, 0) FROM organisations o LEFT JOIN statistics_site_versions v ON v.organisation_id = o.id;

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['statistics_corps_place_sums', 'statistics_corps_place_sums_state', 'statistics_corps_place_item_sums', 'statistics_corps_place_item_state'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY organisation_isolation ON %I
      USING (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid)$p$, t);
    -- Readers read; only the fold sums.
    EXECUTE format('GRANT SELECT ON %I TO vigie_app', t);
  END LOOP;
END $$;
ANALYZE statistics_corps_place_sums;
ANALYZE statistics_corps_place_item_sums;
