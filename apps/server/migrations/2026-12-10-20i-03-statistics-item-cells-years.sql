-- Statistics (issue 20, item 3): items per place over a calendar year. A breakdown by site,
-- commune or area reads the item cells per site, and a year was its twelve months: ≈ 56,000 month
-- × site × term rows at a million evictions (51-64 ms from the index alone). The item cells now
-- hold calendar years too (≈ 4,700 rows for 2025), written by the same trigger and folded by the
-- same job; a reader takes a period's whole years, then its whole months, then its edge days.

ALTER TABLE statistics_item_cells DROP CONSTRAINT statistics_item_cells_span_check;
ALTER TABLE statistics_item_cells ADD CONSTRAINT statistics_item_cells_span_check CHECK (span IN ('day', 'week', 'month', 'year'));

CREATE OR REPLACE FUNCTION statistics_cells_follow_tallies() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO statistics_item_cells (organisation_id, span, period, site_id, verified, kind, term, is_part, tallies, n, at_least)
    SELECT r.organisation_id, g.span, CASE g.span WHEN 'day' THEN r.eviction_date ELSE date_trunc(g.span, r.eviction_date::timestamp)::date END, r.site_id, r.eviction_status = 'verified', r.kind, r.term, r.part_of IS NOT NULL,
      sum(r.s), sum(r.s * r.n), sum(r.s * r.at_least::int)
    FROM (SELECT 1 AS s, x.* FROM new_rows x WHERE x.eviction_live AND x.eviction_status <> 'rejected') r CROSS JOIN (VALUES ('day'), ('week'), ('month'), ('year')) AS g(span)
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 HAVING sum(r.s) <> 0 OR sum(r.s * r.n) <> 0 OR sum(r.s * r.at_least::int) <> 0
    ORDER BY 1, 2, 3, 4, 5, 6, 7, 8;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO statistics_item_cells (organisation_id, span, period, site_id, verified, kind, term, is_part, tallies, n, at_least)
    SELECT r.organisation_id, g.span, CASE g.span WHEN 'day' THEN r.eviction_date ELSE date_trunc(g.span, r.eviction_date::timestamp)::date END, r.site_id, r.eviction_status = 'verified', r.kind, r.term, r.part_of IS NOT NULL,
      sum(r.s), sum(r.s * r.n), sum(r.s * r.at_least::int)
    FROM (SELECT -1 AS s, x.* FROM old_rows x WHERE x.eviction_live AND x.eviction_status <> 'rejected') r CROSS JOIN (VALUES ('day'), ('week'), ('month'), ('year')) AS g(span)
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 HAVING sum(r.s) <> 0 OR sum(r.s * r.n) <> 0 OR sum(r.s * r.at_least::int) <> 0
    ORDER BY 1, 2, 3, 4, 5, 6, 7, 8;
  ELSE
    INSERT INTO statistics_item_cells (organisation_id, span, period, site_id, verified, kind, term, is_part, tallies, n, at_least)
    SELECT r.organisation_id, g.span, CASE g.span WHEN 'day' THEN r.eviction_date ELSE date_trunc(g.span, r.eviction_date::timestamp)::date END, r.site_id, r.eviction_status = 'verified', r.kind, r.term, r.part_of IS NOT NULL,
      sum(r.s), sum(r.s * r.n), sum(r.s * r.at_least::int)
    FROM (SELECT 1 AS s, x.* FROM new_rows x WHERE x.eviction_live AND x.eviction_status <> 'rejected' UNION ALL SELECT -1 AS s, x.* FROM old_rows x WHERE x.eviction_live AND x.eviction_status <> 'rejected') r CROSS JOIN (VALUES ('day'), ('week'), ('month'), ('year')) AS g(span)
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 HAVING sum(r.s) <> 0 OR sum(r.s * r.n) <> 0 OR sum(r.s * r.at_least::int) <> 0
    ORDER BY 1, 2, 3, 4, 5, 6, 7, 8;
  END IF;
  RETURN NULL;
END $$;

-- The years of the tallies written before this migration, folded already.
INSERT INTO statistics_item_cells (folded, organisation_id, span, period, site_id, verified, kind, term, is_part, tallies, n, at_least)
SELECT true, r.organisation_id, 'year', date_trunc('year', r.eviction_date::timestamp)::date, r.site_id, r.eviction_status = 'verified', r.kind, r.term, r.part_of IS NOT NULL,
  count(*), sum(r.n), sum(r.at_least::int)
FROM eviction_tallies r WHERE r.eviction_live AND r.eviction_status <> 'rejected'
GROUP BY 2, 3, 4, 5, 6, 7, 8, 9 HAVING count(*) <> 0 OR sum(r.n) <> 0 OR sum(r.at_least::int) <> 0
ORDER BY 2, 3, 4, 5, 6, 7, 8, 9;
ANALYZE statistics_item_cells;
