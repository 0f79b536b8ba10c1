-- Statistics (issue 20, item 3): figures filtered by police force from pre-aggregates. The cells of
-- migrations 20e-01 … 20j-01 have no force in their key, so a dashboard filtered to one corps (or
-- to corps present and absent) recounted its period from the evictions: at a million evictions a
-- year filtered to the CRS (51,645 of 136,816 evictions in 2025) took 0.9 s on a quiet machine.
--
-- Each eviction has one *force combination*: the corps present, sorted and distinct (CRS and
-- gendarmerie mobile → {crs,gm}; none noted → {}). A filter on forces is a test on the
-- combination: "CRS present" is forces @> {crs}, "police nationale without CRS" is
-- forces @> {pn} AND NOT forces && {crs}. Observatories see a handful of combinations (the
-- benchmark's data about fifteen), so cells keyed by combination stay few:
--   statistics_combination_totals: every sum of statistics_cells per span (Paris day, ISO week,
--     calendar month) × verified-or-not × combination, without the site;
--   statistics_combination_site_cells: evictions per span × verified × combination × site, narrow
--     and read from its index alone: distinct sites, and the evictions per place of the map;
--   statistics_combination_operation_cells: evictions per span × verified × combination ×
--     operation, for distinct operations;
--   statistics_combination_item_totals: items per span × verified × combination × term.
-- Kept exact like the others: statement-level triggers append deltas on every update and deletion
-- of evictions (a new eviction is pending, and enters when the promoter clears the flag, migration
-- 20k-01) and on every change of tallies; statistics_combination_cells_fold() (the five-minute
-- job) folds each key's rows into one. Tallies and incidents learn their eviction's combination as
-- they learn its day and status (eviction_forces, kept by the same triggers), so that their figures
-- under a force filter no longer join each row to its eviction (incidents of a year: 90–190 ms, items
-- by place: 1.1–1.3 s at a million evictions).
-- Still recounted under a force filter: the evictions' sums by place or legal basis (only the
-- evictions per place come from these cells) and force units.

-- Sorted, distinct corps of an eviction's forces (entries without a corps are not a corps).
CREATE FUNCTION statistics_force_combination(forces jsonb) RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce(array_agg(DISTINCT c ORDER BY c), '{}'::text[])
  FROM (SELECT fp.value->>'corps' AS c FROM jsonb_array_elements(forces) AS fp(value)) x WHERE c IS NOT NULL
$$;

