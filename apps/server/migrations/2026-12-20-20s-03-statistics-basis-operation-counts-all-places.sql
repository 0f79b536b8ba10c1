-- Statistics (issue 20, item 3): distinct operations per legal basis over all places, stored.
--
-- A breakdown by legal basis without a place or force filter counted its distinct operations from
-- the legal operation cells (20c-01, 20i-04): a calendar year is one range of their index, but the
-- dashboard's "cette année" is ten months and some days, hashed into (basis, operation) pairs —
-- ≈ 190 ms of a 290 ms breakdown at a million evictions on the bench machine, twice with the
-- comparison period. The counts the fold keeps per place and basis (20o-02) now also hold every
-- place at once (place_kind 'all', place ''), counted from the same cells without their sites: an
-- operation at several sites or areas counts once. Several months are added up and corrected for
-- the operations spanning two of them as the other stored counts are (20s-01).

ALTER TABLE statistics_place_basis_operation_counts DROP CONSTRAINT statistics_place_basis_operation_counts_place_kind_check;
ALTER TABLE statistics_place_basis_operation_counts ADD CONSTRAINT statistics_place_basis_operation_counts_place_kind_check
  CHECK (place_kind IN ('all', 'site', 'commune', 'area'));

CREATE OR REPLACE FUNCTION statistics_place_basis_operation_counts_recount(org uuid, only_span text, only_period date) RETURNS void LANGUAGE plpgsql
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
  FROM placed GROUP BY span, period, area_id, legal_basis
  UNION ALL
  -- Every place: the pairs themselves, a merged site's old cells included (no site needed).
  SELECT org, span, period, 'all', '', legal_basis, count(DISTINCT operation_id) FILTER (WHERE v), count(DISTINCT operation_id)
  FROM pairs GROUP BY span, period, legal_basis;
END $$;

-- Every organisation's counts again, with every place's.
SELECT statistics_place_basis_operation_counts_recount(o.id, NULL, NULL) FROM organisations o;
ANALYZE statistics_place_basis_operation_counts;
