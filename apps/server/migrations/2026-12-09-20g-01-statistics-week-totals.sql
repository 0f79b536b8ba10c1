-- Statistics (issue 20, item 3): the weekly series without the site. A weekly series read the
-- week cells of migration 20e-01, which are keyed by site: a year is ≈ 19,000 site × week rows of
-- 34 sums, one per heap page after folds (the cells' index cannot cover 34 sums), 250–320 ms at a
-- million evictions. Without the site a year is 53 week rows (and the days at its edges).
--
--   statistics_week_totals: every sum of statistics_cells per organisation × span (ISO week, or
--     the Paris day for the days at a period's edges) × verified-or-not, without the site;
--   statistics_cells_idx, rebuilt on the same key with the evictions included, so that distinct
--     sites per week (a count, not a sum: the site must stay somewhere) are read from the index
--     alone: ≈ 19,000 narrow index entries a year instead of as many heap pages.
--
-- Kept exact from the cells themselves: every change to statistics_cells' sums is an appended,
-- unfolded delta row (the evictions' triggers), and the only other writer, the fold, deletes a
-- key's rows and puts their sum back as one folded row. So a statement-level trigger on the
-- cells' inserts appends each statement's unfolded day and week deltas summed without the site
-- (one row per touched week or day; a site merge's deltas cancel out and append nothing), and
-- statistics_week_totals_fold() (the same five-minute job) folds each key's rows into one.

CREATE TABLE statistics_week_totals (
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  span text NOT NULL CHECK (span IN ('day', 'week')),
  period date NOT NULL,
  verified boolean NOT NULL,
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
CREATE INDEX statistics_week_totals_idx ON statistics_week_totals (organisation_id, span, period, verified);
CREATE INDEX statistics_week_totals_unfolded_idx ON statistics_week_totals (organisation_id) WHERE NOT folded;

CREATE FUNCTION statistics_week_totals_follow_cells() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO statistics_week_totals (organisation_id, span, period, verified, evictions, not_full, quick, persons_evicted_sum, persons_evicted_flag, persons_evicted_unknown, women_sum, women_flag, women_unknown, children_sum, children_flag, children_unknown, families_sum, families_flag, families_unknown, unaccompanied_minors_sum, unaccompanied_minors_flag, unaccompanied_minors_unknown, arrests_sum, arrests_flag, arrests_unknown, arrests_with_violence_sum, arrests_with_violence_flag, arrests_with_violence_unknown, id_checks_sum, id_checks_flag, id_checks_unknown, shelter_accepted_sum, shelter_accepted_flag, shelter_accepted_unknown, shelter_offered_yes, shelter_offered_unknown, social_assessment_yes, social_assessment_unknown)
  SELECT organisation_id, span, period, verified, sum(evictions), sum(not_full), sum(quick), sum(persons_evicted_sum), sum(persons_evicted_flag), sum(persons_evicted_unknown), sum(women_sum), sum(women_flag), sum(women_unknown), sum(children_sum), sum(children_flag), sum(children_unknown), sum(families_sum), sum(families_flag), sum(families_unknown), sum(unaccompanied_minors_sum), sum(unaccompanied_minors_flag), sum(unaccompanied_minors_unknown), sum(arrests_sum), sum(arrests_flag), sum(arrests_unknown), sum(arrests_with_violence_sum), sum(arrests_with_violence_flag), sum(arrests_with_violence_unknown), sum(id_checks_sum), sum(id_checks_flag), sum(id_checks_unknown), sum(shelter_accepted_sum), sum(shelter_accepted_flag), sum(shelter_accepted_unknown), sum(shelter_offered_yes), sum(shelter_offered_unknown), sum(social_assessment_yes), sum(social_assessment_unknown)
  FROM new_rows WHERE NOT folded AND span IN ('day', 'week')
  GROUP BY 1, 2, 3, 4 HAVING sum(evictions) <> 0 OR sum(not_full) <> 0 OR sum(quick) <> 0 OR sum(persons_evicted_sum) <> 0 OR sum(persons_evicted_flag) <> 0 OR sum(persons_evicted_unknown) <> 0 OR sum(women_sum) <> 0 OR sum(women_flag) <> 0 OR sum(women_unknown) <> 0 OR sum(children_sum) <> 0 OR sum(children_flag) <> 0 OR sum(children_unknown) <> 0 OR sum(families_sum) <> 0 OR sum(families_flag) <> 0 OR sum(families_unknown) <> 0 OR sum(unaccompanied_minors_sum) <> 0 OR sum(unaccompanied_minors_flag) <> 0 OR sum(unaccompanied_minors_unknown) <> 0 OR sum(arrests_sum) <> 0 OR sum(arrests_flag) <> 0 OR sum(arrests_unknown) <> 0 OR sum(arrests_with_violence_sum) <> 0 OR sum(arrests_with_violence_flag) <> 0 OR sum(arrests_with_violence_unknown) <> 0 OR sum(id_checks_sum) <> 0 OR sum(id_checks_flag) <> 0 OR sum(id_checks_unknown) <> 0 OR sum(shelter_accepted_sum) <> 0 OR sum(shelter_accepted_flag) <> 0 OR sum(shelter_accepted_unknown) <> 0 OR sum(shelter_offered_yes) <> 0 OR sum(shelter_offered_unknown) <> 0 OR sum(social_assessment_yes) <> 0 OR sum(social_assessment_unknown) <> 0
  ORDER BY 1, 2, 3, 4;
  RETURN NULL;
END $$;

CREATE TRIGGER statistics_cells_week_totals AFTER INSERT ON statistics_cells
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION statistics_week_totals_follow_cells();
-- As the evictions' cell triggers: also under session_replication_role = replica (the bench's bulk load).
ALTER TABLE statistics_cells ENABLE ALWAYS TRIGGER statistics_cells_week_totals;

-- Each key's delta rows into one; rows of transactions still running are not visible and stay.
CREATE FUNCTION statistics_week_totals_fold() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF NOT pg_try_advisory_xact_lock(hashtext('statistics_week_totals_fold')) THEN RETURN; END IF;
  WITH keys AS (SELECT DISTINCT organisation_id, span, period, verified FROM statistics_week_totals WHERE NOT folded),
  gone AS (
    DELETE FROM statistics_week_totals c USING keys k
    WHERE c.organisation_id = k.organisation_id AND c.span = k.span AND c.period = k.period AND c.verified = k.verified
    RETURNING c.*
  )
  INSERT INTO statistics_week_totals (organisation_id, span, period, verified, folded, evictions, not_full, quick, persons_evicted_sum, persons_evicted_flag, persons_evicted_unknown, women_sum, women_flag, women_unknown, children_sum, children_flag, children_unknown, families_sum, families_flag, families_unknown, unaccompanied_minors_sum, unaccompanied_minors_flag, unaccompanied_minors_unknown, arrests_sum, arrests_flag, arrests_unknown, arrests_with_violence_sum, arrests_with_violence_flag, arrests_with_violence_unknown, id_checks_sum, id_checks_flag, id_checks_unknown, shelter_accepted_sum, shelter_accepted_flag, shelter_accepted_unknown, shelter_offered_yes, shelter_offered_unknown, social_assessment_yes, social_assessment_unknown)
  SELECT organisation_id, span, period, verified, true, sum(evictions), sum(not_full), sum(quick), sum(persons_evicted_sum), sum(persons_evicted_flag), sum(persons_evicted_unknown), sum(women_sum), sum(women_flag), sum(women_unknown), sum(children_sum), sum(children_flag), sum(children_unknown), sum(families_sum), sum(families_flag), sum(families_unknown), sum(unaccompanied_minors_sum), sum(unaccompanied_minors_flag), sum(unaccompanied_minors_unknown), sum(arrests_sum), sum(arrests_flag), sum(arrests_unknown), sum(arrests_with_violence_sum), sum(arrests_with_violence_flag), sum(arrests_with_violence_unknown), sum(id_checks_sum), sum(id_checks_flag), sum(id_checks_unknown), sum(shelter_accepted_sum), sum(shelter_accepted_flag), sum(shelter_accepted_unknown), sum(shelter_offered_yes), sum(shelter_offered_unknown), sum(social_assessment_yes), sum(social_assessment_unknown) FROM gone
  GROUP BY organisation_id, span, period, verified HAVING sum(evictions) <> 0;
END $$;

-- Cells written before this migration, summed without the site (folded or not: all rows of a key count).
INSERT INTO statistics_week_totals (folded, organisation_id, span, period, verified, evictions, not_full, quick, persons_evicted_sum, persons_evicted_flag, persons_evicted_unknown, women_sum, women_flag, women_unknown, children_sum, children_flag, children_unknown, families_sum, families_flag, families_unknown, unaccompanied_minors_sum, unaccompanied_minors_flag, unaccompanied_minors_unknown, arrests_sum, arrests_flag, arrests_unknown, arrests_with_violence_sum, arrests_with_violence_flag, arrests_with_violence_unknown, id_checks_sum, id_checks_flag, id_checks_unknown, shelter_accepted_sum, shelter_accepted_flag, shelter_accepted_unknown, shelter_offered_yes, shelter_offered_unknown, social_assessment_yes, social_assessment_unknown)
SELECT true, organisation_id, span, period, verified, sum(evictions), sum(not_full), sum(quick), sum(persons_evicted_sum), sum(persons_evicted_flag), sum(persons_evicted_unknown), sum(women_sum), sum(women_flag), sum(women_unknown), sum(children_sum), sum(children_flag), sum(children_unknown), sum(families_sum), sum(families_flag), sum(families_unknown), sum(unaccompanied_minors_sum), sum(unaccompanied_minors_flag), sum(unaccompanied_minors_unknown), sum(arrests_sum), sum(arrests_flag), sum(arrests_unknown), sum(arrests_with_violence_sum), sum(arrests_with_violence_flag), sum(arrests_with_violence_unknown), sum(id_checks_sum), sum(id_checks_flag), sum(id_checks_unknown), sum(shelter_accepted_sum), sum(shelter_accepted_flag), sum(shelter_accepted_unknown), sum(shelter_offered_yes), sum(shelter_offered_unknown), sum(social_assessment_yes), sum(social_assessment_unknown)
FROM statistics_cells WHERE span IN ('day', 'week')
GROUP BY 2, 3, 4, 5 HAVING sum(evictions) <> 0 OR sum(not_full) <> 0 OR sum(quick) <> 0 OR sum(persons_evicted_sum) <> 0 OR sum(persons_evicted_flag) <> 0 OR sum(persons_evicted_unknown) <> 0 OR sum(women_sum) <> 0 OR sum(women_flag) <> 0 OR sum(women_unknown) <> 0 OR sum(children_sum) <> 0 OR sum(children_flag) <> 0 OR sum(children_unknown) <> 0 OR sum(families_sum) <> 0 OR sum(families_flag) <> 0 OR sum(families_unknown) <> 0 OR sum(unaccompanied_minors_sum) <> 0 OR sum(unaccompanied_minors_flag) <> 0 OR sum(unaccompanied_minors_unknown) <> 0 OR sum(arrests_sum) <> 0 OR sum(arrests_flag) <> 0 OR sum(arrests_unknown) <> 0 OR sum(arrests_with_violence_sum) <> 0 OR sum(arrests_with_violence_flag) <> 0 OR sum(arrests_with_violence_unknown) <> 0 OR sum(id_checks_sum) <> 0 OR sum(id_checks_flag) <> 0 OR sum(id_checks_unknown) <> 0 OR sum(shelter_accepted_sum) <> 0 OR sum(shelter_accepted_flag) <> 0 OR sum(shelter_accepted_unknown) <> 0 OR sum(shelter_offered_yes) <> 0 OR sum(shelter_offered_unknown) <> 0 OR sum(social_assessment_yes) <> 0 OR sum(social_assessment_unknown) <> 0
ORDER BY 2, 3, 4, 5;

-- Same key as before (every reader and the fold keep their plans), the evictions included.
DROP INDEX statistics_cells_idx;
CREATE INDEX statistics_cells_idx ON statistics_cells (organisation_id, span, period, site_id, verified) INCLUDE (evictions);

ALTER TABLE statistics_week_totals ENABLE ROW LEVEL SECURITY;
CREATE POLICY organisation_isolation ON statistics_week_totals
  USING (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid)
  WITH CHECK (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid);
-- Writers append deltas through the trigger (running as the writer); only the fold deletes.
GRANT SELECT, INSERT ON statistics_week_totals TO vigie_app;
-- Statistics for the planner at once (autovacuum would take its time).
ANALYZE statistics_week_totals;
