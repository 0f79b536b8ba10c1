-- Statistics (issue 20, item 3): item tallies per span without the site, for the dashboard's
-- figures with no place filter or grouping. The item cells of migration 20e-01 are keyed by site,
-- so a year of them is ≈ 56,000 month × site × term rows to hash (150–190 ms at a million
-- evictions); without the site a year is a few hundred month × term rows. The site cells stay
-- for place filters and groupings.
--
-- Kept exact the same way as the other cells: statement-level triggers on eviction_tallies append
-- one delta row per touched key (a site merge moves tallies between sites: its deltas cancel out
-- here and nothing is appended), and statistics_item_totals_fold() (the same five-minute job)
-- folds each key's rows into one.

CREATE TABLE statistics_item_totals (
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  span text NOT NULL CHECK (span IN ('day', 'week', 'month')),
  period date NOT NULL,
  verified boolean NOT NULL,
  folded boolean NOT NULL DEFAULT false,
  kind text NOT NULL,
  term text NOT NULL,
  is_part boolean NOT NULL,
  tallies integer NOT NULL,
  n bigint NOT NULL,
  at_least integer NOT NULL
);
CREATE INDEX statistics_item_totals_idx ON statistics_item_totals (organisation_id, span, period, verified)
  INCLUDE (kind, term, is_part, tallies, n, at_least);
CREATE INDEX statistics_item_totals_unfolded_idx ON statistics_item_totals (organisation_id) WHERE NOT folded;

CREATE FUNCTION statistics_item_totals_follow_tallies() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO statistics_item_totals (organisation_id, span, period, verified, kind, term, is_part, tallies, n, at_least)
    SELECT r.organisation_id, g.span, CASE g.span WHEN 'day' THEN r.eviction_date WHEN 'week' THEN date_trunc('week', r.eviction_date::timestamp)::date ELSE date_trunc('month', r.eviction_date::timestamp)::date END, r.eviction_status = 'verified', r.kind, r.term, r.part_of IS NOT NULL,
      sum(r.s), sum(r.s * r.n), sum(r.s * r.at_least::int)
    FROM (SELECT 1 AS s, x.* FROM new_rows x WHERE x.eviction_live AND x.eviction_status <> 'rejected') r CROSS JOIN (VALUES ('day'), ('week'), ('month')) AS g(span)
    GROUP BY 1, 2, 3, 4, 5, 6, 7 HAVING sum(r.s) <> 0 OR sum(r.s * r.n) <> 0 OR sum(r.s * r.at_least::int) <> 0
    ORDER BY 1, 2, 3, 4, 5, 6, 7;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO statistics_item_totals (organisation_id, span, period, verified, kind, term, is_part, tallies, n, at_least)
    SELECT r.organisation_id, g.span, CASE g.span WHEN 'day' THEN r.eviction_date WHEN 'week' THEN date_trunc('week', r.eviction_date::timestamp)::date ELSE date_trunc('month', r.eviction_date::timestamp)::date END, r.eviction_status = 'verified', r.kind, r.term, r.part_of IS NOT NULL,
      sum(r.s), sum(r.s * r.n), sum(r.s * r.at_least::int)
    FROM (SELECT -1 AS s, x.* FROM old_rows x WHERE x.eviction_live AND x.eviction_status <> 'rejected') r CROSS JOIN (VALUES ('day'), ('week'), ('month')) AS g(span)
    GROUP BY 1, 2, 3, 4, 5, 6, 7 HAVING sum(r.s) <> 0 OR sum(r.s * r.n) <> 0 OR sum(r.s * r.at_least::int) <> 0
    ORDER BY 1, 2, 3, 4, 5, 6, 7;
  ELSE
    INSERT INTO statistics_item_totals (organisation_id, span, period, verified, kind, term, is_part, tallies, n, at_least)
    SELECT r.organisation_id, g.span, CASE g.span WHEN 'day' THEN r.eviction_date WHEN 'week' THEN date_trunc('week', r.eviction_date::timestamp)::date ELSE date_trunc('month', r.eviction_date::timestamp)::date END, r.eviction_status = 'verified', r.kind, r.term, r.part_of IS NOT NULL,
      sum(r.s), sum(r.s * r.n), sum(r.s * r.at_least::int)
    FROM (SELECT 1 AS s, x.* FROM new_rows x WHERE x.eviction_live AND x.eviction_status <> 'rejected' UNION ALL SELECT -1 AS s, x.* FROM old_rows x WHERE x.eviction_live AND x.eviction_status <> 'rejected') r CROSS JOIN (VALUES ('day'), ('week'), ('month')) AS g(span)
    GROUP BY 1, 2, 3, 4, 5, 6, 7 HAVING sum(r.s) <> 0 OR sum(r.s * r.n) <> 0 OR sum(r.s * r.at_least::int) <> 0
    ORDER BY 1, 2, 3, 4, 5, 6, 7;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER eviction_tallies_statistics_item_totals_insert AFTER INSERT ON eviction_tallies
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION statistics_item_totals_follow_tallies();
ALTER TABLE eviction_tallies ENABLE ALWAYS TRIGGER eviction_tallies_statistics_item_totals_insert;
CREATE TRIGGER eviction_tallies_statistics_item_totals_update AFTER UPDATE ON eviction_tallies
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION statistics_item_totals_follow_tallies();
ALTER TABLE eviction_tallies ENABLE ALWAYS TRIGGER eviction_tallies_statistics_item_totals_update;
CREATE TRIGGER eviction_tallies_statistics_item_totals_delete AFTER DELETE ON eviction_tallies
  REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION statistics_item_totals_follow_tallies();
