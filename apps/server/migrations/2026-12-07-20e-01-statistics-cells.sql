-- Statistics (issue 20, item 3): pre-aggregated cells, so that a dashboard figure over a month,
-- a year or ten years sums a few thousand cells instead of counting up to a million evictions.
--
-- A cell is an organisation × span (a Paris day, or a calendar month) × site × verified-or-not
-- (drafts and submitted records count only in the coordinators' draft view; rejected, deleted
-- and merged records never). It holds sums and counts only, so that every figure the statistics
-- engine computes from counted evictions is a sum of cells: evictions, the people counts and how
-- many were "at least" or blank, the yes/no answers, how many were not fully observed or quick.
-- Distinct sites come from the cells (site is in the key); distinct operations are not summable
-- and are counted apart (statistics.cells.ts). Forces, the legal basis and the item-type filter
-- are not in the key: those filters and groupings count live, as before.
--
-- Kept exact in the same transaction as each write, by statement-level triggers that read the
-- statement's changed rows (transition tables): a statement that changes rows appends one delta
-- row per touched cell (old rows subtracted, new rows added) — appended, never updated, so
-- concurrent submissions at the same site on the same day never wait on one hot row. Readers
-- sum every row of a key, so a key's deltas count at once; statistics_cells_fold() (a job every
-- few minutes) folds each key's rows into one and drops empty cells. A bulk INSERT of a million
-- evictions is one statement: its deltas are grouped in one pass.

CREATE TABLE statistics_cells (
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  span text NOT NULL CHECK (span IN ('day', 'week', 'month')),
  period date NOT NULL,
  -- No foreign key: a merged site's old cells must not hold its deletion back; readers join sites.
  site_id uuid NOT NULL,
  verified boolean NOT NULL,
  -- false for a delta row appended by a trigger, true once folded.
  folded boolean NOT NULL DEFAULT false,
  evictions integer NOT NULL,
  not_full integer NOT NULL,
  quick integer NOT NULL,
  persons_evicted_sum bigint NOT NULL,
  persons_evicted_flag integer NOT NULL,
  persons_evicted_unknown integer NOT NULL,
  women_sum bigint NOT NULL,
  women_flag integer NOT NULL,
  women_unknown integer NOT NULL,
  children_sum bigint NOT NULL,
  children_flag integer NOT NULL,
  children_unknown integer NOT NULL,
  families_sum bigint NOT NULL,
  families_flag integer NOT NULL,
  families_unknown integer NOT NULL,
  unaccompanied_minors_sum bigint NOT NULL,
  unaccompanied_minors_flag integer NOT NULL,
  unaccompanied_minors_unknown integer NOT NULL,
  arrests_sum bigint NOT NULL,
  arrests_flag integer NOT NULL,
  arrests_unknown integer NOT NULL,
  arrests_with_violence_sum bigint NOT NULL,
  arrests_with_violence_flag integer NOT NULL,
  arrests_with_violence_unknown integer NOT NULL,
  id_checks_sum bigint NOT NULL,
  id_checks_flag integer NOT NULL,
  id_checks_unknown integer NOT NULL,
  shelter_accepted_sum bigint NOT NULL,
  shelter_accepted_flag integer NOT NULL,
  shelter_accepted_unknown integer NOT NULL,
  shelter_offered_yes integer NOT NULL,
  shelter_offered_unknown integer NOT NULL,
  social_assessment_yes integer NOT NULL,
  social_assessment_unknown integer NOT NULL
);
CREATE INDEX statistics_cells_idx ON statistics_cells (organisation_id, span, period, site_id, verified);
CREATE INDEX statistics_cells_unfolded_idx ON statistics_cells (organisation_id) WHERE NOT folded;

-- Item tallies the same way (counted like their eviction: the copies migration 42 keeps).
CREATE TABLE statistics_item_cells (
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  span text NOT NULL CHECK (span IN ('day', 'week', 'month')),
  period date NOT NULL,
  site_id uuid NOT NULL,
  verified boolean NOT NULL,
  folded boolean NOT NULL DEFAULT false,
  kind text NOT NULL,
  term text NOT NULL,
  is_part boolean NOT NULL,
  tallies integer NOT NULL,
  n bigint NOT NULL,
  at_least integer NOT NULL
);
-- Covering: a year's item cells are ≈ 56,000 rows (month × site × term), read from the index alone.
CREATE INDEX statistics_item_cells_idx ON statistics_item_cells (organisation_id, span, period, site_id, verified)
  INCLUDE (kind, term, is_part, tallies, n, at_least);
CREATE INDEX statistics_item_cells_unfolded_idx ON statistics_item_cells (organisation_id) WHERE NOT folded;

