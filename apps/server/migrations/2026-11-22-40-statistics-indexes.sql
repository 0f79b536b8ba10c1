-- Statistics (issue 4): the dashboard's aggregates must stay within 100 ms on 1,000,000
-- evictions on PostgreSQL. Every statistics query starts from the "counted" evictions of one
-- organisation over a range of Paris days; by default only verified, live, unmerged records.

-- The default (verified-only) scan: a partial index holding just the counted rows, ordered by
-- day, with the columns the distinct-site and operation counts need.
CREATE INDEX evictions_counted_idx ON evictions (organisation_id, date) INCLUDE (site_id, operation_id)
  WHERE status = 'verified' AND deleted_at IS NULL AND merged_into IS NULL;

-- Filtering by force ("evictions with the CRS present"): containment on the forces array.
CREATE INDEX evictions_forces_idx ON evictions USING gin (forces jsonb_path_ops);

-- Sites by area and commune, for the area/commune filters and breakdowns.
CREATE INDEX sites_area_commune_idx ON sites (organisation_id, area_id, commune_insee);