ALTER TABLE eviction_tallies ENABLE ALWAYS TRIGGER eviction_tallies_statistics_item_totals_delete;

-- Each key's delta rows into one; rows of transactions still running are not visible and stay.
CREATE FUNCTION statistics_item_totals_fold() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF NOT pg_try_advisory_xact_lock(hashtext('statistics_item_totals_fold')) THEN RETURN; END IF;
  WITH keys AS (SELECT DISTINCT organisation_id, span, period, verified, kind, term, is_part FROM statistics_item_totals WHERE NOT folded),
  gone AS (
    DELETE FROM statistics_item_totals c USING keys k
    WHERE c.organisation_id = k.organisation_id AND c.span = k.span AND c.period = k.period AND c.verified = k.verified
      AND c.kind = k.kind AND c.term = k.term AND c.is_part = k.is_part
    RETURNING c.*
  )
  INSERT INTO statistics_item_totals (organisation_id, span, period, verified, folded, kind, term, is_part, tallies, n, at_least)
  SELECT organisation_id, span, period, verified, true, kind, term, is_part, sum(tallies), sum(n), sum(at_least) FROM gone
  GROUP BY organisation_id, span, period, verified, kind, term, is_part HAVING sum(tallies) <> 0;
END $$;

-- Tallies written before this migration: from the site cells, already exact and folded or not
-- (far fewer rows than the tallies themselves).
INSERT INTO statistics_item_totals (folded, organisation_id, span, period, verified, kind, term, is_part, tallies, n, at_least)
SELECT true, organisation_id, span, period, verified, kind, term, is_part, sum(tallies), sum(n), sum(at_least)
FROM statistics_item_cells
GROUP BY 2, 3, 4, 5, 6, 7, 8 HAVING sum(tallies) <> 0 OR sum(n) <> 0 OR sum(at_least) <> 0
ORDER BY 2, 3, 4, 5, 6, 7, 8;

ALTER TABLE statistics_item_totals ENABLE ROW LEVEL SECURITY;
CREATE POLICY organisation_isolation ON statistics_item_totals
  USING (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid)
  WITH CHECK (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid);
-- Writers append deltas through the triggers (running as the writer); only the fold deletes.
GRANT SELECT, INSERT ON statistics_item_totals TO vigie_app;