-- One eviction's part of its three cells (its Paris day, ISO week and month), every sum signed by
-- `s` (1 added, -1 taken away): the one place that says what a cell sums, used by the triggers and
-- the backfill below. A single-SELECT SQL function: the planner inlines it, so a bulk statement's
-- deltas are still grouped in one pass. Transition tables give untyped records: the triggers
-- pass ROW(x.*)::evictions.
CREATE FUNCTION statistics_cell_parts(r evictions, s integer) RETURNS SETOF statistics_cells LANGUAGE sql IMMUTABLE AS $$
  SELECT r.organisation_id, g.span, CASE g.span WHEN 'day' THEN r.date WHEN 'week' THEN date_trunc('week', r.date::timestamp)::date ELSE date_trunc('month', r.date::timestamp)::date END,
    r.site_id, r.status = 'verified', false,
    s AS evictions,
    s * (r.coverage <> 'full')::int AS not_full,
    s * r.quick::int AS quick,
    (s * coalesce(r.persons_evicted, 0))::bigint AS persons_evicted_sum,
    s * (r.persons_evicted IS NOT NULL AND r.persons_evicted_at_least)::int AS persons_evicted_flag,
    s * (r.persons_evicted IS NULL)::int AS persons_evicted_unknown,
    (s * coalesce(r.women, 0))::bigint AS women_sum,
    s * (r.women IS NOT NULL AND r.women_at_least)::int AS women_flag,
    s * (r.women IS NULL)::int AS women_unknown,
    (s * coalesce(r.children, 0))::bigint AS children_sum,
    s * (r.children IS NOT NULL AND r.children_at_least)::int AS children_flag,
    s * (r.children IS NULL)::int AS children_unknown,
    (s * coalesce(r.families, 0))::bigint AS families_sum,
    s * (r.families IS NOT NULL AND r.families_at_least)::int AS families_flag,
    s * (r.families IS NULL)::int AS families_unknown,
    (s * coalesce(r.unaccompanied_minors, 0))::bigint AS unaccompanied_minors_sum,
    s * (r.unaccompanied_minors IS NOT NULL AND r.unaccompanied_minors_at_least)::int AS unaccompanied_minors_flag,
    s * (r.unaccompanied_minors IS NULL)::int AS unaccompanied_minors_unknown,
    (s * coalesce(r.arrests, 0))::bigint AS arrests_sum,
    s * (r.arrests IS NOT NULL AND r.arrests_at_least)::int AS arrests_flag,
    s * (r.arrests IS NULL)::int AS arrests_unknown,
    (s * coalesce(r.arrests_with_violence, 0))::bigint AS arrests_with_violence_sum,
    s * (r.arrests_with_violence IS NOT NULL AND r.arrests_with_violence_at_least)::int AS arrests_with_violence_flag,
    s * (r.arrests_with_violence IS NULL)::int AS arrests_with_violence_unknown,
    (s * coalesce(r.id_checks, 0))::bigint AS id_checks_sum,
    s * (r.id_checks IS NOT NULL AND r.id_checks_at_least)::int AS id_checks_flag,
    s * (r.id_checks IS NULL)::int AS id_checks_unknown,
    (s * coalesce(r.shelter_accepted, 0))::bigint AS shelter_accepted_sum,
    s * (r.shelter_accepted IS NOT NULL AND r.shelter_accepted_at_least)::int AS shelter_accepted_flag,
    s * (r.shelter_accepted IS NULL)::int AS shelter_accepted_unknown,
    s * (r.shelter_offered IS TRUE)::int AS shelter_offered_yes,
    s * (r.shelter_offered IS NULL)::int AS shelter_offered_unknown,
    s * (r.social_assessment IS TRUE)::int AS social_assessment_yes,
    s * (r.social_assessment IS NULL)::int AS social_assessment_unknown
  FROM (VALUES ('day'), ('week'), ('month')) AS g(span)
$$;

