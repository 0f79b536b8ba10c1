-- Statistics (issue 20, item 3): the items of a commune or an area per ISO week, calendar month and
-- year, kept by the fold.
--
-- The items seized and structures destroyed within a place (an area's weekly series, a commune's
-- year) were summed from the item cells per site: ≈ 110,000 site × week rows for the Calaisis'
-- 2025 at a million evictions, hashed per (week, kind, term, whole-or-part): 59 ms of the weekly
-- series' 150 on the bench machine. Items are sums, but a commune or area sum depends on where each
-- site is, which a site moved changes for all its past cells; so, like the distinct-operation
-- counts (20i-01), the fold of the item cells now also sums, in its own transaction, the item cells
-- of every commune and area for each week, month and year it folded, and a reader uses these sums
-- only while that period has no unfolded item cells and the sites have not moved since.

CREATE TABLE statistics_place_item_sums (
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  span text NOT NULL CHECK (span IN ('week', 'month', 'year')),
  period date NOT NULL,
  place_kind text NOT NULL CHECK (place_kind IN ('commune', 'area')),
  -- A commune's INSEE code or an area id.
  place text NOT NULL,
  verified boolean NOT NULL,
  kind text NOT NULL,
  term text NOT NULL,
  is_part boolean NOT NULL,
  tallies bigint NOT NULL,
  n bigint NOT NULL,
  at_least bigint NOT NULL,
  PRIMARY KEY (organisation_id, span, period, place_kind, place, verified, kind, term, is_part)
);
-- The sites version these sums were made under (written by the fold only).
CREATE TABLE statistics_place_item_state (
  organisation_id uuid PRIMARY KEY REFERENCES organisations(id),
  sites_version bigint NOT NULL
);

-- One organisation's sums (one span and period, or all of them when null; days are not kept) from
-- its item cells, folded or not, and the sites' places as they are now.
CREATE FUNCTION statistics_place_item_sums_recount(org uuid, only_span text, only_period date) RETURNS void LANGUAGE plpgsql
SET work_mem = '64MB' AS $$
BEGIN
  DELETE FROM statistics_place_item_sums c WHERE c.organisation_id = org
    AND (only_span IS NULL OR (c.span = only_span AND c.period = only_period));
  INSERT INTO statistics_place_item_sums (organisation_id, span, period, place_kind, place, verified, kind, term, is_part, tallies, n, at_least)
  SELECT org, c.span, c.period,
    CASE WHEN GROUPING(s.commune_insee) = 0 THEN 'commune' ELSE 'area' END,
    CASE WHEN GROUPING(s.commune_insee) = 0 THEN s.commune_insee ELSE s.area_id::text END,
    c.verified, c.kind, c.term, c.is_part, sum(c.tallies), sum(c.n), sum(c.at_least)
  FROM statistics_item_cells c JOIN sites s ON s.id = c.site_id
  WHERE c.organisation_id = org AND c.span <> 'day' AND (only_span IS NULL OR (c.span = only_span AND c.period = only_period))
  GROUP BY c.span, c.period, c.verified, c.kind, c.term, c.is_part, GROUPING SETS ((s.commune_insee), (s.area_id))
  HAVING sum(c.tallies) <> 0;
END $$;

-- The item cells' fold (until now a statement inside statistics_cells_fold), with the sums of the
-- weeks, months and years it changed (statistics_place_counts_refresh, 20p-01).
CREATE FUNCTION statistics_item_cells_fold() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  changed statistics_folded_period[];
BEGIN
  WITH keys AS (SELECT DISTINCT organisation_id, span, period, site_id, verified, kind, term, is_part FROM statistics_item_cells WHERE NOT folded),
  gone AS (
    DELETE FROM statistics_item_cells c USING keys k
    WHERE c.organisation_id = k.organisation_id AND c.span = k.span AND c.period = k.period AND c.site_id = k.site_id AND c.verified = k.verified
      AND c.kind = k.kind AND c.term = k.term AND c.is_part = k.is_part
    RETURNING c.*
  ),
  kept AS (
    INSERT INTO statistics_item_cells (organisation_id, span, period, site_id, verified, folded, kind, term, is_part, tallies, n, at_least)
    SELECT organisation_id, span, period, site_id, verified, true, kind, term, is_part, sum(tallies), sum(n), sum(at_least) FROM gone
    GROUP BY organisation_id, span, period, site_id, verified, kind, term, is_part HAVING sum(tallies) <> 0
  )
  SELECT array_agg(DISTINCT (g.organisation_id, g.span, g.period)::statistics_folded_period) FILTER (WHERE g.span <> 'day') INTO changed FROM gone g;
  PERFORM statistics_place_counts_refresh(changed, 'statistics_place_item_sums_recount', 'statistics_place_item_state');
END $$;

-- statistics_cells_fold (20e-01) calls it in place of its own statement, under its lock: one writer
-- of folded item cells. Rewritten from its definition; a definition that differs fails here.
DO $$
DECLARE
  src text;
  statement text := $s$  WITH keys AS (SELECT DISTINCT organisation_id, span, period, site_id, verified, kind, term, is_part FROM statistics_item_cells WHERE NOT folded),
  gone AS (
    DELETE FROM statistics_item_cells c USING keys k
    WHERE c.organisation_id = k.organisation_id AND c.span = k.span AND c.period = k.period AND c.site_id = k.site_id AND c.verified = k.verified
      AND c.kind = k.kind AND c.term = k.term AND c.is_part = k.is_part
    RETURNING c.*
  )
  INSERT INTO statistics_item_cells (organisation_id, span, period, site_id, verified, folded, kind, term, is_part, tallies, n, at_least)
  SELECT organisation_id, span, period, site_id, verified, true, kind, term, is_part, sum(tallies), sum(n), sum(at_least) FROM gone
  GROUP BY organisation_id, span, period, site_id, verified, kind, term, is_part HAVING sum(tallies) <> 0;$s$;
BEGIN
  SELECT pg_get_functiondef(p.oid) INTO src FROM pg_proc p WHERE p.proname = 'statistics_cells_fold' AND p.pronamespace = 'public'::regnamespace;
  IF position(statement IN src) = 0 OR position(statement IN substr(src, position(statement IN src) + 1)) > 0 THEN
    RAISE EXCEPTION 'statistics_cells_fold: its statement for the item cells is not there exactly once';
  END IF;
  EXECUTE replace(src, statement, '  PERFORM statistics_item_cells_fold();');
END $$;

-- Every organisation's sums from its cells so far, under its current sites version.
SELECT statistics_place_item_sums_recount(o.id, NULL, NULL) FROM organisations o;
INSERT INTO statistics_place_item_state (organisation_id, sites_version)
SELECT o.id, coalesce(v.version, 0) FROM organisations o LEFT JOIN statistics_site_versions v ON v.organisation_id = o.id;

ALTER TABLE statistics_place_item_sums ENABLE ROW LEVEL SECURITY;
CREATE POLICY organisation_isolation ON statistics_place_item_sums
  USING (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid);
ALTER TABLE statistics_place_item_state ENABLE ROW LEVEL SECURITY;
CREATE POLICY organisation_isolation ON statistics_place_item_state
  USING (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid);
-- Readers read; only the fold sums.
GRANT SELECT ON statistics_place_item_sums, statistics_place_item_state TO vigie_app;
ANALYZE statistics_place_item_sums;