CREATE TABLE statistics_combination_totals (
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  span text NOT NULL CHECK (span IN ('day', 'week', 'month')),
  period date NOT NULL,
  verified boolean NOT NULL,
  -- The corps present, sorted and distinct ('{}' when no force was noted): statistics_force_combination().
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
CREATE INDEX statistics_combination_totals_idx ON statistics_combination_totals (organisation_id, span, period, verified);
CREATE INDEX statistics_combination_totals_unfolded_idx ON statistics_combination_totals (organisation_id) WHERE NOT folded;

CREATE TABLE statistics_combination_site_cells (
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  span text NOT NULL CHECK (span IN ('day', 'week', 'month')),
  period date NOT NULL,
  verified boolean NOT NULL,
  -- The corps present, sorted and distinct ('{}' when no force was noted): statistics_force_combination().
  forces text[] NOT NULL,
  folded boolean NOT NULL DEFAULT false,
  -- No foreign key, as in statistics_cells: a merged site's old cells must not hold its deletion back.
  site_id uuid NOT NULL,
  evictions integer NOT NULL
);
CREATE INDEX statistics_combination_site_cells_idx ON statistics_combination_site_cells (organisation_id, span, period, verified)
  INCLUDE (forces, site_id, evictions);
CREATE INDEX statistics_combination_site_cells_unfolded_idx ON statistics_combination_site_cells (organisation_id) WHERE NOT folded;

CREATE TABLE statistics_combination_operation_cells (
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  span text NOT NULL CHECK (span IN ('day', 'week', 'month')),
  period date NOT NULL,
  verified boolean NOT NULL,
  -- The corps present, sorted and distinct ('{}' when no force was noted): statistics_force_combination().
  forces text[] NOT NULL,
  folded boolean NOT NULL DEFAULT false,
  operation_id uuid NOT NULL,
  evictions integer NOT NULL
);
CREATE INDEX statistics_combination_operation_cells_idx ON statistics_combination_operation_cells (organisation_id, span, period, verified)
  INCLUDE (forces, operation_id, evictions);
CREATE INDEX statistics_combination_operation_cells_unfolded_idx ON statistics_combination_operation_cells (organisation_id) WHERE NOT folded;

CREATE TABLE statistics_combination_item_totals (
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  span text NOT NULL CHECK (span IN ('day', 'week', 'month')),
  period date NOT NULL,
  verified boolean NOT NULL,
  -- The corps present, sorted and distinct ('{}' when no force was noted): statistics_force_combination().
  forces text[] NOT NULL,
  folded boolean NOT NULL DEFAULT false,
  kind text NOT NULL,
  term text NOT NULL,
  is_part boolean NOT NULL,
  tallies integer NOT NULL,
  n bigint NOT NULL,
  at_least integer NOT NULL
);
CREATE INDEX statistics_combination_item_totals_idx ON statistics_combination_item_totals (organisation_id, span, period, verified)
  INCLUDE (forces, kind, term, is_part, tallies, n, at_least);
CREATE INDEX statistics_combination_item_totals_unfolded_idx ON statistics_combination_item_totals (organisation_id) WHERE NOT folded;

-- Tallies copy their eviction's combination with the rest of its state.
ALTER TABLE eviction_tallies ADD COLUMN eviction_forces text[] NOT NULL DEFAULT '{}';

CREATE OR REPLACE FUNCTION statistics_copy_eviction_state() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE e record;
BEGIN
  SELECT ev.date, ev.site_id, ev.status, (ev.deleted_at IS NULL AND ev.merged_into IS NULL) AS live, ev.legal_basis_category, ev.statistics_pending,
    statistics_force_combination(ev.forces) AS forces
    INTO e FROM evictions ev WHERE ev.id = NEW.eviction_id FOR SHARE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'eviction % does not exist', NEW.eviction_id USING ERRCODE = 'foreign_key_violation';
  END IF;
  NEW.eviction_date := e.date;
  NEW.site_id := e.site_id;
  NEW.eviction_status := e.status;
  NEW.eviction_live := e.live;
  NEW.eviction_legal_basis := e.legal_basis_category;
  NEW.eviction_pending := e.statistics_pending;
  NEW.eviction_forces := e.forces;
  RETURN NEW;
END $$;

-- Incidents copy it too; one outside any eviction has none (NULL), so that a force filter leaves it out,
-- as a join to the eviction would.
ALTER TABLE incidents ADD COLUMN eviction_forces text[];

CREATE OR REPLACE FUNCTION incidents_statistics_copy() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE e record;
BEGIN
  IF NEW.eviction_id IS NULL THEN
    NEW.eviction_date := (NEW.occurred_at AT TIME ZONE 'Europe/Paris')::date;
    NEW.eviction_status := NEW.status;
    NEW.eviction_live := NEW.deleted_at IS NULL;
    NEW.eviction_legal_basis := NULL;
    NEW.eviction_forces := NULL;
    RETURN NEW;
  END IF;
  SELECT ev.date, ev.site_id, ev.status, (ev.deleted_at IS NULL AND ev.merged_into IS NULL) AS live, ev.legal_basis_category,
    statistics_force_combination(ev.forces) AS forces
    INTO e FROM evictions ev WHERE ev.id = NEW.eviction_id FOR SHARE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'eviction % does not exist', NEW.eviction_id USING ERRCODE = 'foreign_key_violation';
  END IF;
  NEW.eviction_date := e.date;
  NEW.site_id := e.site_id;
  NEW.eviction_status := e.status;
  NEW.eviction_live := e.live;
  NEW.eviction_legal_basis := e.legal_basis_category;
  NEW.eviction_forces := e.forces;
  RETURN NEW;
END $$;

CREATE OR REPLACE FUNCTION statistics_follow_eviction_state() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  live boolean := NEW.deleted_at IS NULL AND NEW.merged_into IS NULL;
  forces text[] := statistics_force_combination(NEW.forces);
BEGIN
  UPDATE eviction_tallies SET eviction_date = NEW.date, site_id = NEW.site_id, eviction_status = NEW.status, eviction_live = live,
    eviction_legal_basis = NEW.legal_basis_category, eviction_forces = forces
    WHERE eviction_id = NEW.id;
  UPDATE incidents SET eviction_date = NEW.date, site_id = NEW.site_id, eviction_status = NEW.status, eviction_live = live,
    eviction_legal_basis = NEW.legal_basis_category, eviction_forces = forces
    WHERE eviction_id = NEW.id;
  RETURN NULL;
END $$;

DROP TRIGGER evictions_statistics_state ON evictions;
CREATE TRIGGER evictions_statistics_state AFTER UPDATE OF date, site_id, status, deleted_at, merged_into, legal_basis_category, forces ON evictions
  FOR EACH ROW WHEN (OLD.date IS DISTINCT FROM NEW.date OR OLD.site_id IS DISTINCT FROM NEW.site_id
    OR OLD.status IS DISTINCT FROM NEW.status OR OLD.deleted_at IS DISTINCT FROM NEW.deleted_at
    OR OLD.merged_into IS DISTINCT FROM NEW.merged_into OR OLD.legal_basis_category IS DISTINCT FROM NEW.legal_basis_category
    OR statistics_force_combination(OLD.forces) IS DISTINCT FROM statistics_force_combination(NEW.forces))
  EXECUTE FUNCTION statistics_follow_eviction_state();
ALTER TABLE evictions ENABLE ALWAYS TRIGGER evictions_statistics_state;

-- Tallies written before this migration. The combination is in no key of the other item cells, so
-- their update triggers would only compute deltas that cancel: off for this one statement.
ALTER TABLE eviction_tallies DISABLE TRIGGER eviction_tallies_statistics_cells_update;
ALTER TABLE eviction_tallies DISABLE TRIGGER eviction_tallies_statistics_item_totals_update;
ALTER TABLE eviction_tallies DISABLE TRIGGER eviction_tallies_statistics_legal_items_update;
UPDATE eviction_tallies t SET eviction_forces = statistics_force_combination(e.forces)
  FROM evictions e WHERE e.id = t.eviction_id AND e.forces <> '[]'::jsonb;
ALTER TABLE eviction_tallies ENABLE ALWAYS TRIGGER eviction_tallies_statistics_cells_update;
ALTER TABLE eviction_tallies ENABLE ALWAYS TRIGGER eviction_tallies_statistics_item_totals_update;
ALTER TABLE eviction_tallies ENABLE ALWAYS TRIGGER eviction_tallies_statistics_legal_items_update;

-- Incidents and tallies are counted from these copies when the cells cannot answer (a place or a legal basis under a
-- force filter): both statistics indexes cover what such a recount reads, so it reads them alone.
UPDATE incidents i SET eviction_forces = statistics_force_combination(e.forces) FROM evictions e WHERE e.id = i.eviction_id;

-- The incidents' figures read this index alone: the copy joins what it covers.
DROP INDEX incidents_statistics_idx;
CREATE INDEX incidents_statistics_idx ON incidents (organisation_id, eviction_date)
  INCLUDE (eviction_status, site_id, area_id, eviction_id, eviction_legal_basis, kind, incident_type, occurred_at, eviction_forces)
  WHERE eviction_live AND deleted_at IS NULL;
ANALYZE incidents;

DROP INDEX eviction_tallies_statistics_idx;
CREATE INDEX eviction_tallies_statistics_idx ON eviction_tallies (organisation_id, eviction_date)
  INCLUDE (eviction_status, site_id, eviction_id, kind, term, n, at_least, part_of, eviction_legal_basis, eviction_forces) WHERE eviction_live;

-- One eviction's sums come from statistics_cell_parts (migration 20e-01), the one place that says what a cell sums.
CREATE FUNCTION statistics_combination_cells_follow_evictions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    INSERT INTO statistics_combination_totals (organisation_id, span, period, verified, forces, evictions, not_full, quick, persons_evicted_sum, persons_evicted_flag, persons_evicted_unknown, women_sum, women_flag, women_unknown, children_sum, children_flag, children_unknown, families_sum, families_flag, families_unknown, unaccompanied_minors_sum, unaccompanied_minors_flag, unaccompanied_minors_unknown, arrests_sum, arrests_flag, arrests_unknown, arrests_with_violence_sum, arrests_with_violence_flag, arrests_with_violence_unknown, id_checks_sum, id_checks_flag, id_checks_unknown, shelter_accepted_sum, shelter_accepted_flag, shelter_accepted_unknown, shelter_offered_yes, shelter_offered_unknown, social_assessment_yes, social_assessment_unknown)
    SELECT d.organisation_id, d.span, d.period, d.verified, r.forces, sum(d.evictions), sum(d.not_full), sum(d.quick), sum(d.persons_evicted_sum), sum(d.persons_evicted_flag), sum(d.persons_evicted_unknown), sum(d.women_sum), sum(d.women_flag), sum(d.women_unknown), sum(d.children_sum), sum(d.children_flag), sum(d.children_unknown), sum(d.families_sum), sum(d.families_flag), sum(d.families_unknown), sum(d.unaccompanied_minors_sum), sum(d.unaccompanied_minors_flag), sum(d.unaccompanied_minors_unknown), sum(d.arrests_sum), sum(d.arrests_flag), sum(d.arrests_unknown), sum(d.arrests_with_violence_sum), sum(d.arrests_with_violence_flag), sum(d.arrests_with_violence_unknown), sum(d.id_checks_sum), sum(d.id_checks_flag), sum(d.id_checks_unknown), sum(d.shelter_accepted_sum), sum(d.shelter_accepted_flag), sum(d.shelter_accepted_unknown), sum(d.shelter_offered_yes), sum(d.shelter_offered_unknown), sum(d.social_assessment_yes), sum(d.social_assessment_unknown)
    FROM (SELECT -1 AS s, ROW(x.*)::evictions AS x, x.organisation_id, x.date, x.status, x.site_id, x.operation_id, statistics_force_combination(x.forces) AS forces FROM old_rows x WHERE x.deleted_at IS NULL AND x.merged_into IS NULL AND NOT x.statistics_pending AND x.status <> 'rejected') r CROSS JOIN LATERAL statistics_cell_parts(r.x, r.s) d
    GROUP BY d.organisation_id, d.span, d.period, d.verified, r.forces HAVING sum(d.evictions) <> 0 OR sum(d.not_full) <> 0 OR sum(d.quick) <> 0 OR sum(d.persons_evicted_sum) <> 0 OR sum(d.persons_evicted_flag) <> 0 OR sum(d.persons_evicted_unknown) <> 0 OR sum(d.women_sum) <> 0 OR sum(d.women_flag) <> 0 OR sum(d.women_unknown) <> 0 OR sum(d.children_sum) <> 0 OR sum(d.children_flag) <> 0 OR sum(d.children_unknown) <> 0 OR sum(d.families_sum) <> 0 OR sum(d.families_flag) <> 0 OR sum(d.families_unknown) <> 0 OR sum(d.unaccompanied_minors_sum) <> 0 OR sum(d.unaccompanied_minors_flag) <> 0 OR sum(d.unaccompanied_minors_unknown) <> 0 OR sum(d.arrests_sum) <> 0 OR sum(d.arrests_flag) <> 0 OR sum(d.arrests_unknown) <> 0 OR sum(d.arrests_with_violence_sum) <> 0 OR sum(d.arrests_with_violence_flag) <> 0 OR sum(d.arrests_with_violence_unknown) <> 0 OR sum(d.id_checks_sum) <> 0 OR sum(d.id_checks_flag) <> 0 OR sum(d.id_checks_unknown) <> 0 OR sum(d.shelter_accepted_sum) <> 0 OR sum(d.shelter_accepted_flag) <> 0 OR sum(d.shelter_accepted_unknown) <> 0 OR sum(d.shelter_offered_yes) <> 0 OR sum(d.shelter_offered_unknown) <> 0 OR sum(d.social_assessment_yes) <> 0 OR sum(d.social_assessment_unknown) <> 0;
    INSERT INTO statistics_combination_site_cells (organisation_id, span, period, verified, forces, site_id, evictions)
    SELECT r.organisation_id, g.span, CASE g.span WHEN 'day' THEN r.date WHEN 'week' THEN date_trunc('week', r.date::timestamp)::date ELSE date_trunc('month', r.date::timestamp)::date END, r.status = 'verified', r.forces, r.site_id, sum(r.s)
    FROM (SELECT -1 AS s, ROW(x.*)::evictions AS x, x.organisation_id, x.date, x.status, x.site_id, x.operation_id, statistics_force_combination(x.forces) AS forces FROM old_rows x WHERE x.deleted_at IS NULL AND x.merged_into IS NULL AND NOT x.statistics_pending AND x.status <> 'rejected') r CROSS JOIN (VALUES ('day'), ('week'), ('month')) AS g(span)
    GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(r.s) <> 0;
    INSERT INTO statistics_combination_operation_cells (organisation_id, span, period, verified, forces, operation_id, evictions)
    SELECT r.organisation_id, g.span, CASE g.span WHEN 'day' THEN r.date WHEN 'week' THEN date_trunc('week', r.date::timestamp)::date ELSE date_trunc('month', r.date::timestamp)::date END, r.status = 'verified', r.forces, r.operation_id, sum(r.s)
    FROM (SELECT -1 AS s, ROW(x.*)::evictions AS x, x.organisation_id, x.date, x.status, x.site_id, x.operation_id, statistics_force_combination(x.forces) AS forces FROM old_rows x WHERE x.deleted_at IS NULL AND x.merged_into IS NULL AND NOT x.statistics_pending AND x.status <> 'rejected') r CROSS JOIN (VALUES ('day'), ('week'), ('month')) AS g(span)
    GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(r.s) <> 0;
  ELSE
    INSERT INTO statistics_combination_totals (organisation_id, span, period, verified, forces, evictions, not_full, quick, persons_evicted_sum, persons_evicted_flag, persons_evicted_unknown, women_sum, women_flag, women_unknown, children_sum, children_flag, children_unknown, families_sum, families_flag, families_unknown, unaccompanied_minors_sum, unaccompanied_minors_flag, unaccompanied_minors_unknown, arrests_sum, arrests_flag, arrests_unknown, arrests_with_violence_sum, arrests_with_violence_flag, arrests_with_violence_unknown, id_checks_sum, id_checks_flag, id_checks_unknown, shelter_accepted_sum, shelter_accepted_flag, shelter_accepted_unknown, shelter_offered_yes, shelter_offered_unknown, social_assessment_yes, social_assessment_unknown)
    SELECT d.organisation_id, d.span, d.period, d.verified, r.forces, sum(d.evictions), sum(d.not_full), sum(d.quick), sum(d.persons_evicted_sum), sum(d.persons_evicted_flag), sum(d.persons_evicted_unknown), sum(d.women_sum), sum(d.women_flag), sum(d.women_unknown), sum(d.children_sum), sum(d.children_flag), sum(d.children_unknown), sum(d.families_sum), sum(d.families_flag), sum(d.families_unknown), sum(d.unaccompanied_minors_sum), sum(d.unaccompanied_minors_flag), sum(d.unaccompanied_minors_unknown), sum(d.arrests_sum), sum(d.arrests_flag), sum(d.arrests_unknown), sum(d.arrests_with_violence_sum), sum(d.arrests_with_violence_flag), sum(d.arrests_with_violence_unknown), sum(d.id_checks_sum), sum(d.id_checks_flag), sum(d.id_checks_unknown), sum(d.shelter_accepted_sum), sum(d.shelter_accepted_flag), sum(d.shelter_accepted_unknown), sum(d.shelter_offered_yes), sum(d.shelter_offered_unknown), sum(d.social_assessment_yes), sum(d.social_assessment_unknown)
    FROM (SELECT 1 AS s, ROW(x.*)::evictions AS x, x.organisation_id, x.date, x.status, x.site_id, x.operation_id, statistics_force_combination(x.forces) AS forces FROM new_rows x WHERE x.deleted_at IS NULL AND x.merged_into IS NULL AND NOT x.statistics_pending AND x.status <> 'rejected' UNION ALL SELECT -1 AS s, ROW(x.*)::evictions AS x, x.organisation_id, x.date, x.status, x.site_id, x.operation_id, statistics_force_combination(x.forces) AS forces FROM old_rows x WHERE x.deleted_at IS NULL AND x.merged_into IS NULL AND NOT x.statistics_pending AND x.status <> 'rejected') r CROSS JOIN LATERAL statistics_cell_parts(r.x, r.s) d
    GROUP BY d.organisation_id, d.span, d.period, d.verified, r.forces HAVING sum(d.evictions) <> 0 OR sum(d.not_full) <> 0 OR sum(d.quick) <> 0 OR sum(d.persons_evicted_sum) <> 0 OR sum(d.persons_evicted_flag) <> 0 OR sum(d.persons_evicted_unknown) <> 0 OR sum(d.women_sum) <> 0 OR sum(d.women_flag) <> 0 OR sum(d.women_unknown) <> 0 OR sum(d.children_sum) <> 0 OR sum(d.children_flag) <> 0 OR sum(d.children_unknown) <> 0 OR sum(d.families_sum) <> 0 OR sum(d.families_flag) <> 0 OR sum(d.families_unknown) <> 0 OR sum(d.unaccompanied_minors_sum) <> 0 OR sum(d.unaccompanied_minors_flag) <> 0 OR sum(d.unaccompanied_minors_unknown) <> 0 OR sum(d.arrests_sum) <> 0 OR sum(d.arrests_flag) <> 0 OR sum(d.arrests_unknown) <> 0 OR sum(d.arrests_with_violence_sum) <> 0 OR sum(d.arrests_with_violence_flag) <> 0 OR sum(d.arrests_with_violence_unknown) <> 0 OR sum(d.id_checks_sum) <> 0 OR sum(d.id_checks_flag) <> 0 OR sum(d.id_checks_unknown) <> 0 OR sum(d.shelter_accepted_sum) <> 0 OR sum(d.shelter_accepted_flag) <> 0 OR sum(d.shelter_accepted_unknown) <> 0 OR sum(d.shelter_offered_yes) <> 0 OR sum(d.shelter_offered_unknown) <> 0 OR sum(d.social_assessment_yes) <> 0 OR sum(d.social_assessment_unknown) <> 0;
    INSERT INTO statistics_combination_site_cells (organisation_id, span, period, verified, forces, site_id, evictions)
    SELECT r.organisation_id, g.span, CASE g.span WHEN 'day' THEN r.date WHEN 'week' THEN date_trunc('week', r.date::timestamp)::date ELSE date_trunc('month', r.date::timestamp)::date END, r.status = 'verified', r.forces, r.site_id, sum(r.s)
    FROM (SELECT 1 AS s, ROW(x.*)::evictions AS x, x.organisation_id, x.date, x.status, x.site_id, x.operation_id, statistics_force_combination(x.forces) AS forces FROM new_rows x WHERE x.deleted_at IS NULL AND x.merged_into IS NULL AND NOT x.statistics_pending AND x.status <> 'rejected' UNION ALL SELECT -1 AS s, ROW(x.*)::evictions AS x, x.organisation_id, x.date, x.status, x.site_id, x.operation_id, statistics_force_combination(x.forces) AS forces FROM old_rows x WHERE x.deleted_at IS NULL AND x.merged_into IS NULL AND NOT x.statistics_pending AND x.status <> 'rejected') r CROSS JOIN (VALUES ('day'), ('week'), ('month')) AS g(span)
    GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(r.s) <> 0;
    INSERT INTO statistics_combination_operation_cells (organisation_id, span, period, verified, forces, operation_id, evictions)
    SELECT r.organisation_id, g.span, CASE g.span WHEN 'day' THEN r.date WHEN 'week' THEN date_trunc('week', r.date::timestamp)::date ELSE date_trunc('month', r.date::timestamp)::date END, r.status = 'verified', r.forces, r.operation_id, sum(r.s)
    FROM (SELECT 1 AS s, ROW(x.*)::evictions AS x, x.organisation_id, x.date, x.status, x.site_id, x.operation_id, statistics_force_combination(x.forces) AS forces FROM new_rows x WHERE x.deleted_at IS NULL AND x.merged_into IS NULL AND NOT x.statistics_pending AND x.status <> 'rejected' UNION ALL SELECT -1 AS s, ROW(x.*)::evictions AS x, x.organisation_id, x.date, x.status, x.site_id, x.operation_id, statistics_force_combination(x.forces) AS forces FROM old_rows x WHERE x.deleted_at IS NULL AND x.merged_into IS NULL AND NOT x.statistics_pending AND x.status <> 'rejected') r CROSS JOIN (VALUES ('day'), ('week'), ('month')) AS g(span)
    GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(r.s) <> 0;
  END IF;
  RETURN NULL;
END $$;

-- No insert trigger: a new eviction is pending (migration 20k-01) and enters when the promoter clears the flag.
CREATE TRIGGER evictions_statistics_combination_cells_update AFTER UPDATE ON evictions
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION statistics_combination_cells_follow_evictions();
ALTER TABLE evictions ENABLE ALWAYS TRIGGER evictions_statistics_combination_cells_update;
CREATE TRIGGER evictions_statistics_combination_cells_delete AFTER DELETE ON evictions
  REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION statistics_combination_cells_follow_evictions();
ALTER TABLE evictions ENABLE ALWAYS TRIGGER evictions_statistics_combination_cells_delete;

CREATE FUNCTION statistics_combination_items_follow_tallies() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO statistics_combination_item_totals (organisation_id, span, period, verified, forces, kind, term, is_part, tallies, n, at_least)
    SELECT r.organisation_id, g.span, CASE g.span WHEN 'day' THEN r.eviction_date WHEN 'week' THEN date_trunc('week', r.eviction_date::timestamp)::date ELSE date_trunc('month', r.eviction_date::timestamp)::date END, r.eviction_status = 'verified', r.eviction_forces, r.kind, r.term, r.part_of IS NOT NULL,
      sum(r.s), sum(r.s * r.n), sum(r.s * r.at_least::int)
    FROM (SELECT 1 AS s, x.* FROM new_rows x WHERE x.eviction_live AND NOT x.eviction_pending AND x.eviction_status <> 'rejected') r CROSS JOIN (VALUES ('day'), ('week'), ('month')) AS g(span)
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 HAVING sum(r.s) <> 0 OR sum(r.s * r.n) <> 0 OR sum(r.s * r.at_least::int) <> 0;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO statistics_combination_item_totals (organisation_id, span, period, verified, forces, kind, term, is_part, tallies, n, at_least)
    SELECT r.organisation_id, g.span, CASE g.span WHEN 'day' THEN r.eviction_date WHEN 'week' THEN date_trunc('week', r.eviction_date::timestamp)::date ELSE date_trunc('month', r.eviction_date::timestamp)::date END, r.eviction_status = 'verified', r.eviction_forces, r.kind, r.term, r.part_of IS NOT NULL,
      sum(r.s), sum(r.s * r.n), sum(r.s * r.at_least::int)
    FROM (SELECT -1 AS s, x.* FROM old_rows x WHERE x.eviction_live AND NOT x.eviction_pending AND x.eviction_status <> 'rejected') r CROSS JOIN (VALUES ('day'), ('week'), ('month')) AS g(span)
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 HAVING sum(r.s) <> 0 OR sum(r.s * r.n) <> 0 OR sum(r.s * r.at_least::int) <> 0;
  ELSE
    INSERT INTO statistics_combination_item_totals (organisation_id, span, period, verified, forces, kind, term, is_part, tallies, n, at_least)
    SELECT r.organisation_id, g.span, CASE g.span WHEN 'day' THEN r.eviction_date WHEN 'week' THEN date_trunc('week', r.eviction_date::timestamp)::date ELSE date_trunc('month', r.eviction_date::timestamp)::date END, r.eviction_status = 'verified', r.eviction_forces, r.kind, r.term, r.part_of IS NOT NULL,
      sum(r.s), sum(r.s * r.n), sum(r.s * r.at_least::int)
    FROM (SELECT 1 AS s, x.* FROM new_rows x WHERE x.eviction_live AND NOT x.eviction_pending AND x.eviction_status <> 'rejected' UNION ALL SELECT -1 AS s, x.* FROM old_rows x WHERE x.eviction_live AND NOT x.eviction_pending AND x.eviction_status <> 'rejected') r CROSS JOIN (VALUES ('day'), ('week'), ('month')) AS g(span)
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 HAVING sum(r.s) <> 0 OR sum(r.s * r.n) <> 0 OR sum(r.s * r.at_least::int) <> 0;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER eviction_tallies_statistics_combination_items_insert AFTER INSERT ON eviction_tallies
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION statistics_combination_items_follow_tallies();
ALTER TABLE eviction_tallies ENABLE ALWAYS TRIGGER eviction_tallies_statistics_combination_items_insert;
CREATE TRIGGER eviction_tallies_statistics_combination_items_update AFTER UPDATE ON eviction_tallies
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION statistics_combination_items_follow_tallies();
ALTER TABLE eviction_tallies ENABLE ALWAYS TRIGGER eviction_tallies_statistics_combination_items_update;
CREATE TRIGGER eviction_tallies_statistics_combination_items_delete AFTER DELETE ON eviction_tallies
  REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION statistics_combination_items_follow_tallies();
ALTER TABLE eviction_tallies ENABLE ALWAYS TRIGGER eviction_tallies_statistics_combination_items_delete;

-- Each key's delta rows into one; rows of transactions still running are not visible and stay.
CREATE FUNCTION statistics_combination_cells_fold() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF NOT pg_try_advisory_xact_lock(hashtext('statistics_combination_cells_fold')) THEN RETURN; END IF;
  WITH keys AS (SELECT DISTINCT organisation_id, span, period, verified, forces FROM statistics_combination_totals WHERE NOT folded),
  gone AS (
    DELETE FROM statistics_combination_totals c USING keys k
    WHERE c.organisation_id = k.organisation_id AND c.span = k.span AND c.period = k.period AND c.verified = k.verified AND c.forces = k.forces
    RETURNING c.*
  )
  INSERT INTO statistics_combination_totals (organisation_id, span, period, verified, forces, folded, evictions, not_full, quick, persons_evicted_sum, persons_evicted_flag, persons_evicted_unknown, women_sum, women_flag, women_unknown, children_sum, children_flag, children_unknown, families_sum, families_flag, families_unknown, unaccompanied_minors_sum, unaccompanied_minors_flag, unaccompanied_minors_unknown, arrests_sum, arrests_flag, arrests_unknown, arrests_with_violence_sum, arrests_with_violence_flag, arrests_with_violence_unknown, id_checks_sum, id_checks_flag, id_checks_unknown, shelter_accepted_sum, shelter_accepted_flag, shelter_accepted_unknown, shelter_offered_yes, shelter_offered_unknown, social_assessment_yes, social_assessment_unknown)
  SELECT organisation_id, span, period, verified, forces, true, sum(evictions), sum(not_full), sum(quick), sum(persons_evicted_sum), sum(persons_evicted_flag), sum(persons_evicted_unknown), sum(women_sum), sum(women_flag), sum(women_unknown), sum(children_sum), sum(children_flag), sum(children_unknown), sum(families_sum), sum(families_flag), sum(families_unknown), sum(unaccompanied_minors_sum), sum(unaccompanied_minors_flag), sum(unaccompanied_minors_unknown), sum(arrests_sum), sum(arrests_flag), sum(arrests_unknown), sum(arrests_with_violence_sum), sum(arrests_with_violence_flag), sum(arrests_with_violence_unknown), sum(id_checks_sum), sum(id_checks_flag), sum(id_checks_unknown), sum(shelter_accepted_sum), sum(shelter_accepted_flag), sum(shelter_accepted_unknown), sum(shelter_offered_yes), sum(shelter_offered_unknown), sum(social_assessment_yes), sum(social_assessment_unknown) FROM gone
  GROUP BY organisation_id, span, period, verified, forces HAVING sum(evictions) <> 0 OR sum(not_full) <> 0 OR sum(quick) <> 0 OR sum(persons_evicted_sum) <> 0 OR sum(persons_evicted_flag) <> 0 OR sum(persons_evicted_unknown) <> 0 OR sum(women_sum) <> 0 OR sum(women_flag) <> 0 OR sum(women_unknown) <> 0 OR sum(children_sum) <> 0 OR sum(children_flag) <> 0 OR sum(children_unknown) <> 0 OR sum(families_sum) <> 0 OR sum(families_flag) <> 0 OR sum(families_unknown) <> 0 OR sum(unaccompanied_minors_sum) <> 0 OR sum(unaccompanied_minors_flag) <> 0 OR sum(unaccompanied_minors_unknown) <> 0 OR sum(arrests_sum) <> 0 OR sum(arrests_flag) <> 0 OR sum(arrests_unknown) <> 0 OR sum(arrests_with_violence_sum) <> 0 OR sum(arrests_with_violence_flag) <> 0 OR sum(arrests_with_violence_unknown) <> 0 OR sum(id_checks_sum) <> 0 OR sum(id_checks_flag) <> 0 OR sum(id_checks_unknown) <> 0 OR sum(shelter_accepted_sum) <> 0 OR sum(shelter_accepted_flag) <> 0 OR sum(shelter_accepted_unknown) <> 0 OR sum(shelter_offered_yes) <> 0 OR sum(shelter_offered_unknown) <> 0 OR sum(social_assessment_yes) <> 0 OR sum(social_assessment_unknown) <> 0;
  WITH keys AS (SELECT DISTINCT organisation_id, span, period, verified, forces, site_id FROM statistics_combination_site_cells WHERE NOT folded),
  gone AS (
    DELETE FROM statistics_combination_site_cells c USING keys k
    WHERE c.organisation_id = k.organisation_id AND c.span = k.span AND c.period = k.period AND c.verified = k.verified AND c.forces = k.forces AND c.site_id = k.site_id
    RETURNING c.*
  )
  INSERT INTO statistics_combination_site_cells (organisation_id, span, period, verified, forces, site_id, folded, evictions)
  SELECT organisation_id, span, period, verified, forces, site_id, true, sum(evictions) FROM gone
  GROUP BY organisation_id, span, period, verified, forces, site_id HAVING sum(evictions) <> 0;
  WITH keys AS (SELECT DISTINCT organisation_id, span, period, verified, forces, operation_id FROM statistics_combination_operation_cells WHERE NOT folded),
  gone AS (
    DELETE FROM statistics_combination_operation_cells c USING keys k
    WHERE c.organisation_id = k.organisation_id AND c.span = k.span AND c.period = k.period AND c.verified = k.verified AND c.forces = k.forces AND c.operation_id = k.operation_id
    RETURNING c.*
  )
  INSERT INTO statistics_combination_operation_cells (organisation_id, span, period, verified, forces, operation_id, folded, evictions)
  SELECT organisation_id, span, period, verified, forces, operation_id, true, sum(evictions) FROM gone
  GROUP BY organisation_id, span, period, verified, forces, operation_id HAVING sum(evictions) <> 0;
  WITH keys AS (SELECT DISTINCT organisation_id, span, period, verified, forces, kind, term, is_part FROM statistics_combination_item_totals WHERE NOT folded),
  gone AS (
    DELETE FROM statistics_combination_item_totals c USING keys k
    WHERE c.organisation_id = k.organisation_id AND c.span = k.span AND c.period = k.period AND c.verified = k.verified AND c.forces = k.forces AND c.kind = k.kind AND c.term = k.term AND c.is_part = k.is_part
    RETURNING c.*
  )
  INSERT INTO statistics_combination_item_totals (organisation_id, span, period, verified, forces, kind, term, is_part, folded, tallies, n, at_least)
  SELECT organisation_id, span, period, verified, forces, kind, term, is_part, true, sum(tallies), sum(n), sum(at_least) FROM gone
  GROUP BY organisation_id, span, period, verified, forces, kind, term, is_part HAVING sum(tallies) <> 0 OR sum(n) <> 0 OR sum(at_least) <> 0;
END $$;

-- Records counted before this migration (pending ones enter through the promoter).
DO $$
BEGIN
    INSERT INTO statistics_combination_totals (folded, organisation_id, span, period, verified, forces, evictions, not_full, quick, persons_evicted_sum, persons_evicted_flag, persons_evicted_unknown, women_sum, women_flag, women_unknown, children_sum, children_flag, children_unknown, families_sum, families_flag, families_unknown, unaccompanied_minors_sum, unaccompanied_minors_flag, unaccompanied_minors_unknown, arrests_sum, arrests_flag, arrests_unknown, arrests_with_violence_sum, arrests_with_violence_flag, arrests_with_violence_unknown, id_checks_sum, id_checks_flag, id_checks_unknown, shelter_accepted_sum, shelter_accepted_flag, shelter_accepted_unknown, shelter_offered_yes, shelter_offered_unknown, social_assessment_yes, social_assessment_unknown)
    SELECT true, d.organisation_id, d.span, d.period, d.verified, r.forces, sum(d.evictions), sum(d.not_full), sum(d.quick), sum(d.persons_evicted_sum), sum(d.persons_evicted_flag), sum(d.persons_evicted_unknown), sum(d.women_sum), sum(d.women_flag), sum(d.women_unknown), sum(d.children_sum), sum(d.children_flag), sum(d.children_unknown), sum(d.families_sum), sum(d.families_flag), sum(d.families_unknown), sum(d.unaccompanied_minors_sum), sum(d.unaccompanied_minors_flag), sum(d.unaccompanied_minors_unknown), sum(d.arrests_sum), sum(d.arrests_flag), sum(d.arrests_unknown), sum(d.arrests_with_violence_sum), sum(d.arrests_with_violence_flag), sum(d.arrests_with_violence_unknown), sum(d.id_checks_sum), sum(d.id_checks_flag), sum(d.id_checks_unknown), sum(d.shelter_accepted_sum), sum(d.shelter_accepted_flag), sum(d.shelter_accepted_unknown), sum(d.shelter_offered_yes), sum(d.shelter_offered_unknown), sum(d.social_assessment_yes), sum(d.social_assessment_unknown)
    FROM (SELECT 1 AS s, x, x.organisation_id, x.date, x.status, x.site_id, x.operation_id, statistics_force_combination(x.forces) AS forces FROM evictions x WHERE x.deleted_at IS NULL AND x.merged_into IS NULL AND NOT x.statistics_pending AND x.status <> 'rejected') r CROSS JOIN LATERAL statistics_cell_parts(r.x, r.s) d
    GROUP BY d.organisation_id, d.span, d.period, d.verified, r.forces HAVING sum(d.evictions) <> 0 OR sum(d.not_full) <> 0 OR sum(d.quick) <> 0 OR sum(d.persons_evicted_sum) <> 0 OR sum(d.persons_evicted_flag) <> 0 OR sum(d.persons_evicted_unknown) <> 0 OR sum(d.women_sum) <> 0 OR sum(d.women_flag) <> 0 OR sum(d.women_unknown) <> 0 OR sum(d.children_sum) <> 0 OR sum(d.children_flag) <> 0 OR sum(d.children_unknown) <> 0 OR sum(d.families_sum) <> 0 OR sum(d.families_flag) <> 0 OR sum(d.families_unknown) <> 0 OR sum(d.unaccompanied_minors_sum) <> 0 OR sum(d.unaccompanied_minors_flag) <> 0 OR sum(d.unaccompanied_minors_unknown) <> 0 OR sum(d.arrests_sum) <> 0 OR sum(d.arrests_flag) <> 0 OR sum(d.arrests_unknown) <> 0 OR sum(d.arrests_with_violence_sum) <> 0 OR sum(d.arrests_with_violence_flag) <> 0 OR sum(d.arrests_with_violence_unknown) <> 0 OR sum(d.id_checks_sum) <> 0 OR sum(d.id_checks_flag) <> 0 OR sum(d.id_checks_unknown) <> 0 OR sum(d.shelter_accepted_sum) <> 0 OR sum(d.shelter_accepted_flag) <> 0 OR sum(d.shelter_accepted_unknown) <> 0 OR sum(d.shelter_offered_yes) <> 0 OR sum(d.shelter_offered_unknown) <> 0 OR sum(d.social_assessment_yes) <> 0 OR sum(d.social_assessment_unknown) <> 0;
    INSERT INTO statistics_combination_site_cells (folded, organisation_id, span, period, verified, forces, site_id, evictions)
    SELECT true, r.organisation_id, g.span, CASE g.span WHEN 'day' THEN r.date WHEN 'week' THEN date_trunc('week', r.date::timestamp)::date ELSE date_trunc('month', r.date::timestamp)::date END, r.status = 'verified', r.forces, r.site_id, sum(r.s)
    FROM (SELECT 1 AS s, x, x.organisation_id, x.date, x.status, x.site_id, x.operation_id, statistics_force_combination(x.forces) AS forces FROM evictions x WHERE x.deleted_at IS NULL AND x.merged_into IS NULL AND NOT x.statistics_pending AND x.status <> 'rejected') r CROSS JOIN (VALUES ('day'), ('week'), ('month')) AS g(span)
    GROUP BY 2, 3, 4, 5, 6, 7 HAVING sum(r.s) <> 0;
    INSERT INTO statistics_combination_operation_cells (folded, organisation_id, span, period, verified, forces, operation_id, evictions)
    SELECT true, r.organisation_id, g.span, CASE g.span WHEN 'day' THEN r.date WHEN 'week' THEN date_trunc('week', r.date::timestamp)::date ELSE date_trunc('month', r.date::timestamp)::date END, r.status = 'verified', r.forces, r.operation_id, sum(r.s)
    FROM (SELECT 1 AS s, x, x.organisation_id, x.date, x.status, x.site_id, x.operation_id, statistics_force_combination(x.forces) AS forces FROM evictions x WHERE x.deleted_at IS NULL AND x.merged_into IS NULL AND NOT x.statistics_pending AND x.status <> 'rejected') r CROSS JOIN (VALUES ('day'), ('week'), ('month')) AS g(span)
    GROUP BY 2, 3, 4, 5, 6, 7 HAVING sum(r.s) <> 0;
    INSERT INTO statistics_combination_item_totals (folded, organisation_id, span, period, verified, forces, kind, term, is_part, tallies, n, at_least)
    SELECT true, r.organisation_id, g.span, CASE g.span WHEN 'day' THEN r.eviction_date WHEN 'week' THEN date_trunc('week', r.eviction_date::timestamp)::date ELSE date_trunc('month', r.eviction_date::timestamp)::date END, r.eviction_status = 'verified', r.eviction_forces, r.kind, r.term, r.part_of IS NOT NULL,
      sum(r.s), sum(r.s * r.n), sum(r.s * r.at_least::int)
    FROM (SELECT 1 AS s, x.* FROM eviction_tallies x WHERE x.eviction_live AND NOT x.eviction_pending AND x.eviction_status <> 'rejected') r CROSS JOIN (VALUES ('day'), ('week'), ('month')) AS g(span)
    GROUP BY 2, 3, 4, 5, 6, 7, 8, 9 HAVING sum(r.s) <> 0 OR sum(r.s * r.n) <> 0 OR sum(r.s * r.at_least::int) <> 0;
END $$;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['statistics_combination_totals', 'statistics_combination_site_cells', 'statistics_combination_operation_cells', 'statistics_combination_item_totals'] LOOP
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