CREATE FUNCTION statistics_cells_follow_evictions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO statistics_cells (organisation_id, span, period, site_id, verified, evictions, not_full, quick, persons_evicted_sum, persons_evicted_flag, persons_evicted_unknown, women_sum, women_flag, women_unknown, children_sum, children_flag, children_unknown, families_sum, families_flag, families_unknown, unaccompanied_minors_sum, unaccompanied_minors_flag, unaccompanied_minors_unknown, arrests_sum, arrests_flag, arrests_unknown, arrests_with_violence_sum, arrests_with_violence_flag, arrests_with_violence_unknown, id_checks_sum, id_checks_flag, id_checks_unknown, shelter_accepted_sum, shelter_accepted_flag, shelter_accepted_unknown, shelter_offered_yes, shelter_offered_unknown, social_assessment_yes, social_assessment_unknown)
    SELECT organisation_id, span, period, site_id, verified, sum(evictions), sum(not_full), sum(quick), sum(persons_evicted_sum), sum(persons_evicted_flag), sum(persons_evicted_unknown), sum(women_sum), sum(women_flag), sum(women_unknown), sum(children_sum), sum(children_flag), sum(children_unknown), sum(families_sum), sum(families_flag), sum(families_unknown), sum(unaccompanied_minors_sum), sum(unaccompanied_minors_flag), sum(unaccompanied_minors_unknown), sum(arrests_sum), sum(arrests_flag), sum(arrests_unknown), sum(arrests_with_violence_sum), sum(arrests_with_violence_flag), sum(arrests_with_violence_unknown), sum(id_checks_sum), sum(id_checks_flag), sum(id_checks_unknown), sum(shelter_accepted_sum), sum(shelter_accepted_flag), sum(shelter_accepted_unknown), sum(shelter_offered_yes), sum(shelter_offered_unknown), sum(social_assessment_yes), sum(social_assessment_unknown)
    FROM (SELECT 1 AS s, ROW(x.*)::evictions AS x FROM new_rows x WHERE x.deleted_at IS NULL AND x.merged_into IS NULL AND x.status <> 'rejected') r CROSS JOIN LATERAL statistics_cell_parts(r.x, r.s) d
    GROUP BY 1, 2, 3, 4, 5 HAVING sum(evictions) <> 0 OR sum(not_full) <> 0 OR sum(quick) <> 0 OR sum(persons_evicted_sum) <> 0 OR sum(persons_evicted_flag) <> 0 OR sum(persons_evicted_unknown) <> 0 OR sum(women_sum) <> 0 OR sum(women_flag) <> 0 OR sum(women_unknown) <> 0 OR sum(children_sum) <> 0 OR sum(children_flag) <> 0 OR sum(children_unknown) <> 0 OR sum(families_sum) <> 0 OR sum(families_flag) <> 0 OR sum(families_unknown) <> 0 OR sum(unaccompanied_minors_sum) <> 0 OR sum(unaccompanied_minors_flag) <> 0 OR sum(unaccompanied_minors_unknown) <> 0 OR sum(arrests_sum) <> 0 OR sum(arrests_flag) <> 0 OR sum(arrests_unknown) <> 0 OR sum(arrests_with_violence_sum) <> 0 OR sum(arrests_with_violence_flag) <> 0 OR sum(arrests_with_violence_unknown) <> 0 OR sum(id_checks_sum) <> 0 OR sum(id_checks_flag) <> 0 OR sum(id_checks_unknown) <> 0 OR sum(shelter_accepted_sum) <> 0 OR sum(shelter_accepted_flag) <> 0 OR sum(shelter_accepted_unknown) <> 0 OR sum(shelter_offered_yes) <> 0 OR sum(shelter_offered_unknown) <> 0 OR sum(social_assessment_yes) <> 0 OR sum(social_assessment_unknown) <> 0
    ORDER BY 1, 2, 3, 4, 5;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO statistics_cells (organisation_id, span, period, site_id, verified, evictions, not_full, quick, persons_evicted_sum, persons_evicted_flag, persons_evicted_unknown, women_sum, women_flag, women_unknown, children_sum, children_flag, children_unknown, families_sum, families_flag, families_unknown, unaccompanied_minors_sum, unaccompanied_minors_flag, unaccompanied_minors_unknown, arrests_sum, arrests_flag, arrests_unknown, arrests_with_violence_sum, arrests_with_violence_flag, arrests_with_violence_unknown, id_checks_sum, id_checks_flag, id_checks_unknown, shelter_accepted_sum, shelter_accepted_flag, shelter_accepted_unknown, shelter_offered_yes, shelter_offered_unknown, social_assessment_yes, social_assessment_unknown)
    SELECT organisation_id, span, period, site_id, verified, sum(evictions), sum(not_full), sum(quick), sum(persons_evicted_sum), sum(persons_evicted_flag), sum(persons_evicted_unknown), sum(women_sum), sum(women_flag), sum(women_unknown), sum(children_sum), sum(children_flag), sum(children_unknown), sum(families_sum), sum(families_flag), sum(families_unknown), sum(unaccompanied_minors_sum), sum(unaccompanied_minors_flag), sum(unaccompanied_minors_unknown), sum(arrests_sum), sum(arrests_flag), sum(arrests_unknown), sum(arrests_with_violence_sum), sum(arrests_with_violence_flag), sum(arrests_with_violence_unknown), sum(id_checks_sum), sum(id_checks_flag), sum(id_checks_unknown), sum(shelter_accepted_sum), sum(shelter_accepted_flag), sum(shelter_accepted_unknown), sum(shelter_offered_yes), sum(shelter_offered_unknown), sum(social_assessment_yes), sum(social_assessment_unknown)
    FROM (SELECT -1 AS s, ROW(x.*)::evictions AS x FROM old_rows x WHERE x.deleted_at IS NULL AND x.merged_into IS NULL AND x.status <> 'rejected') r CROSS JOIN LATERAL statistics_cell_parts(r.x, r.s) d
    GROUP BY 1, 2, 3, 4, 5 HAVING sum(evictions) <> 0 OR sum(not_full) <> 0 OR sum(quick) <> 0 OR sum(persons_evicted_sum) <> 0 OR sum(persons_evicted_flag) <> 0 OR sum(persons_evicted_unknown) <> 0 OR sum(women_sum) <> 0 OR sum(women_flag) <> 0 OR sum(women_unknown) <> 0 OR sum(children_sum) <> 0 OR sum(children_flag) <> 0 OR sum(children_unknown) <> 0 OR sum(families_sum) <> 0 OR sum(families_flag) <> 0 OR sum(families_unknown) <> 0 OR sum(unaccompanied_minors_sum) <> 0 OR sum(unaccompanied_minors_flag) <> 0 OR sum(unaccompanied_minors_unknown) <> 0 OR sum(arrests_sum) <> 0 OR sum(arrests_flag) <> 0 OR sum(arrests_unknown) <> 0 OR sum(arrests_with_violence_sum) <> 0 OR sum(arrests_with_violence_flag) <> 0 OR sum(arrests_with_violence_unknown) <> 0 OR sum(id_checks_sum) <> 0 OR sum(id_checks_flag) <> 0 OR sum(id_checks_unknown) <> 0 OR sum(shelter_accepted_sum) <> 0 OR sum(shelter_accepted_flag) <> 0 OR sum(shelter_accepted_unknown) <> 0 OR sum(shelter_offered_yes) <> 0 OR sum(shelter_offered_unknown) <> 0 OR sum(social_assessment_yes) <> 0 OR sum(social_assessment_unknown) <> 0
    ORDER BY 1, 2, 3, 4, 5;
  ELSE
    INSERT INTO statistics_cells (organisation_id, span, period, site_id, verified, evictions, not_full, quick, persons_evicted_sum, persons_evicted_flag, persons_evicted_unknown, women_sum, women_flag, women_unknown, children_sum, children_flag, children_unknown, families_sum, families_flag, families_unknown, unaccompanied_minors_sum, unaccompanied_minors_flag, unaccompanied_minors_unknown, arrests_sum, arrests_flag, arrests_unknown, arrests_with_violence_sum, arrests_with_violence_flag, arrests_with_violence_unknown, id_checks_sum, id_checks_flag, id_checks_unknown, shelter_accepted_sum, shelter_accepted_flag, shelter_accepted_unknown, shelter_offered_yes, shelter_offered_unknown, social_assessment_yes, social_assessment_unknown)
    SELECT organisation_id, span, period, site_id, verified, sum(evictions), sum(not_full), sum(quick), sum(persons_evicted_sum), sum(persons_evicted_flag), sum(persons_evicted_unknown), sum(women_sum), sum(women_flag), sum(women_unknown), sum(children_sum), sum(children_flag), sum(children_unknown), sum(families_sum), sum(families_flag), sum(families_unknown), sum(unaccompanied_minors_sum), sum(unaccompanied_minors_flag), sum(unaccompanied_minors_unknown), sum(arrests_sum), sum(arrests_flag), sum(arrests_unknown), sum(arrests_with_violence_sum), sum(arrests_with_violence_flag), sum(arrests_with_violence_unknown), sum(id_checks_sum), sum(id_checks_flag), sum(id_checks_unknown), sum(shelter_accepted_sum), sum(shelter_accepted_flag), sum(shelter_accepted_unknown), sum(shelter_offered_yes), sum(shelter_offered_unknown), sum(social_assessment_yes), sum(social_assessment_unknown)
    FROM (SELECT 1 AS s, ROW(x.*)::evictions AS x FROM new_rows x WHERE x.deleted_at IS NULL AND x.merged_into IS NULL AND x.status <> 'rejected' UNION ALL SELECT -1 AS s, ROW(x.*)::evictions AS x FROM old_rows x WHERE x.deleted_at IS NULL AND x.merged_into IS NULL AND x.status <> 'rejected') r CROSS JOIN LATERAL statistics_cell_parts(r.x, r.s) d
    GROUP BY 1, 2, 3, 4, 5 HAVING sum(evictions) <> 0 OR sum(not_full) <> 0 OR sum(quick) <> 0 OR sum(persons_evicted_sum) <> 0 OR sum(persons_evicted_flag) <> 0 OR sum(persons_evicted_unknown) <> 0 OR sum(women_sum) <> 0 OR sum(women_flag) <> 0 OR sum(women_unknown) <> 0 OR sum(children_sum) <> 0 OR sum(children_flag) <> 0 OR sum(children_unknown) <> 0 OR sum(families_sum) <> 0 OR sum(families_flag) <> 0 OR sum(families_unknown) <> 0 OR sum(unaccompanied_minors_sum) <> 0 OR sum(unaccompanied_minors_flag) <> 0 OR sum(unaccompanied_minors_unknown) <> 0 OR sum(arrests_sum) <> 0 OR sum(arrests_flag) <> 0 OR sum(arrests_unknown) <> 0 OR sum(arrests_with_violence_sum) <> 0 OR sum(arrests_with_violence_flag) <> 0 OR sum(arrests_with_violence_unknown) <> 0 OR sum(id_checks_sum) <> 0 OR sum(id_checks_flag) <> 0 OR sum(id_checks_unknown) <> 0 OR sum(shelter_accepted_sum) <> 0 OR sum(shelter_accepted_flag) <> 0 OR sum(shelter_accepted_unknown) <> 0 OR sum(shelter_offered_yes) <> 0 OR sum(shelter_offered_unknown) <> 0 OR sum(social_assessment_yes) <> 0 OR sum(social_assessment_unknown) <> 0
    ORDER BY 1, 2, 3, 4, 5;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER evictions_statistics_cells_insert AFTER INSERT ON evictions
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION statistics_cells_follow_evictions();
ALTER TABLE evictions ENABLE ALWAYS TRIGGER evictions_statistics_cells_insert;
CREATE TRIGGER evictions_statistics_cells_update AFTER UPDATE ON evictions
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION statistics_cells_follow_evictions();
ALTER TABLE evictions ENABLE ALWAYS TRIGGER evictions_statistics_cells_update;
CREATE TRIGGER evictions_statistics_cells_delete AFTER DELETE ON evictions
  REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION statistics_cells_follow_evictions();
