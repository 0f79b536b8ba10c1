-- Statistics (issue 20, item 3): distinct operations of a place's weekly and monthly series, stored.
--
-- A weekly series within a place (an area's weeks of a year) counted its distinct operations in a
-- hashed DISTINCT over every counted eviction of the period: ≈ 87,000 rows for the Calaisis' 2025 at
-- a million evictions, hashed into ≈ 12,000 (week, operation) pairs, 60-110 ms of the series' 200
-- on the bench machine. A monthly series within a place read the (month, site, legal basis, force
-- combination, operation) cells of 20m-01: as many rows again.
--
-- Migration 20i-01 made the five-minute fold count the distinct operations of every site, commune
-- and area per calendar month and year, from the operation × site cells, in the fold's own
-- transaction; readers use those counts only while the period has no unfolded cells and the sites
-- have not moved since. Here the operation × site cells hold ISO weeks too (one more delta row
-- per eviction written), so the same fold counts every place's weeks the same way, and a weekly or
-- monthly series within one place reads one stored row per bucket (53 for a year of weeks); the
-- days of a partial week or month at the period's edges are recounted from the evictions.

ALTER TABLE statistics_site_operation_cells DROP CONSTRAINT statistics_site_operation_cells_span_check;
ALTER TABLE statistics_site_operation_cells ADD CONSTRAINT statistics_site_operation_cells_span_check CHECK (span IN ('week', 'month', 'year'));
ALTER TABLE statistics_place_operation_counts DROP CONSTRAINT statistics_place_operation_counts_span_check;
ALTER TABLE statistics_place_operation_counts ADD CONSTRAINT statistics_place_operation_counts_span_check CHECK (span IN ('week', 'month', 'year'));

-- The writers' trigger function (20f-01, rewritten by 20k-01) writes each key for a month and a
-- year; now for its ISO week too (date_trunc('week') is the Monday, as the readers' buckets). Its
-- three row sources each carry the spans once: rewritten from its own definition, and a function
-- written differently fails this migration rather than silently missing the weeks.
DO $$
DECLARE
  src text;
  spans int;
BEGIN
  SELECT pg_get_functiondef(p.oid) INTO src FROM pg_proc p
  WHERE p.proname = 'statistics_site_operations_follow_evictions' AND p.pronamespace = 'public'::regnamespace;
  spans := (length(src) - length(replace(src, $s$(VALUES ('month'), ('year'))$s$, ''))) / length($s$(VALUES ('month'), ('year'))$s$);
  IF spans <> 3 THEN
    RAISE EXCEPTION 'statistics_site_operations_follow_evictions: % span lists, 3 expected', spans;
  END IF;
  EXECUTE replace(src, $s$(VALUES ('month'), ('year'))$s$, $s$(VALUES ('week'), ('month'), ('year'))$s$);
END $$;

-- The weeks of the evictions counted so far (pending ones enter through the promoter's update).
INSERT INTO statistics_site_operation_cells (organisation_id, span, period, site_id, operation_id, verified, folded, evictions)
SELECT e.organisation_id, 'week', date_trunc('week', e.date::timestamp)::date, e.site_id, e.operation_id, e.status = 'verified', true, count(*)
FROM evictions e
WHERE e.deleted_at IS NULL AND e.merged_into IS NULL AND NOT e.statistics_pending AND e.status <> 'rejected'
GROUP BY 1, 2, 3, 4, 5, 6;

-- Every organisation's counts again, weeks included, under the sites version already recorded
-- (the sites did not move in this transaction); the fold keeps them from now on.
SELECT statistics_place_operation_counts_recount(o.id, NULL, NULL) FROM organisations o;

-- The migration runner vacuums them once this has committed (migrate.ts):
-- vacuum: statistics_site_operation_cells, statistics_place_operation_counts
