-- Statistics (issue 20, item 3): distinct operations per site, commune and area for a whole
-- calendar month or year, stored. Since 20f-01 they are counted from the operation × site cells: a
-- year is ≈ 125,000 (site, operation) pairs at a million evictions, streamed from the index (57-86
-- ms warm once the index has aged under live writes) and, for a commune or an area, deduplicated
-- again across its sites (an operation reaches several sites of one commune): 130-225 ms.
--
-- Here the five-minute fold, which is already the only writer of folded cells, also counts the
-- distinct operations of every place for each calendar month and year it folded, in the same
-- transaction, from the cells. So a period with no unfolded cells has counts equal to its cells,
-- and a reader uses them only then; a period being written (unfolded deltas: the current
-- month, a late record) is counted from the cells as before until the next fold. Presence per
-- (place, operation) is not a sum, so it cannot be kept by the writers' triggers: whether an
-- operation is new at a place depends on rows other transactions may be writing.
--
-- A commune or area count also depends on which commune and area each site is in: any change to
-- a site's commune or area (or a site deleted) bumps the organisation's sites version, readers use
-- the counts only when they were made under the current version, and the next fold counts every
-- period of that organisation again.

CREATE TABLE statistics_place_operation_counts (
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  span text NOT NULL CHECK (span IN ('month', 'year')),
  period date NOT NULL,
  place_kind text NOT NULL CHECK (place_kind IN ('site', 'commune', 'area')),
  -- A site or area id, or a commune's INSEE code.
  place text NOT NULL,
  -- Operations with verified evictions there; with any counted eviction (drafts included).
  verified_operations integer NOT NULL,
  all_operations integer NOT NULL,
  PRIMARY KEY (organisation_id, span, period, place_kind, place)
);

-- Bumped by every change to where a site is (its commune or area) and every site deleted.
CREATE TABLE statistics_site_versions (
  organisation_id uuid PRIMARY KEY REFERENCES organisations(id),
  version bigint NOT NULL
);
-- The sites version the stored counts were made under (written by the fold only).
CREATE TABLE statistics_place_count_state (
  organisation_id uuid PRIMARY KEY REFERENCES organisations(id),
  sites_version bigint NOT NULL
);

CREATE FUNCTION statistics_site_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO statistics_site_versions AS v (organisation_id, version)
  VALUES (coalesce(NEW.organisation_id, OLD.organisation_id), 1)
  ON CONFLICT (organisation_id) DO UPDATE SET version = v.version + 1;
  RETURN NULL;
END $$;
CREATE TRIGGER sites_statistics_moved AFTER UPDATE OF commune_insee, area_id ON sites
  FOR EACH ROW WHEN (OLD.commune_insee IS DISTINCT FROM NEW.commune_insee OR OLD.area_id IS DISTINCT FROM NEW.area_id)
  EXECUTE FUNCTION statistics_site_moved();
ALTER TABLE sites ENABLE ALWAYS TRIGGER sites_statistics_moved;
CREATE TRIGGER sites_statistics_deleted AFTER DELETE ON sites
  FOR EACH ROW EXECUTE FUNCTION statistics_site_moved();
ALTER TABLE sites ENABLE ALWAYS TRIGGER sites_statistics_deleted;

-- The counts of one organisation's periods (one span and period, or all of them when null), from
-- its cells and the sites' places as they are now. A commune or area counts an operation once
-- across its sites. Delta rows committed since the fold began are counted too (the cells' index
-- has no `folded`: filtering on it read 125,000 heap rows for a year, 1.3 s): harmless, since a
-- reader that sees these counts also sees those rows still unfolded, so does not use the counts,
-- and the next fold counts their periods again. Sorting a year's 125,000 pairs fits in 64 MB.
CREATE FUNCTION statistics_place_operation_counts_recount(org uuid, only_span text, only_period date) RETURNS void LANGUAGE plpgsql
SET work_mem = '64MB' AS $$
BEGIN
  DELETE FROM statistics_place_operation_counts c WHERE c.organisation_id = org
    AND (only_span IS NULL OR (c.span = only_span AND c.period = only_period));
  INSERT INTO statistics_place_operation_counts (organisation_id, span, period, place_kind, place, verified_operations, all_operations)
  WITH pairs AS (
    SELECT c.span, c.period, c.site_id, c.operation_id, coalesce(sum(c.evictions) FILTER (WHERE c.verified), 0) > 0 AS v
    FROM statistics_site_operation_cells c
    WHERE c.organisation_id = org AND (only_span IS NULL OR (c.span = only_span AND c.period = only_period))
    GROUP BY 1, 2, 3, 4 HAVING sum(c.evictions) > 0
  ), placed AS (
    SELECT p.*, s.commune_insee, s.area_id FROM pairs p JOIN sites s ON s.id = p.site_id
  )
  SELECT org, span, period, 'site', site_id::text, count(*) FILTER (WHERE v), count(*) FROM placed GROUP BY span, period, site_id
  UNION ALL
  SELECT org, span, period, 'commune', commune_insee, count(DISTINCT operation_id) FILTER (WHERE v), count(DISTINCT operation_id)
  FROM placed GROUP BY span, period, commune_insee
  UNION ALL
  SELECT org, span, period, 'area', area_id::text, count(DISTINCT operation_id) FILTER (WHERE v), count(DISTINCT operation_id)
  FROM placed GROUP BY span, period, area_id;