ALTER TABLE evictions ENABLE ALWAYS TRIGGER evictions_statistics_cells_delete;

CREATE FUNCTION statistics_cells_follow_tallies() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO statistics_item_cells (organisation_id, span, period, site_id, verified, kind, term, is_part, tallies, n, at_least)
    SELECT r.organisation_id, g.span, CASE g.span WHEN 'day' THEN r.eviction_date WHEN 'week' THEN date_trunc('week', r.eviction_date::timestamp)::date ELSE date_trunc('month', r.eviction_date::timestamp)::date END, r.site_id, r.eviction_status = 'verified', r.kind, r.term, r.part_of IS NOT NULL,
      sum(r.s), sum(r.s * r.n), sum(r.s * r.at_least::int)
    FROM (SELECT 1 AS s, x.* FROM new_rows x WHERE x.eviction_live AND x.eviction_status <> 'rejected') r CROSS JOIN (VALUES ('day'), ('week'), ('month')) AS g(span)
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 HAVING sum(r.s) <> 0 OR sum(r.s * r.n) <> 0 OR sum(r.s * r.at_least::int) <> 0
    ORDER BY 1, 2, 3, 4, 5, 6, 7, 8;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO statistics_item_cells (organisation_id, span, period, site_id, verified, kind, term, is_part, tallies, n, at_least)
    SELECT r.organisation_id, g.span, CASE g.span WHEN 'day' THEN r.eviction_date WHEN 'week' THEN date_trunc('week', r.eviction_date::timestamp)::date ELSE date_trunc('month', r.eviction_date::timestamp)::date END, r.site_id, r.eviction_status = 'verified', r.kind, r.term, r.part_of IS NOT NULL,
      sum(r.s), sum(r.s * r.n), sum(r.s * r.at_least::int)
    FROM (SELECT -1 AS s, x.* FROM old_rows x WHERE x.eviction_live AND x.eviction_status <> 'rejected') r CROSS JOIN (VALUES ('day'), ('week'), ('month')) AS g(span)
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 HAVING sum(r.s) <> 0 OR sum(r.s * r.n) <> 0 OR sum(r.s * r.at_least::int) <> 0
    ORDER BY 1, 2, 3, 4, 5, 6, 7, 8;
  ELSE
    INSERT INTO statistics_item_cells (organisation_id, span, period, site_id, verified, kind, term, is_part, tallies, n, at_least)
    SELECT r.organisation_id, g.span, CASE g.span WHEN 'day' THEN r.eviction_date WHEN 'week' THEN date_trunc('week', r.eviction_date::timestamp)::date ELSE date_trunc('month', r.eviction_date::timestamp)::date END, r.site_id, r.eviction_status = 'verified', r.kind, r.term, r.part_of IS NOT NULL,
      sum(r.s), sum(r.s * r.n), sum(r.s * r.at_least::int)
    FROM (SELECT 1 AS s, x.* FROM new_rows x WHERE x.eviction_live AND x.eviction_status <> 'rejected' UNION ALL SELECT -1 AS s, x.* FROM old_rows x WHERE x.eviction_live AND x.eviction_status <> 'rejected') r CROSS JOIN (VALUES ('day'), ('week'), ('month')) AS g(span)
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 HAVING sum(r.s) <> 0 OR sum(r.s * r.n) <> 0 OR sum(r.s * r.at_least::int) <> 0
    ORDER BY 1, 2, 3, 4, 5, 6, 7, 8;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER eviction_tallies_statistics_cells_insert AFTER INSERT ON eviction_tallies
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION statistics_cells_follow_tallies();
ALTER TABLE eviction_tallies ENABLE ALWAYS TRIGGER eviction_tallies_statistics_cells_insert;
CREATE TRIGGER eviction_tallies_statistics_cells_update AFTER UPDATE ON eviction_tallies
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION statistics_cells_follow_tallies();
ALTER TABLE eviction_tallies ENABLE ALWAYS TRIGGER eviction_tallies_statistics_cells_update;
CREATE TRIGGER eviction_tallies_statistics_cells_delete AFTER DELETE ON eviction_tallies
  REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION statistics_cells_follow_tallies();
