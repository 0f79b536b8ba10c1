-- Statistics (issue 20, item 3): figures by place or legal basis under a force filter, and by legal
-- basis within a place, from pre-aggregates. The cells of migrations 20e-01 … 20l-01 key the sums
-- either by site (statistics_cells), by legal basis without a site (statistics_legal_cells) or by
-- force combination without a site (statistics_combination_totals), so a year filtered to the CRS
-- broken down by commune or by legal basis, or an area broken down by legal basis, recounted every
-- eviction of the year: 0.6 s (CRS by commune) and 0.3 s (Calaisis by legal basis) at a million
-- evictions on the AMD EPYC machine (docs/PERFORMANCE.md).
--
-- Three tables keyed by calendar month and calendar year × site × verified × legal basis × force
-- combination (the corps present, statistics_force_combination()):
--   statistics_place_cells: every sum of statistics_cells;
--   statistics_place_operation_cells: evictions per operation too (distinct operations per place);
--   statistics_place_item_cells: items per kind, term and whole-or-part.
-- A reader takes a period's whole years, then its whole months, and recounts the days at its
-- edges from the records (a dashboard's month or year has none). Kept exact like the others:
-- statement-level triggers append deltas on every update and deletion of evictions (a new
-- eviction is pending and enters when the promoter clears the flag, migration 20k-01) and on every
-- change of tallies; statistics_place_cells_fold() (called by the five-minute job) folds each
-- key's rows into one. A year (2025) holds ≈ 0.1 rows per eviction in the sums and items, and one
-- per eviction in the operations (an operation rarely evicts one site twice in a month).

CREATE TABLE statistics_place_cells (
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  span text NOT NULL CHECK (span IN ('month', 'year')),
  period date NOT NULL,
  -- No foreign key, as in statistics_cells: a merged site's old cells must not hold its deletion back.
  site_id uuid NOT NULL,
  verified boolean NOT NULL,
  -- coalesce(legal_basis_category, 'unknown'), as in statistics_legal_cells.
  legal_basis text NOT NULL,
  -- statistics_force_combination(forces): the corps present, sorted and distinct.
  forces text[] NOT NULL,
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
CREATE INDEX statistics_place_cells_idx ON statistics_place_cells (organisation_id, span, period, verified);
CREATE INDEX statistics_place_cells_unfolded_idx ON statistics_place_cells (organisation_id) WHERE NOT folded;

CREATE TABLE statistics_place_operation_cells (
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  span text NOT NULL CHECK (span IN ('month', 'year')),
  period date NOT NULL,
  -- No foreign key, as in statistics_cells: a merged site's old cells must not hold its deletion back.
  site_id uuid NOT NULL,
  verified boolean NOT NULL,
  -- coalesce(legal_basis_category, 'unknown'), as in statistics_legal_cells.
  legal_basis text NOT NULL,
  -- statistics_force_combination(forces): the corps present, sorted and distinct.
  forces text[] NOT NULL,
  folded boolean NOT NULL DEFAULT false,
  operation_id uuid NOT NULL,
  evictions integer NOT NULL
);
-- Read from the index alone: a year is one range of it.
CREATE INDEX statistics_place_operation_cells_idx ON statistics_place_operation_cells (organisation_id, span, period, verified)
  INCLUDE (site_id, legal_basis, forces, operation_id, evictions);
CREATE INDEX statistics_place_operation_cells_unfolded_idx ON statistics_place_operation_cells (organisation_id) WHERE NOT folded;

CREATE TABLE statistics_place_item_cells (
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  span text NOT NULL CHECK (span IN ('month', 'year')),
  period date NOT NULL,
  -- No foreign key, as in statistics_cells: a merged site's old cells must not hold its deletion back.
  site_id uuid NOT NULL,
  verified boolean NOT NULL,
  -- coalesce(legal_basis_category, 'unknown'), as in statistics_legal_cells.
  legal_basis text NOT NULL,
  -- statistics_force_combination(forces): the corps present, sorted and distinct.
  forces text[] NOT NULL,
  folded boolean NOT NULL DEFAULT false,
  kind text NOT NULL,
  term text NOT NULL,
  is_part boolean NOT NULL,
  tallies integer NOT NULL,
  n bigint NOT NULL,
  at_least integer NOT NULL
);
CREATE INDEX statistics_place_item_cells_idx ON statistics_place_item_cells (organisation_id, span, period, verified)
  INCLUDE (site_id, legal_basis, forces, kind, term, is_part, tallies, n, at_least);
CREATE INDEX statistics_place_item_cells_unfolded_idx ON statistics_place_item_cells (organisation_id) WHERE NOT folded;

-- One eviction's sums come from statistics_cell_parts (migration 20e-01), the one place that says
-- what a cell sums: its day rows, summed into the month and the year.
CREATE FUNCTION statistics_place_cells_follow_evictions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    INSERT INTO statistics_place_cells (organisation_id, span, period, site_id, verified, legal_basis, forces, evictions, not_full, quick, persons_evicted_sum, persons_evicted_flag, persons_evicted_unknown, women_sum, women_flag, women_unknown, children_sum, children_flag, children_unknown, families_sum, families_flag, families_unknown, unaccompanied_minors_sum, unaccompanied_minors_flag, unaccompanied_minors_unknown, arrests_sum, arrests_flag, arrests_unknown, arrests_with_violence_sum, arrests_with_violence_flag, arrests_with_violence_unknown, id_checks_sum, id_checks_flag, id_checks_unknown, shelter_accepted_sum, shelter_accepted_flag, shelter_accepted_unknown, shelter_offered_yes, shelter_offered_unknown, social_assessment_yes, social_assessment_unknown)
    SELECT d.organisation_id, g.span, CASE g.span WHEN 'month' THEN date_trunc('month', d.period::timestamp)::date ELSE date_trunc('year', d.period::timestamp)::date END, d.site_id, d.verified, r.legal_basis, r.forces, sum(d.evictions), sum(d.not_full), sum(d.quick), sum(d.persons_evicted_sum), sum(d.persons_evicted_flag), sum(d.persons_evicted_unknown), sum(d.women_sum), sum(d.women_flag), sum(d.women_unknown), sum(d.children_sum), sum(d.children_flag), sum(d.children_unknown), sum(d.families_sum), sum(d.families_flag), sum(d.families_unknown), sum(d.unaccompanied_minors_sum), sum(d.unaccompanied_minors_flag), sum(d.unaccompanied_minors_unknown), sum(d.arrests_sum), sum(d.arrests_flag), sum(d.arrests_unknown), sum(d.arrests_with_violence_sum), sum(d.arrests_with_violence_flag), sum(d.arrests_with_violence_unknown), sum(d.id_checks_sum), sum(d.id_checks_flag), sum(d.id_checks_unknown), sum(d.shelter_accepted_sum), sum(d.shelter_accepted_flag), sum(d.shelter_accepted_unknown), sum(d.shelter_offered_yes), sum(d.shelter_offered_unknown), sum(d.social_assessment_yes), sum(d.social_assessment_unknown)
    FROM (SELECT -1 AS s, ROW(x.*)::evictions AS x, x.date, coalesce(x.legal_basis_category, 'unknown') AS legal_basis, statistics_force_combination(x.forces) AS forces FROM old_rows x WHERE x.deleted_at IS NULL AND x.merged_into IS NULL AND NOT x.statistics_pending AND x.status <> 'rejected') r CROSS JOIN LATERAL statistics_cell_parts(r.x, r.s) d CROSS JOIN (VALUES ('month'), ('year')) AS g(span)
    WHERE d.span = 'day'
    GROUP BY d.organisation_id, g.span, 3, d.site_id, d.verified, r.legal_basis, r.forces HAVING sum(d.evictions) <> 0 OR sum(d.not_full) <> 0 OR sum(d.quick) <> 0 OR sum(d.persons_evicted_sum) <> 0 OR sum(d.persons_evicted_flag) <> 0 OR sum(d.persons_evicted_unknown) <> 0 OR sum(d.women_sum) <> 0 OR sum(d.women_flag) <> 0 OR sum(d.women_unknown) <> 0 OR sum(d.children_sum) <> 0 OR sum(d.children_flag) <> 0 OR sum(d.children_unknown) <> 0 OR sum(d.families_sum) <> 0 OR sum(d.families_flag) <> 0 OR sum(d.families_unknown) <> 0 OR sum(d.unaccompanied_minors_sum) <> 0 OR sum(d.unaccompanied_minors_flag) <> 0 OR sum(d.unaccompanied_minors_unknown) <> 0 OR sum(d.arrests_sum) <> 0 OR sum(d.arrests_flag) <> 0 OR sum(d.arrests_unknown) <> 0 OR sum(d.arrests_with_violence_sum) <> 0 OR sum(d.arrests_with_violence_flag) <> 0 OR sum(d.arrests_with_violence_unknown) <> 0 OR sum(d.id_checks_sum) <> 0 OR sum(d.id_checks_flag) <> 0 OR sum(d.id_checks_unknown) <> 0 OR sum(d.shelter_accepted_sum) <> 0 OR sum(d.shelter_accepted_flag) <> 0 OR sum(d.shelter_accepted_unknown) <> 0 OR sum(d.shelter_offered_yes) <> 0 OR sum(d.shelter_offered_unknown) <> 0 OR sum(d.social_assessment_yes) <> 0 OR sum(d.social_assessment_unknown) <> 0;
    INSERT INTO statistics_place_operation_cells (organisation_id, span, period, site_id, operation_id, verified, legal_basis, forces, evictions)
    SELECT (r.x).organisation_id, g.span, CASE g.span WHEN 'month' THEN date_trunc('month', r.date::timestamp)::date ELSE date_trunc('year', r.date::timestamp)::date END, (r.x).site_id, (r.x).operation_id, (r.x).status = 'verified', r.legal_basis, r.forces, sum(r.s)
    FROM (SELECT -1 AS s, ROW(x.*)::evictions AS x, x.date, coalesce(x.legal_basis_category, 'unknown') AS legal_basis, statistics_force_combination(x.forces) AS forces FROM old_rows x WHERE x.deleted_at IS NULL AND x.merged_into IS NULL AND NOT x.statistics_pending AND x.status <> 'rejected') r CROSS JOIN (VALUES ('month'), ('year')) AS g(span)
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 HAVING sum(r.s) <> 0;
  ELSE
    INSERT INTO statistics_place_cells (organisation_id, span, period, site_id, verified, legal_basis, forces, evictions, not_full, quick, persons_evicted_sum, persons_evicted_flag, persons_evicted_unknown, women_sum, women_flag, women_unknown, children_sum, children_flag, children_unknown, families_sum, families_flag, families_unknown, unaccompanied_minors_sum, unaccompanied_minors_flag, unaccompanied_minors_unknown, arrests_sum, arrests_flag, arrests_unknown, arrests_with_violence_sum, arrests_with_violence_flag, arrests_with_violence_unknown, id_checks_sum, id_checks_flag, id_checks_unknown, shelter_accepted_sum, shelter_accepted_flag, shelter_accepted_unknown, shelter_offered_yes, shelter_offered_unknown, social_assessment_yes, social_assessment_unknown)
    SELECT d.organisation_id, g.span, CASE g.span WHEN 'month' THEN date_trunc('month', d.period::timestamp)::date ELSE date_trunc('year', d.period::timestamp)::date END, d.site_id, d.verified, r.legal_basis, r.forces, sum(d.evictions), sum(d.not_full), sum(d.quick), sum(d.persons_evicted_sum), sum(d.persons_evicted_flag), sum(d.persons_evicted_unknown), sum(d.women_sum), sum(d.women_flag), sum(d.women_unknown), sum(d.children_sum), sum(d.children_flag), sum(d.children_unknown), sum(d.families_sum), sum(d.families_flag), sum(d.families_unknown), sum(d.unaccompanied_minors_sum), sum(d.unaccompanied_minors_flag), sum(d.unaccompanied_minors_unknown), sum(d.arrests_sum), sum(d.arrests_flag), sum(d.arrests_unknown), sum(d.arrests_with_violence_sum), sum(d.arrests_with_violence_flag), sum(d.arrests_with_violence_unknown), sum(d.id_checks_sum), sum(d.id_checks_flag), sum(d.id_checks_unknown), sum(d.shelter_accepted_sum), sum(d.shelter_accepted_flag), sum(d.shelter_accepted_unknown), sum(d.shelter_offered_yes), sum(d.shelter_offered_unknown), sum(d.social_assessment_yes), sum(d.social_assessment_unknown)
    FROM (SELECT 1 AS s, ROW(x.*)::evictions AS x, x.date, coalesce(x.legal_basis_category, 'unknown') AS legal_basis, statistics_force_combination(x.forces) AS forces FROM new_rows x WHERE x.deleted_at IS NULL AND x.merged_into IS NULL AND NOT x.statistics_pending AND x.status <> 'rejected' UNION ALL SELECT -1 AS s, ROW(x.*)::evictions AS x, x.date, coalesce(x.legal_basis_category, 'unknown') AS legal_basis, statistics_force_combination(x.forces) AS forces FROM old_rows x WHERE x.deleted_at IS NULL AND x.merged_into IS NULL AND NOT x.statistics_pending AND x.status <> 'rejected') r CROSS JOIN LATERAL statistics_cell_parts(r.x, r.s) d CROSS JOIN (VALUES ('month'), ('year')) AS g(span)
    WHERE d.span = 'day'
    GROUP BY d.organisation_id, g.span, 3, d.site_id, d.verified, r.legal_basis, r.forces HAVING sum(d.evictions) <> 0 OR sum(d.not_full) <> 0 OR sum(d.quick) <> 0 OR sum(d.persons_evicted_sum) <> 0 OR sum(d.persons_evicted_flag) <> 0 OR sum(d.persons_evicted_unknown) <> 0 OR sum(d.women_sum) <> 0 OR sum(d.women_flag) <> 0 OR sum(d.women_unknown) <> 0 OR sum(d.children_sum) <> 0 OR sum(d.children_flag) <> 0 OR sum(d.children_unknown) <> 0 OR sum(d.families_sum) <> 0 OR sum(d.families_flag) <> 0 OR sum(d.families_unknown) <> 0 OR sum(d.unaccompanied_minors_sum) <> 0 OR sum(d.unaccompanied_minors_flag) <> 0 OR sum(d.unaccompanied_minors_unknown) <> 0 OR sum(d.arrests_sum) <> 0 OR sum(d.arrests_flag) <> 0 OR sum(d.arrests_unknown) <> 0 OR sum(d.arrests_with_violence_sum) <> 0 OR sum(d.arrests_with_violence_flag) <> 0 OR sum(d.arrests_with_violence_unknown) <> 0 OR sum(d.id_checks_sum) <> 0 OR sum(d.id_checks_flag) <> 0 OR sum(d.id_checks_unknown) <> 0 OR sum(d.shelter_accepted_sum) <> 0 OR sum(d.shelter_accepted_flag) <> 0 OR sum(d.shelter_accepted_unknown) <> 0 OR sum(d.shelter_offered_yes) <> 0 OR sum(d.shelter_offered_unknown) <> 0 OR sum(d.social_assessment_yes) <> 0 OR sum(d.social_assessment_unknown) <> 0;
    INSERT INTO statistics_place_operation_cells (organisation_id, span, period, site_id, operation_id, verified, legal_basis, forces, evictions)
    SELECT (r.x).organisation_id, g.span, CASE g.span WHEN 'month' THEN date_trunc('month', r.date::timestamp)::date ELSE date_trunc('year', r.date::timestamp)::date END, (r.x).site_id, (r.x).operation_id, (r.x).status = 'verified', r.legal_basis, r.forces, sum(r.s)
    FROM (SELECT 1 AS s, ROW(x.*)::evictions AS x, x.date, coalesce(x.legal_basis_category, 'unknown') AS legal_basis, statistics_force_combination(x.forces) AS forces FROM new_rows x WHERE x.deleted_at IS NULL AND x.merged_into IS NULL AND NOT x.statistics_pending AND x.status <> 'rejected' UNION ALL SELECT -1 AS s, ROW(x.*)::evictions AS x, x.date, coalesce(x.legal_basis_category, 'unknown') AS legal_basis, statistics_force_combination(x.forces) AS forces FROM old_rows x WHERE x.deleted_at IS NULL AND x.merged_into IS NULL AND NOT x.statistics_pending AND x.status <> 'rejected') r CROSS JOIN (VALUES ('month'), ('year')) AS g(span)
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 HAVING sum(r.s) <> 0;
  END IF;
  RETURN NULL;
END $$;

-- No insert trigger: a new eviction is pending (migration 20k-01) and enters when the promoter clears the flag.
CREATE TRIGGER evictions_statistics_place_cells_update AFTER UPDATE ON evictions
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION statistics_place_cells_follow_evictions();
ALTER TABLE evictions ENABLE ALWAYS TRIGGER evictions_statistics_place_cells_update;
CREATE TRIGGER evictions_statistics_place_cells_delete AFTER DELETE ON evictions
  REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION statistics_place_cells_follow_evictions();
ALTER TABLE evictions ENABLE ALWAYS TRIGGER evictions_statistics_place_cells_delete;

CREATE FUNCTION statistics_place_items_follow_tallies() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO statistics_place_item_cells (organisation_id, span, period, site_id, verified, legal_basis, forces, kind, term, is_part, tallies, n, at_least)
    SELECT r.organisation_id, g.span, CASE g.span WHEN 'month' THEN date_trunc('month', r.eviction_date::timestamp)::date ELSE date_trunc('year', r.eviction_date::timestamp)::date END, r.site_id, r.eviction_status = 'verified', coalesce(r.eviction_legal_basis, 'unknown'), r.eviction_forces, r.kind, r.term, r.part_of IS NOT NULL,
      sum(r.s), sum(r.s * r.n), sum(r.s * r.at_least::int)
    FROM (SELECT 1 AS s, x.* FROM new_rows x WHERE x.eviction_live AND NOT x.eviction_pending AND x.eviction_status <> 'rejected') r CROSS JOIN (VALUES ('month'), ('year')) AS g(span)
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 HAVING sum(r.s) <> 0 OR sum(r.s * r.n) <> 0 OR sum(r.s * r.at_least::int) <> 0;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO statistics_place_item_cells (organisation_id, span, period, site_id, verified, legal_basis, forces, kind, term, is_part, tallies, n, at_least)
    SELECT r.organisation_id, g.span, CASE g.span WHEN 'month' THEN date_trunc('month', r.eviction_date::timestamp)::date ELSE date_trunc('year', r.eviction_date::timestamp)::date END, r.site_id, r.eviction_status = 'verified', coalesce(r.eviction_legal_basis, 'unknown'), r.eviction_forces, r.kind, r.term, r.part_of IS NOT NULL,
      sum(r.s), sum(r.s * r.n), sum(r.s * r.at_least::int)
    FROM (SELECT -1 AS s, x.* FROM old_rows x WHERE x.eviction_live AND NOT x.eviction_pending AND x.eviction_status <> 'rejected') r CROSS JOIN (VALUES ('month'), ('year')) AS g(span)
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 HAVING sum(r.s) <> 0 OR sum(r.s * r.n) <> 0 OR sum(r.s * r.at_least::int) <> 0;
  ELSE
    INSERT INTO statistics_place_item_cells (organisation_id, span, period, site_id, verified, legal_basis, forces, kind, term, is_part, tallies, n, at_least)
    SELECT r.organisation_id, g.span, CASE g.span WHEN 'month' THEN date_trunc('month', r.eviction_date::timestamp)::date ELSE date_trunc('year', r.eviction_date::timestamp)::date END, r.site_id, r.eviction_status = 'verified', coalesce(r.eviction_legal_basis, 'unknown'), r.eviction_forces, r.kind, r.term, r.part_of IS NOT NULL,
      sum(r.s), sum(r.s * r.n), sum(r.s * r.at_least::int)
    FROM (SELECT 1 AS s, x.* FROM new_rows x WHERE x.eviction_live AND NOT x.eviction_pending AND x.eviction_status <> 'rejected' UNION ALL SELECT -1 AS s, x.* FROM old_rows x WHERE x.eviction_live AND NOT x.eviction_pending AND x.eviction_status <> 'rejected') r CROSS JOIN (VALUES ('month'), ('year')) AS g(span)
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 HAVING sum(r.s) <> 0 OR sum(r.s * r.n) <> 0 OR sum(r.s * r.at_least::int) <> 0;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER eviction_tallies_statistics_place_items_insert AFTER INSERT ON eviction_tallies
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION statistics_place_items_follow_tallies();
ALTER TABLE eviction_tallies ENABLE ALWAYS TRIGGER eviction_tallies_statistics_place_items_insert;
CREATE TRIGGER eviction_tallies_statistics_place_items_update AFTER UPDATE ON eviction_tallies
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION statistics_place_items_follow_tallies();
ALTER TABLE eviction_tallies ENABLE ALWAYS TRIGGER eviction_tallies_statistics_place_items_update;
CREATE TRIGGER eviction_tallies_statistics_place_items_delete AFTER DELETE ON eviction_tallies
  REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION statistics_place_items_follow_tallies();
ALTER TABLE eviction_tallies ENABLE ALWAYS TRIGGER eviction_tallies_statistics_place_items_delete;

-- Each key's delta rows into one; rows of transactions still running are not visible and stay.
CREATE FUNCTION statistics_place_cells_fold() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF NOT pg_try_advisory_xact_lock(hashtext('statistics_place_cells_fold')) THEN RETURN; END IF;
  WITH keys AS (SELECT DISTINCT organisation_id, span, period, site_id, verified, legal_basis, forces FROM statistics_place_cells WHERE NOT folded),
  gone AS (
    DELETE FROM statistics_place_cells c USING keys k
    WHERE c.organisation_id = k.organisation_id AND c.span = k.span AND c.period = k.period AND c.site_id = k.site_id AND c.verified = k.verified AND c.legal_basis = k.legal_basis AND c.forces = k.forces
    RETURNING c.*
  )
  INSERT INTO statistics_place_cells (organisation_id, span, period, site_id, verified, legal_basis, forces, folded, evictions, not_full, quick, persons_evicted_sum, persons_evicted_flag, persons_evicted_unknown, women_sum, women_flag, women_unknown, children_sum, children_flag, children_unknown, families_sum, families_flag, families_unknown, unaccompanied_minors_sum, unaccompanied_minors_flag, unaccompanied_minors_unknown, arrests_sum, arrests_flag, arrests_unknown, arrests_with_violence_sum, arrests_with_violence_flag, arrests_with_violence_unknown, id_checks_sum, id_checks_flag, id_checks_unknown, shelter_accepted_sum, shelter_accepted_flag, shelter_accepted_unknown, shelter_offered_yes, shelter_offered_unknown, social_assessment_yes, social_assessment_unknown)
  SELECT organisation_id, span, period, site_id, verified, legal_basis, forces, true, sum(evictions), sum(not_full), sum(quick), sum(persons_evicted_sum), sum(persons_evicted_flag), sum(persons_evicted_unknown), sum(women_sum), sum(women_flag), sum(women_unknown), sum(children_sum), sum(children_flag), sum(children_unknown), sum(families_sum), sum(families_flag), sum(families_unknown), sum(unaccompanied_minors_sum), sum(unaccompanied_minors_flag), sum(unaccompanied_minors_unknown), sum(arrests_sum), sum(arrests_flag), sum(arrests_unknown), sum(arrests_with_violence_sum), sum(arrests_with_violence_flag), sum(arrests_with_violence_unknown), sum(id_checks_sum), sum(id_checks_flag), sum(id_checks_unknown), sum(shelter_accepted_sum), sum(shelter_accepted_flag), sum(shelter_accepted_unknown), sum(shelter_offered_yes), sum(shelter_offered_unknown), sum(social_assessment_yes), sum(social_assessment_unknown) FROM gone
  GROUP BY organisation_id, span, period, site_id, verified, legal_basis, forces HAVING sum(evictions) <> 0 OR sum(not_full) <> 0 OR sum(quick) <> 0 OR sum(persons_evicted_sum) <> 0 OR sum(persons_evicted_flag) <> 0 OR sum(persons_evicted_unknown) <> 0 OR sum(women_sum) <> 0 OR sum(women_flag) <> 0 OR sum(women_unknown) <> 0 OR sum(children_sum) <> 0 OR sum(children_flag) <> 0 OR sum(children_unknown) <> 0 OR sum(families_sum) <> 0 OR sum(families_flag) <> 0 OR sum(families_unknown) <> 0 OR sum(unaccompanied_minors_sum) <> 0 OR sum(unaccompanied_minors_flag) <> 0 OR sum(unaccompanied_minors_unknown) <> 0 OR sum(arrests_sum) <> 0 OR sum(arrests_flag) <> 0 OR sum(arrests_unknown) <> 0 OR sum(arrests_with_violence_sum) <> 0 OR sum(arrests_with_violence_flag) <> 0 OR sum(arrests_with_violence_unknown) <> 0 OR sum(id_checks_sum) <> 0 OR sum(id_checks_flag) <> 0 OR sum(id_checks_unknown) <> 0 OR sum(shelter_accepted_sum) <> 0 OR sum(shelter_accepted_flag) <> 0 OR sum(shelter_accepted_unknown) <> 0 OR sum(shelter_offered_yes) <> 0 OR sum(shelter_offered_unknown) <> 0 OR sum(social_assessment_yes) <> 0 OR sum(social_assessment_unknown) <> 0;
  WITH keys AS (SELECT DISTINCT organisation_id, span, period, site_id, verified, legal_basis, forces, operation_id FROM statistics_place_operation_cells WHERE NOT folded),
  gone AS (
    DELETE FROM statistics_place_operation_cells c USING keys k
    WHERE c.organisation_id = k.organisation_id AND c.span = k.span AND c.period = k.period AND c.site_id = k.site_id AND c.verified = k.verified AND c.legal_basis = k.legal_basis AND c.forces = k.forces AND c.operation_id = k.operation_id
    RETURNING c.*
  )
  INSERT INTO statistics_place_operation_cells (organisation_id, span, period, site_id, verified, legal_basis, forces, operation_id, folded, evictions)
  SELECT organisation_id, span, period, site_id, verified, legal_basis, forces, operation_id, true, sum(evictions) FROM gone
  GROUP BY organisation_id, span, period, site_id, verified, legal_basis, forces, operation_id HAVING sum(evictions) <> 0;
  WITH keys AS (SELECT DISTINCT organisation_id, span, period, site_id, verified, legal_basis, forces, kind, term, is_part FROM statistics_place_item_cells WHERE NOT folded),
  gone AS (
    DELETE FROM statistics_place_item_cells c USING keys k
    WHERE c.organisation_id = k.organisation_id AND c.span = k.span AND c.period = k.period AND c.site_id = k.site_id AND c.verified = k.verified AND c.legal_basis = k.legal_basis AND c.forces = k.forces AND c.kind = k.kind AND c.term = k.term AND c.is_part = k.is_part
    RETURNING c.*
  )
  INSERT INTO statistics_place_item_cells (organisation_id, span, period, site_id, verified, legal_basis, forces, kind, term, is_part, folded, tallies, n, at_least)
  SELECT organisation_id, span, period, site_id, verified, legal_basis, forces, kind, term, is_part, true, sum(tallies), sum(n), sum(at_least) FROM gone
  GROUP BY organisation_id, span, period, site_id, verified, legal_basis, forces, kind, term, is_part HAVING sum(tallies) <> 0 OR sum(n) <> 0 OR sum(at_least) <> 0;
END $$;

-- Records counted before this migration (pending ones enter through the promoter).
INSERT INTO statistics_place_cells (folded, organisation_id, span, period, site_id, verified, legal_basis, forces, evictions, not_full, quick, persons_evicted_sum, persons_evicted_flag, persons_evicted_unknown, women_sum, women_flag, women_unknown, children_sum, children_flag, children_unknown, families_sum, families_flag, families_unknown, unaccompanied_minors_sum, unaccompanied_minors_flag, unaccompanied_minors_unknown, arrests_sum, arrests_flag, arrests_unknown, arrests_with_violence_sum, arrests_with_violence_flag, arrests_with_violence_unknown, id_checks_sum, id_checks_flag, id_checks_unknown, shelter_accepted_sum, shelter_accepted_flag, shelter_accepted_unknown, shelter_offered_yes, shelter_offered_unknown, social_assessment_yes, social_assessment_unknown)
    SELECT true, d.organisation_id, g.span, CASE g.span WHEN 'month' THEN date_trunc('month', d.period::timestamp)::date ELSE date_trunc('year', d.period::timestamp)::date END, d.site_id, d.verified, r.legal_basis, r.forces, sum(d.evictions), sum(d.not_full), sum(d.quick), sum(d.persons_evicted_sum), sum(d.persons_evicted_flag), sum(d.persons_evicted_unknown), sum(d.women_sum), sum(d.women_flag), sum(d.women_unknown), sum(d.children_sum), sum(d.children_flag), sum(d.children_unknown), sum(d.families_sum), sum(d.families_flag), sum(d.families_unknown), sum(d.unaccompanied_minors_sum), sum(d.unaccompanied_minors_flag), sum(d.unaccompanied_minors_unknown), sum(d.arrests_sum), sum(d.arrests_flag), sum(d.arrests_unknown), sum(d.arrests_with_violence_sum), sum(d.arrests_with_violence_flag), sum(d.arrests_with_violence_unknown), sum(d.id_checks_sum), sum(d.id_checks_flag), sum(d.id_checks_unknown), sum(d.shelter_accepted_sum), sum(d.shelter_accepted_flag), sum(d.shelter_accepted_unknown), sum(d.shelter_offered_yes), sum(d.shelter_offered_unknown), sum(d.social_assessment_yes), sum(d.social_assessment_unknown)
    FROM (SELECT 1 AS s, ROW(x.*)::evictions AS x, x.date, coalesce(x.legal_basis_category, 'unknown') AS legal_basis, statistics_force_combination(x.forces) AS forces FROM evictions x WHERE x.deleted_at IS NULL AND x.merged_into IS NULL AND NOT x.statistics_pending AND x.status <> 'rejected') r CROSS JOIN LATERAL statistics_cell_parts(r.x, r.s) d CROSS JOIN (VALUES ('month'), ('year')) AS g(span)
    WHERE d.span = 'day'
    GROUP BY d.organisation_id, g.span, 4, d.site_id, d.verified, r.legal_basis, r.forces HAVING sum(d.evictions) <> 0 OR sum(d.not_full) <> 0 OR sum(d.quick) <> 0 OR sum(d.persons_evicted_sum) <> 0 OR sum(d.persons_evicted_flag) <> 0 OR sum(d.persons_evicted_unknown) <> 0 OR sum(d.women_sum) <> 0 OR sum(d.women_flag) <> 0 OR sum(d.women_unknown) <> 0 OR sum(d.children_sum) <> 0 OR sum(d.children_flag) <> 0 OR sum(d.children_unknown) <> 0 OR sum(d.families_sum) <> 0 OR sum(d.families_flag) <> 0 OR sum(d.families_unknown) <> 0 OR sum(d.unaccompanied_minors_sum) <> 0 OR sum(d.unaccompanied_minors_flag) <> 0 OR sum(d.unaccompanied_minors_unknown) <> 0 OR sum(d.arrests_sum) <> 0 OR sum(d.arrests_flag) <> 0 OR sum(d.arrests_unknown) <> 0 OR sum(d.arrests_with_violence_sum) <> 0 OR sum(d.arrests_with_violence_flag) <> 0 OR sum(d.arrests_with_violence_unknown) <> 0 OR sum(d.id_checks_sum) <> 0 OR sum(d.id_checks_flag) <> 0 OR sum(d.id_checks_unknown) <> 0 OR sum(d.shelter_accepted_sum) <> 0 OR sum(d.shelter_accepted_flag) <> 0 OR sum(d.shelter_accepted_unknown) <> 0 OR sum(d.shelter_offered_yes) <> 0 OR sum(d.shelter_offered_unknown) <> 0 OR sum(d.social_assessment_yes) <> 0 OR sum(d.social_assessment_unknown) <> 0;
INSERT INTO statistics_place_operation_cells (folded, organisation_id, span, period, site_id, operation_id, verified, legal_basis, forces, evictions)
    SELECT true, (r.x).organisation_id, g.span, CASE g.span WHEN 'month' THEN date_trunc('month', r.date::timestamp)::date ELSE date_trunc('year', r.date::timestamp)::date END, (r.x).site_id, (r.x).operation_id, (r.x).status = 'verified', r.legal_basis, r.forces, sum(r.s)
    FROM (SELECT 1 AS s, ROW(x.*)::evictions AS x, x.date, coalesce(x.legal_basis_category, 'unknown') AS legal_basis, statistics_force_combination(x.forces) AS forces FROM evictions x WHERE x.deleted_at IS NULL AND x.merged_into IS NULL AND NOT x.statistics_pending AND x.status <> 'rejected') r CROSS JOIN (VALUES ('month'), ('year')) AS g(span)
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9 HAVING sum(r.s) <> 0;
INSERT INTO statistics_place_item_cells (folded, organisation_id, span, period, site_id, verified, legal_basis, forces, kind, term, is_part, tallies, n, at_least)
    SELECT true, r.organisation_id, g.span, CASE g.span WHEN 'month' THEN date_trunc('month', r.eviction_date::timestamp)::date ELSE date_trunc('year', r.eviction_date::timestamp)::date END, r.site_id, r.eviction_status = 'verified', coalesce(r.eviction_legal_basis, 'unknown'), r.eviction_forces, r.kind, r.term, r.part_of IS NOT NULL,
      sum(r.s), sum(r.s * r.n), sum(r.s * r.at_least::int)
    FROM (SELECT 1 AS s, x.* FROM eviction_tallies x WHERE x.eviction_live AND NOT x.eviction_pending AND x.eviction_status <> 'rejected') r CROSS JOIN (VALUES ('month'), ('year')) AS g(span)
    GROUP BY 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 HAVING sum(r.s) <> 0 OR sum(r.s * r.n) <> 0 OR sum(r.s * r.at_least::int) <> 0;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['statistics_place_cells', 'statistics_place_operation_cells', 'statistics_place_item_cells'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY organisation_isolation ON %I
      USING (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid)
      WITH CHECK (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid)$p$, t);
    -- Writers append deltas through the triggers (running as the writer); only the fold deletes.
    EXECUTE format('GRANT SELECT, INSERT ON %I TO vigie_app', t);
    -- Statistics for the planner at once (autovacuum would take its time).
    EXECUTE format('ANALYZE %I', t);
  END LOOP;
END $$;