END $$;

-- The periods one fold changed (what its DELETE of delta keys saw, in the same snapshot).
CREATE TYPE statistics_folded_period AS (organisation_id uuid, span text, period date);

CREATE OR REPLACE FUNCTION statistics_site_operation_cells_fold() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  changed statistics_folded_period[];
  p statistics_folded_period;
  o record;
  rebuilt uuid[] := '{}';
BEGIN
  IF NOT pg_try_advisory_xact_lock(hashtext('statistics_site_operation_cells_fold')) THEN RETURN; END IF;
  WITH keys AS (SELECT DISTINCT organisation_id, span, period, site_id, operation_id, verified FROM statistics_site_operation_cells WHERE NOT folded),
  gone AS (
    DELETE FROM statistics_site_operation_cells c USING keys k
    WHERE c.organisation_id = k.organisation_id AND c.span = k.span AND c.period = k.period AND c.site_id = k.site_id
      AND c.operation_id = k.operation_id AND c.verified = k.verified
    RETURNING c.*
  ),
  kept AS (
    INSERT INTO statistics_site_operation_cells (organisation_id, span, period, site_id, operation_id, verified, folded, evictions)
    SELECT organisation_id, span, period, site_id, operation_id, verified, true, sum(evictions) FROM gone
    GROUP BY organisation_id, span, period, site_id, operation_id, verified HAVING sum(evictions) <> 0
  )
  SELECT array_agg(DISTINCT (g.organisation_id, g.span, g.period)::statistics_folded_period) INTO changed FROM gone g;
  -- Organisations whose sites moved since their counts were made (or never counted): every period.
  -- The version is read before counting, so a site moved meanwhile leaves the counts marked older
  -- than the sites (readers skip them; the next fold counts again), never the other way round.
  FOR o IN
    SELECT x.organisation_id, coalesce(v.version, 0) AS version
    FROM (SELECT organisation_id FROM statistics_site_versions UNION SELECT f.organisation_id FROM unnest(changed) AS f) x
    LEFT JOIN statistics_site_versions v ON v.organisation_id = x.organisation_id
    LEFT JOIN statistics_place_count_state st ON st.organisation_id = x.organisation_id
    WHERE st.sites_version IS DISTINCT FROM coalesce(v.version, 0)
  LOOP
    PERFORM statistics_place_operation_counts_recount(o.organisation_id, NULL, NULL);
    INSERT INTO statistics_place_count_state AS st (organisation_id, sites_version) VALUES (o.organisation_id, o.version)
    ON CONFLICT (organisation_id) DO UPDATE SET sites_version = excluded.sites_version;
    rebuilt := rebuilt || o.organisation_id;
  END LOOP;
  FOREACH p IN ARRAY coalesce(changed, '{}') LOOP
    IF NOT p.organisation_id = ANY (rebuilt) THEN
      PERFORM statistics_place_operation_counts_recount(p.organisation_id, p.span, p.period);
    END IF;
  END LOOP;
END $$;

-- Every organisation's counts from its cells so far (periods with unfolded cells are not read
-- until the next fold counts them again).
SELECT statistics_place_operation_counts_recount(o.id, NULL, NULL) FROM organisations o;
INSERT INTO statistics_place_count_state (organisation_id, sites_version) SELECT id, 0 FROM organisations;

-- Whether a period has unfolded cells, for the readers: by period within the organisation.
DROP INDEX statistics_site_operation_cells_unfolded_idx;
CREATE INDEX statistics_site_operation_cells_unfolded_idx ON statistics_site_operation_cells (organisation_id, span, period) WHERE NOT folded;

ALTER TABLE statistics_place_operation_counts ENABLE ROW LEVEL SECURITY;
CREATE POLICY organisation_isolation ON statistics_place_operation_counts
  USING (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid);
ALTER TABLE statistics_place_count_state ENABLE ROW LEVEL SECURITY;
CREATE POLICY organisation_isolation ON statistics_place_count_state
  USING (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid);
ALTER TABLE statistics_site_versions ENABLE ROW LEVEL SECURITY;
CREATE POLICY organisation_isolation ON statistics_site_versions
  USING (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid)
  WITH CHECK (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid);
-- Readers read; site writers bump the version through the trigger (running as the writer); only the fold counts.
GRANT SELECT ON statistics_place_operation_counts, statistics_place_count_state TO vigie_app;
GRANT SELECT, INSERT, UPDATE ON statistics_site_versions TO vigie_app;
ANALYZE statistics_place_operation_counts;