ALTER TABLE eviction_tallies ENABLE ALWAYS TRIGGER eviction_tallies_statistics_cells_delete;

-- Folds each key's delta rows into one row and drops empty cells (an empty cell has no eviction,
-- so every sum in it is zero). Rows appended by transactions still running are not visible here
-- and stay as they are: the sums readers make do not change, whichever order things commit in.
CREATE FUNCTION statistics_cells_fold() RETURNS integer LANGUAGE plpgsql AS $$
DECLARE folded_rows integer := 0;
BEGIN
  IF NOT pg_try_advisory_xact_lock(hashtext('statistics_cells_fold')) THEN RETURN 0; END IF;
  WITH keys AS (SELECT DISTINCT organisation_id, span, period, site_id, verified FROM statistics_cells WHERE NOT folded),
  gone AS (
    DELETE FROM statistics_cells c USING keys k
    WHERE c.organisation_id = k.organisation_id AND c.span = k.span AND c.period = k.period AND c.site_id = k.site_id AND c.verified = k.verified
    RETURNING c.*
  )
  INSERT INTO statistics_cells (organisation_id, span, period, site_id, verified, folded, evictions, not_full, quick, persons_evicted_sum, persons_evicted_flag, persons_evicted_unknown, women_sum, women_flag, women_unknown, children_sum, children_flag, children_unknown, families_sum, families_flag, families_unknown, unaccompanied_minors_sum, unaccompanied_minors_flag, unaccompanied_minors_unknown, arrests_sum, arrests_flag, arrests_unknown, arrests_with_violence_sum, arrests_with_violence_flag, arrests_with_violence_unknown, id_checks_sum, id_checks_flag, id_checks_unknown, shelter_accepted_sum, shelter_accepted_flag, shelter_accepted_unknown, shelter_offered_yes, shelter_offered_unknown, social_assessment_yes, social_assessment_unknown)
  SELECT organisation_id, span, period, site_id, verified, true, sum(evictions), sum(not_full), sum(quick), sum(persons_evicted_sum), sum(persons_evicted_flag), sum(persons_evicted_unknown), sum(women_sum), sum(women_flag), sum(women_unknown), sum(children_sum), sum(children_flag), sum(children_unknown), sum(families_sum), sum(families_flag), sum(families_unknown), sum(unaccompanied_minors_sum), sum(unaccompanied_minors_flag), sum(unaccompanied_minors_unknown), sum(arrests_sum), sum(arrests_flag), sum(arrests_unknown), sum(arrests_with_violence_sum), sum(arrests_with_violence_flag), sum(arrests_with_violence_unknown), sum(id_checks_sum), sum(id_checks_flag), sum(id_checks_unknown), sum(shelter_accepted_sum), sum(shelter_accepted_flag), sum(shelter_accepted_unknown), sum(shelter_offered_yes), sum(shelter_offered_unknown), sum(social_assessment_yes), sum(social_assessment_unknown) FROM gone GROUP BY organisation_id, span, period, site_id, verified HAVING sum(evictions) <> 0;
  GET DIAGNOSTICS folded_rows = ROW_COUNT;
  WITH keys AS (SELECT DISTINCT organisation_id, span, period, site_id, verified, kind, term, is_part FROM statistics_item_cells WHERE NOT folded),
  gone AS (
    DELETE FROM statistics_item_cells c USING keys k
    WHERE c.organisation_id = k.organisation_id AND c.span = k.span AND c.period = k.period AND c.site_id = k.site_id AND c.verified = k.verified
      AND c.kind = k.kind AND c.term = k.term AND c.is_part = k.is_part
    RETURNING c.*
  )
  INSERT INTO statistics_item_cells (organisation_id, span, period, site_id, verified, folded, kind, term, is_part, tallies, n, at_least)
  SELECT organisation_id, span, period, site_id, verified, true, kind, term, is_part, sum(tallies), sum(n), sum(at_least) FROM gone
  GROUP BY organisation_id, span, period, site_id, verified, kind, term, is_part HAVING sum(tallies) <> 0;
  PERFORM statistics_force_cells_fold();
  PERFORM statistics_operation_cells_fold();
  RETURN folded_rows;
END $$;

