-- Statistics (issue 20, item 3): distinct operations per place without a DISTINCT over the
-- period's evictions. The breakdowns by site, commune or area (and any place filter) counted
-- operations as a hashed or sorted DISTINCT of (place, operation) over every counted eviction of
-- the period: 125,000 rows for a year at a million evictions, spilling to disk, 280-510 ms a year
-- by site on the bench machine. An operation is not summable (it spans sites and sometimes two
-- days), so it cannot be a plain sum in statistics_cells.
--
-- Here: evictions per operation × site × calendar month and calendar year × verified, narrow delta
-- rows kept exact the same way as every other cell (statement-level triggers appending deltas in
-- the writer's transaction, folded by the five-minute job). Presence is a sum, so it is exact
-- whatever concurrent writers do: an (operation, site) is present in a period when its evictions
-- there, summed over the period's disjoint months and years, are more than zero. The index is
-- ordered by site and operation inside each span and period, so a calendar year (or month) is read
-- in that order from the index alone and grouped as it streams: no hash, no sort, no spill. Other
-- periods mix years, months and the evictions of their edge days, and hash the (far fewer) pairs.
-- The site's commune and area are joined at read time (a site may be edited or merged).

CREATE TABLE statistics_site_operation_cells (
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  span text NOT NULL CHECK (span IN ('month', 'year')),
  period date NOT NULL,
  -- No foreign key, as in statistics_cells: a merged site's old cells must not hold its deletion back.
  site_id uuid NOT NULL,
  operation_id uuid NOT NULL,
  verified boolean NOT NULL,
  folded boolean NOT NULL DEFAULT false,
  evictions integer NOT NULL
);
CREATE INDEX statistics_site_operation_cells_idx ON statistics_site_operation_cells (organisation_id, span, period, site_id, operation_id)
  INCLUDE (verified, evictions);
CREATE INDEX statistics_site_operation_cells_unfolded_idx ON statistics_site_operation_cells (organisation_id) WHERE NOT folded;

CREATE FUNCTION statistics_site_operations_follow_evictions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO statistics_site_operation_cells (organisation_id, span, period, site_id, operation_id, verified, evictions)
    SELECT r.organisation_id, g.span, date_trunc(g.span, r.date::timestamp)::date, r.site_id, r.operation_id, r.status = 'verified', sum(r.s)
    FROM (SELECT 1 AS s, x.* FROM new_rows x WHERE x.deleted_at IS NULL AND x.merged_into IS NULL AND x.status <> 'rejected') r
      CROSS JOIN (VALUES ('month'), ('year')) AS g(span)
    GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(r.s) <> 0
    ORDER BY 1, 2, 3, 4, 5, 6;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO statistics_site_operation_cells (organisation_id, span, period, site_id, operation_id, verified, evictions)
    SELECT r.organisation_id, g.span, date_trunc(g.span, r.date::timestamp)::date, r.site_id, r.operation_id, r.status = 'verified', sum(r.s)
    FROM (SELECT -1 AS s, x.* FROM old_rows x WHERE x.deleted_at IS NULL AND x.merged_into IS NULL AND x.status <> 'rejected') r
      CROSS JOIN (VALUES ('month'), ('year')) AS g(span)
    GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(r.s) <> 0
    ORDER BY 1, 2, 3, 4, 5, 6;
  ELSE
    INSERT INTO statistics_site_operation_cells (organisation_id, span, period, site_id, operation_id, verified, evictions)
    SELECT r.organisation_id, g.span, date_trunc(g.span, r.date::timestamp)::date, r.site_id, r.operation_id, r.status = 'verified', sum(r.s)
    FROM (SELECT 1 AS s, x.* FROM new_rows x WHERE x.deleted_at IS NULL AND x.merged_into IS NULL AND x.status <> 'rejected'
      UNION ALL SELECT -1 AS s, x.* FROM old_rows x WHERE x.deleted_at IS NULL AND x.merged_into IS NULL AND x.status <> 'rejected') r
      CROSS JOIN (VALUES ('month'), ('year')) AS g(span)
    GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(r.s) <> 0
    ORDER BY 1, 2, 3, 4, 5, 6;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER evictions_statistics_site_operations_insert AFTER INSERT ON evictions
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION statistics_site_operations_follow_evictions();
ALTER TABLE evictions ENABLE ALWAYS TRIGGER evictions_statistics_site_operations_insert;
CREATE TRIGGER evictions_statistics_site_operations_update AFTER UPDATE ON evictions
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION statistics_site_operations_follow_evictions();
ALTER TABLE evictions ENABLE ALWAYS TRIGGER evictions_statistics_site_operations_update;
CREATE TRIGGER evictions_statistics_site_operations_delete AFTER DELETE ON evictions
  REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION statistics_site_operations_follow_evictions();
ALTER TABLE evictions ENABLE ALWAYS TRIGGER evictions_statistics_site_operations_delete;

-- Each key's delta rows into one (the five-minute job, with the other cells); rows of
-- transactions still running are not visible here and stay.
CREATE FUNCTION statistics_site_operation_cells_fold() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF NOT pg_try_advisory_xact_lock(hashtext('statistics_site_operation_cells_fold')) THEN RETURN; END IF;
  WITH keys AS (SELECT DISTINCT organisation_id, span, period, site_id, operation_id, verified FROM statistics_site_operation_cells WHERE NOT folded),
  gone AS (
    DELETE FROM statistics_site_operation_cells c USING keys k
    WHERE c.organisation_id = k.organisation_id AND c.span = k.span AND c.period = k.period AND c.site_id = k.site_id
      AND c.operation_id = k.operation_id AND c.verified = k.verified
    RETURNING c.*
  )
  INSERT INTO statistics_site_operation_cells (organisation_id, span, period, site_id, operation_id, verified, folded, evictions)
  SELECT organisation_id, span, period, site_id, operation_id, verified, true, sum(evictions) FROM gone
  GROUP BY organisation_id, span, period, site_id, operation_id, verified HAVING sum(evictions) <> 0;
END $$;

-- Records written before this migration, folded already.
INSERT INTO statistics_site_operation_cells (folded, organisation_id, span, period, site_id, operation_id, verified, evictions)
  SELECT true, r.organisation_id, g.span, date_trunc(g.span, r.date::timestamp)::date, r.site_id, r.operation_id, r.status = 'verified', count(*)
  FROM evictions r CROSS JOIN (VALUES ('month'), ('year')) AS g(span)
  WHERE r.deleted_at IS NULL AND r.merged_into IS NULL AND r.status <> 'rejected'
  GROUP BY 2, 3, 4, 5, 6, 7
  ORDER BY 2, 3, 4, 5, 6, 7;

ALTER TABLE statistics_site_operation_cells ENABLE ROW LEVEL SECURITY;
CREATE POLICY organisation_isolation ON statistics_site_operation_cells
  USING (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid)
  WITH CHECK (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid);
-- Writers append deltas through the triggers (running as the writer); only the fold deletes.
GRANT SELECT, INSERT ON statistics_site_operation_cells TO vigie_app;
-- Statistics for the planner at once (autovacuum would take its time).
ANALYZE statistics_site_operation_cells;