-- Records written before this migration.
DO $$
BEGIN
    INSERT INTO statistics_cells (folded, organisation_id, span, period, site_id, verified, evictions, not_full, quick, persons_evicted_sum, persons_evicted_flag, persons_evicted_unknown, women_sum, women_flag, women_unknown, children_sum, children_flag, children_unknown, families_sum, families_flag, families_unknown, unaccompanied_minors_sum, unaccompanied_minors_flag, unaccompanied_minors_unknown, arrests_sum, arrests_flag, arrests_unknown, arrests_with_violence_sum, arrests_with_violence_flag, arrests_with_violence_unknown, id_checks_sum, id_checks_flag, id_checks_unknown, shelter_accepted_sum, shelter_accepted_flag, shelter_accepted_unknown, shelter_offered_yes, shelter_offered_unknown, social_assessment_yes, social_assessment_unknown)
    SELECT true, organisation_id, span, period, site_id, verified, sum(evictions), sum(not_full), sum(quick), sum(persons_evicted_sum), sum(persons_evicted_flag), sum(persons_evicted_unknown), sum(women_sum), sum(women_flag), sum(women_unknown), sum(children_sum), sum(children_flag), sum(children_unknown), sum(families_sum), sum(families_flag), sum(families_unknown), sum(unaccompanied_minors_sum), sum(unaccompanied_minors_flag), sum(unaccompanied_minors_unknown), sum(arrests_sum), sum(arrests_flag), sum(arrests_unknown), sum(arrests_with_violence_sum), sum(arrests_with_violence_flag), sum(arrests_with_violence_unknown), sum(id_checks_sum), sum(id_checks_flag), sum(id_checks_unknown), sum(shelter_accepted_sum), sum(shelter_accepted_flag), sum(shelter_accepted_unknown), sum(shelter_offered_yes), sum(shelter_offered_unknown), sum(social_assessment_yes), sum(social_assessment_unknown)
    FROM (SELECT 1 AS s, x FROM evictions x WHERE x.deleted_at IS NULL AND x.merged_into IS NULL AND x.status <> 'rejected') r CROSS JOIN LATERAL statistics_cell_parts(r.x, r.s) d
    GROUP BY 2, 3, 4, 5, 6 HAVING sum(evictions) <> 0 OR sum(not_full) <> 0 OR sum(quick) <> 0 OR sum(persons_evicted_sum) <> 0 OR sum(persons_evicted_flag) <> 0 OR sum(persons_evicted_unknown) <> 0 OR sum(women_sum) <> 0 OR sum(women_flag) <> 0 OR sum(women_unknown) <> 0 OR sum(children_sum) <> 0 OR sum(children_flag) <> 0 OR sum(children_unknown) <> 0 OR sum(families_sum) <> 0 OR sum(families_flag) <> 0 OR sum(families_unknown) <> 0 OR sum(unaccompanied_minors_sum) <> 0 OR sum(unaccompanied_minors_flag) <> 0 OR sum(unaccompanied_minors_unknown) <> 0 OR sum(arrests_sum) <> 0 OR sum(arrests_flag) <> 0 OR sum(arrests_unknown) <> 0 OR sum(arrests_with_violence_sum) <> 0 OR sum(arrests_with_violence_flag) <> 0 OR sum(arrests_with_violence_unknown) <> 0 OR sum(id_checks_sum) <> 0 OR sum(id_checks_flag) <> 0 OR sum(id_checks_unknown) <> 0 OR sum(shelter_accepted_sum) <> 0 OR sum(shelter_accepted_flag) <> 0 OR sum(shelter_accepted_unknown) <> 0 OR sum(shelter_offered_yes) <> 0 OR sum(shelter_offered_unknown) <> 0 OR sum(social_assessment_yes) <> 0 OR sum(social_assessment_unknown) <> 0
    ORDER BY 2, 3, 4, 5, 6;
    INSERT INTO statistics_item_cells (folded, organisation_id, span, period, site_id, verified, kind, term, is_part, tallies, n, at_least)
    SELECT true, r.organisation_id, g.span, CASE g.span WHEN 'day' THEN r.eviction_date WHEN 'week' THEN date_trunc('week', r.eviction_date::timestamp)::date ELSE date_trunc('month', r.eviction_date::timestamp)::date END, r.site_id, r.eviction_status = 'verified', r.kind, r.term, r.part_of IS NOT NULL,
      sum(r.s), sum(r.s * r.n), sum(r.s * r.at_least::int)
    FROM (SELECT 1 AS s, x.* FROM eviction_tallies x WHERE x.eviction_live AND x.eviction_status <> 'rejected') r CROSS JOIN (VALUES ('day'), ('week'), ('month')) AS g(span)
    GROUP BY 2, 3, 4, 5, 6, 7, 8, 9 HAVING sum(r.s) <> 0 OR sum(r.s * r.n) <> 0 OR sum(r.s * r.at_least::int) <> 0
    ORDER BY 2, 3, 4, 5, 6, 7, 8, 9;
END $$;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['statistics_cells', 'statistics_item_cells'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY organisation_isolation ON %I
      USING (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid)
      WITH CHECK (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid)$p$, t);
  END LOOP;
END $$;
-- Writers append deltas through the triggers (running as the writer); only the fold deletes.
GRANT SELECT, INSERT ON statistics_cells, statistics_item_cells TO vigie_app;

-- Forces present: evictions per force corps, the same cells again; an eviction with two units of
-- one corps counts once. Units are not kept: as written by observers they are nearly one per
-- eviction (5.4 million cells for a million evictions in the benchmark), so the breakdown by unit
-- is recounted.
CREATE TABLE statistics_force_cells (
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  span text NOT NULL CHECK (span IN ('day', 'week', 'month')),
  period date NOT NULL,
  site_id uuid NOT NULL,
  verified boolean NOT NULL,
  folded boolean NOT NULL DEFAULT false,
  corps text,
  evictions integer NOT NULL
);
CREATE INDEX statistics_force_cells_idx ON statistics_force_cells (organisation_id, span, period, site_id, verified);
CREATE INDEX statistics_force_cells_unfolded_idx ON statistics_force_cells (organisation_id) WHERE NOT folded;

CREATE FUNCTION statistics_cells_follow_forces() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO statistics_force_cells (organisation_id, span, period, site_id, verified, corps, evictions)
    SELECT r.organisation_id, g.span, CASE g.span WHEN 'day' THEN r.date WHEN 'week' THEN date_trunc('week', r.date::timestamp)::date ELSE date_trunc('month', r.date::timestamp)::date END, r.site_id, r.status = 'verified', l.corps, sum(r.s)
    FROM (SELECT 1 AS s, x.* FROM new_rows x WHERE x.deleted_at IS NULL AND x.merged_into IS NULL AND x.status <> 'rejected') r
      CROSS JOIN LATERAL (SELECT DISTINCT fp.value->>'corps' AS corps FROM jsonb_array_elements(r.forces) AS fp(value)) l
      CROSS JOIN (VALUES ('day'), ('week'), ('month')) AS g(span)
    GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(r.s) <> 0
    ORDER BY 1, 2, 3, 4, 5, 6;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO statistics_force_cells (organisation_id, span, period, site_id, verified, corps, evictions)
    SELECT r.organisation_id, g.span, CASE g.span WHEN 'day' THEN r.date WHEN 'week' THEN date_trunc('week', r.date::timestamp)::date ELSE date_trunc('month', r.date::timestamp)::date END, r.site_id, r.status = 'verified', l.corps, sum(r.s)
    FROM (SELECT -1 AS s, x.* FROM old_rows x WHERE x.deleted_at IS NULL AND x.merged_into IS NULL AND x.status <> 'rejected') r
      CROSS JOIN LATERAL (SELECT DISTINCT fp.value->>'corps' AS corps FROM jsonb_array_elements(r.forces) AS fp(value)) l
      CROSS JOIN (VALUES ('day'), ('week'), ('month')) AS g(span)
    GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(r.s) <> 0
    ORDER BY 1, 2, 3, 4, 5, 6;
  ELSE
    INSERT INTO statistics_force_cells (organisation_id, span, period, site_id, verified, corps, evictions)
    SELECT r.organisation_id, g.span, CASE g.span WHEN 'day' THEN r.date WHEN 'week' THEN date_trunc('week', r.date::timestamp)::date ELSE date_trunc('month', r.date::timestamp)::date END, r.site_id, r.status = 'verified', l.corps, sum(r.s)
    FROM (SELECT 1 AS s, x.* FROM new_rows x WHERE x.deleted_at IS NULL AND x.merged_into IS NULL AND x.status <> 'rejected' UNION ALL SELECT -1 AS s, x.* FROM old_rows x WHERE x.deleted_at IS NULL AND x.merged_into IS NULL AND x.status <> 'rejected') r
      CROSS JOIN LATERAL (SELECT DISTINCT fp.value->>'corps' AS corps FROM jsonb_array_elements(r.forces) AS fp(value)) l
      CROSS JOIN (VALUES ('day'), ('week'), ('month')) AS g(span)
    GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(r.s) <> 0
    ORDER BY 1, 2, 3, 4, 5, 6;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER evictions_statistics_force_cells_insert AFTER INSERT ON evictions
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION statistics_cells_follow_forces();
ALTER TABLE evictions ENABLE ALWAYS TRIGGER evictions_statistics_force_cells_insert;
CREATE TRIGGER evictions_statistics_force_cells_update AFTER UPDATE ON evictions
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION statistics_cells_follow_forces();
ALTER TABLE evictions ENABLE ALWAYS TRIGGER evictions_statistics_force_cells_update;
CREATE TRIGGER evictions_statistics_force_cells_delete AFTER DELETE ON evictions
  REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION statistics_cells_follow_forces();
ALTER TABLE evictions ENABLE ALWAYS TRIGGER evictions_statistics_force_cells_delete;

CREATE FUNCTION statistics_force_cells_fold() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF NOT pg_try_advisory_xact_lock(hashtext('statistics_force_cells_fold')) THEN RETURN; END IF;
  WITH keys AS (SELECT DISTINCT organisation_id, span, period, site_id, verified, corps FROM statistics_force_cells WHERE NOT folded),
  gone AS (
    DELETE FROM statistics_force_cells c USING keys k
    WHERE c.organisation_id = k.organisation_id AND c.span = k.span AND c.period = k.period AND c.site_id = k.site_id AND c.verified = k.verified
      AND c.corps IS NOT DISTINCT FROM k.corps
    RETURNING c.*
  )
  INSERT INTO statistics_force_cells (organisation_id, span, period, site_id, verified, folded, corps, evictions)
  SELECT organisation_id, span, period, site_id, verified, true, corps, sum(evictions) FROM gone
  GROUP BY organisation_id, span, period, site_id, verified, corps HAVING sum(evictions) <> 0;
END $$;

    INSERT INTO statistics_force_cells (folded, organisation_id, span, period, site_id, verified, corps, evictions)
    SELECT true, r.organisation_id, g.span, CASE g.span WHEN 'day' THEN r.date WHEN 'week' THEN date_trunc('week', r.date::timestamp)::date ELSE date_trunc('month', r.date::timestamp)::date END, r.site_id, r.status = 'verified', l.corps, sum(r.s)
    FROM (SELECT 1 AS s, x.* FROM evictions x WHERE x.deleted_at IS NULL AND x.merged_into IS NULL AND x.status <> 'rejected') r
      CROSS JOIN LATERAL (SELECT DISTINCT fp.value->>'corps' AS corps FROM jsonb_array_elements(r.forces) AS fp(value)) l
      CROSS JOIN (VALUES ('day'), ('week'), ('month')) AS g(span)
    GROUP BY 2, 3, 4, 5, 6, 7 HAVING sum(r.s) <> 0
    ORDER BY 2, 3, 4, 5, 6, 7;

ALTER TABLE statistics_force_cells ENABLE ROW LEVEL SECURITY;
CREATE POLICY organisation_isolation ON statistics_force_cells
  USING (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid)
  WITH CHECK (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid);
GRANT SELECT, INSERT ON statistics_force_cells TO vigie_app;

-- Distinct operations: an operation sends evictions to several sites (the benchmark's 125,000
-- operations touch 117,000 operation × site × month pairs in a year of 125,000 evictions), so a
-- key with the site does not compress; without it, a year is 17,000 operation × month rows
-- instead of 125,000 evictions. Counting them stays a DISTINCT (an operation may span two days
-- or months) but over 7× fewer rows. With a place filter or grouping, operations are recounted.
CREATE TABLE statistics_operation_cells (
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  span text NOT NULL CHECK (span IN ('day', 'week', 'month')),
  period date NOT NULL,
  verified boolean NOT NULL,
  folded boolean NOT NULL DEFAULT false,
  operation_id uuid NOT NULL,
  evictions integer NOT NULL
);
CREATE INDEX statistics_operation_cells_idx ON statistics_operation_cells (organisation_id, span, period, verified) INCLUDE (operation_id, evictions);
CREATE INDEX statistics_operation_cells_unfolded_idx ON statistics_operation_cells (organisation_id) WHERE NOT folded;

CREATE FUNCTION statistics_cells_follow_operations() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO statistics_operation_cells (organisation_id, span, period, verified, operation_id, evictions)
    SELECT r.organisation_id, g.span, CASE g.span WHEN 'day' THEN r.date WHEN 'week' THEN date_trunc('week', r.date::timestamp)::date ELSE date_trunc('month', r.date::timestamp)::date END, r.status = 'verified', r.operation_id, sum(r.s)
    FROM (SELECT 1 AS s, x.* FROM new_rows x WHERE x.deleted_at IS NULL AND x.merged_into IS NULL AND x.status <> 'rejected') r CROSS JOIN (VALUES ('day'), ('week'), ('month')) AS g(span)
    GROUP BY 1, 2, 3, 4, 5 HAVING sum(r.s) <> 0
    ORDER BY 1, 2, 3, 4, 5;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO statistics_operation_cells (organisation_id, span, period, verified, operation_id, evictions)
    SELECT r.organisation_id, g.span, CASE g.span WHEN 'day' THEN r.date WHEN 'week' THEN date_trunc('week', r.date::timestamp)::date ELSE date_trunc('month', r.date::timestamp)::date END, r.status = 'verified', r.operation_id, sum(r.s)
    FROM (SELECT -1 AS s, x.* FROM old_rows x WHERE x.deleted_at IS NULL AND x.merged_into IS NULL AND x.status <> 'rejected') r CROSS JOIN (VALUES ('day'), ('week'), ('month')) AS g(span)
    GROUP BY 1, 2, 3, 4, 5 HAVING sum(r.s) <> 0
    ORDER BY 1, 2, 3, 4, 5;
  ELSE
    INSERT INTO statistics_operation_cells (organisation_id, span, period, verified, operation_id, evictions)
    SELECT r.organisation_id, g.span, CASE g.span WHEN 'day' THEN r.date WHEN 'week' THEN date_trunc('week', r.date::timestamp)::date ELSE date_trunc('month', r.date::timestamp)::date END, r.status = 'verified', r.operation_id, sum(r.s)
    FROM (SELECT 1 AS s, x.* FROM new_rows x WHERE x.deleted_at IS NULL AND x.merged_into IS NULL AND x.status <> 'rejected' UNION ALL SELECT -1 AS s, x.* FROM old_rows x WHERE x.deleted_at IS NULL AND x.merged_into IS NULL AND x.status <> 'rejected') r CROSS JOIN (VALUES ('day'), ('week'), ('month')) AS g(span)
    GROUP BY 1, 2, 3, 4, 5 HAVING sum(r.s) <> 0
    ORDER BY 1, 2, 3, 4, 5;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER evictions_statistics_operation_cells_insert AFTER INSERT ON evictions
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION statistics_cells_follow_operations();
ALTER TABLE evictions ENABLE ALWAYS TRIGGER evictions_statistics_operation_cells_insert;
CREATE TRIGGER evictions_statistics_operation_cells_update AFTER UPDATE ON evictions
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION statistics_cells_follow_operations();
ALTER TABLE evictions ENABLE ALWAYS TRIGGER evictions_statistics_operation_cells_update;
CREATE TRIGGER evictions_statistics_operation_cells_delete AFTER DELETE ON evictions
  REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION statistics_cells_follow_operations();
ALTER TABLE evictions ENABLE ALWAYS TRIGGER evictions_statistics_operation_cells_delete;

CREATE FUNCTION statistics_operation_cells_fold() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF NOT pg_try_advisory_xact_lock(hashtext('statistics_operation_cells_fold')) THEN RETURN; END IF;
  WITH keys AS (SELECT DISTINCT organisation_id, span, period, verified, operation_id FROM statistics_operation_cells WHERE NOT folded),
  gone AS (
    DELETE FROM statistics_operation_cells c USING keys k
    WHERE c.organisation_id = k.organisation_id AND c.span = k.span AND c.period = k.period AND c.verified = k.verified AND c.operation_id = k.operation_id
    RETURNING c.*
  )
  INSERT INTO statistics_operation_cells (organisation_id, span, period, verified, operation_id, folded, evictions)
  SELECT organisation_id, span, period, verified, operation_id, true, sum(evictions) FROM gone GROUP BY organisation_id, span, period, verified, operation_id HAVING sum(evictions) <> 0;
END $$;

    INSERT INTO statistics_operation_cells (folded, organisation_id, span, period, verified, operation_id, evictions)
    SELECT true, r.organisation_id, g.span, CASE g.span WHEN 'day' THEN r.date WHEN 'week' THEN date_trunc('week', r.date::timestamp)::date ELSE date_trunc('month', r.date::timestamp)::date END, r.status = 'verified', r.operation_id, sum(r.s)
    FROM (SELECT 1 AS s, x.* FROM evictions x WHERE x.deleted_at IS NULL AND x.merged_into IS NULL AND x.status <> 'rejected') r CROSS JOIN (VALUES ('day'), ('week'), ('month')) AS g(span)
    GROUP BY 2, 3, 4, 5, 6 HAVING sum(r.s) <> 0
    ORDER BY 2, 3, 4, 5, 6;

ALTER TABLE statistics_operation_cells ENABLE ROW LEVEL SECURITY;
CREATE POLICY organisation_isolation ON statistics_operation_cells
  USING (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid)
  WITH CHECK (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid);
GRANT SELECT, INSERT ON statistics_operation_cells TO vigie_app;
