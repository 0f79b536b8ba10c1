-- Statistics (issue 20): the monthly and yearly series without the site. A year's monthly series
-- read the month cells of migration 20e-01, keyed by site: ≈ 4,800 site × month rows of 34 sums,
-- one heap page each once folded, 70–110 ms at a million evictions. Without the site a year is 12
-- month rows (and the days at its edges).
--
-- The week totals of migration 20g-01 already hold every sum of the cells without the site, for
-- days and ISO weeks, kept exact by a statement trigger on the cells' own delta rows and folded by
-- the five-minute job. They now hold calendar months too, and are renamed for what they are:
--   statistics_totals: every sum of statistics_cells per organisation × span (Paris day, ISO week,
--     calendar month) × verified-or-not, without the site.
-- Distinct sites per month stay a count over the site cells, read from their index alone (it
-- includes the evictions, migration 20g-01).

ALTER TABLE statistics_week_totals RENAME TO statistics_totals;
ALTER INDEX statistics_week_totals_idx RENAME TO statistics_totals_idx;
ALTER INDEX statistics_week_totals_unfolded_idx RENAME TO statistics_totals_unfolded_idx;
ALTER TABLE statistics_totals DROP CONSTRAINT statistics_week_totals_span_check;
ALTER TABLE statistics_totals ADD CONSTRAINT statistics_totals_span_check CHECK (span IN ('day', 'week', 'month'));

DROP TRIGGER statistics_cells_week_totals ON statistics_cells;
DROP FUNCTION statistics_week_totals_follow_cells();
DROP FUNCTION statistics_week_totals_fold();

CREATE FUNCTION statistics_totals_follow_cells() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO statistics_totals (organisation_id, span, period, verified, evictions, not_full, quick, persons_evicted_sum, persons_evicted_flag, persons_evicted_unknown, women_sum, women_flag, women_unknown, children_sum, children_flag, children_unknown, families_sum, families_flag, families_unknown, unaccompanied_minors_sum, unaccompanied_minors_flag, unaccompanied_minors_unknown, arrests_sum, arrests_flag, arrests_unknown, arrests_with_violence_sum, arrests_with_violence_flag, arrests_with_violence_unknown, id_checks_sum, id_checks_flag, id_checks_unknown, shelter_accepted_sum, shelter_accepted_flag, shelter_accepted_unknown, shelter_offered_yes, shelter_offered_unknown, social_assessment_yes, social_assessment_unknown)
  SELECT organisation_id, span, period, verified, sum(evictions), sum(not_full), sum(quick), sum(persons_evicted_sum), sum(persons_evicted_flag), sum(persons_evicted_unknown), sum(women_sum), sum(women_flag), sum(women_unknown), sum(children_sum), sum(children_flag), sum(children_unknown), sum(families_sum), sum(families_flag), sum(families_unknown), sum(unaccompanied_minors_sum), sum(unaccompanied_minors_flag), sum(unaccompanied_minors_unknown), sum(arrests_sum), sum(arrests_flag), sum(arrests_unknown), sum(arrests_with_violence_sum), sum(arrests_with_violence_flag), sum(arrests_with_violence_unknown), sum(id_checks_sum), sum(id_checks_flag), sum(id_checks_unknown), sum(shelter_accepted_sum), sum(shelter_accepted_flag), sum(shelter_accepted_unknown), sum(shelter_offered_yes), sum(shelter_offered_unknown), sum(social_assessment_yes), sum(social_assessment_unknown)
  FROM new_rows WHERE NOT folded AND span IN ('day', 'week', 'month')
  GROUP BY 1, 2, 3, 4 HAVING sum(evictions) <> 0 OR sum(not_full) <> 0 OR sum(quick) <> 0 OR sum(persons_evicted_sum) <> 0 OR sum(persons_evicted_flag) <> 0 OR sum(persons_evicted_unknown) <> 0 OR sum(women_sum) <> 0 OR sum(women_flag) <> 0 OR sum(women_unknown) <> 0 OR sum(children_sum) <> 0 OR sum(children_flag) <> 0 OR sum(children_unknown) <> 0 OR sum(families_sum) <> 0 OR sum(families_flag) <> 0 OR sum(families_unknown) <> 0 OR sum(unaccompanied_minors_sum) <> 0 OR sum(unaccompanied_minors_flag) <> 0 OR sum(unaccompanied_minors_unknown) <> 0 OR sum(arrests_sum) <> 0 OR sum(arrests_flag) <> 0 OR sum(arrests_unknown) <> 0 OR sum(arrests_with_violence_sum) <> 0 OR sum(arrests_with_violence_flag) <> 0 OR sum(arrests_with_violence_unknown) <> 0 OR sum(id_checks_sum) <> 0 OR sum(id_checks_flag) <> 0 OR sum(id_checks_unknown) <> 0 OR sum(shelter_accepted_sum) <> 0 OR sum(shelter_accepted_flag) <> 0 OR sum(shelter_accepted_unknown) <> 0 OR sum(shelter_offered_yes) <> 0 OR sum(shelter_offered_unknown) <> 0 OR sum(social_assessment_yes) <> 0 OR sum(social_assessment_unknown) <> 0
  ORDER BY 1, 2, 3, 4;
  RETURN NULL;
END $$;

CREATE TRIGGER statistics_cells_totals AFTER INSERT ON statistics_cells
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION statistics_totals_follow_cells();
-- As the evictions' cell triggers: also under session_replication_role = replica (the bench's bulk load).
ALTER TABLE statistics_cells ENABLE ALWAYS TRIGGER statistics_cells_totals;

-- Each key's delta rows into one; rows of transactions still running are not visible and stay.
CREATE FUNCTION statistics_totals_fold() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF NOT pg_try_advisory_xact_lock(hashtext('statistics_totals_fold')) THEN RETURN; END IF;
  WITH keys AS (SELECT DISTINCT organisation_id, span, period, verified FROM statistics_totals WHERE NOT folded),
  gone AS (
    DELETE FROM statistics_totals c USING keys k
    WHERE c.organisation_id = k.organisation_id AND c.span = k.span AND c.period = k.period AND c.verified = k.verified
    RETURNING c.*
  )
  INSERT INTO statistics_totals (organisation_id, span, period, verified, folded, evictions, not_full, quick, persons_evicted_sum, persons_evicted_flag, persons_evicted_unknown, women_sum, women_flag, women_unknown, children_sum, children_flag, children_unknown, families_sum, families_flag, families_unknown, unaccompanied_minors_sum, unaccompanied_minors_flag, unaccompanied_minors_unknown, arrests_sum, arrests_flag, arrests_unknown, arrests_with_violence_sum, arrests_with_violence_flag, arrests_with_violence_unknown, id_checks_sum, id_checks_flag, id_checks_unknown, shelter_accepted_sum, shelter_accepted_flag, shelter_accepted_unknown, shelter_offered_yes, shelter_offered_unknown, social_assessment_yes, social_assessment_unknown)
  SELECT organisation_id, span, period, verified, true, sum(evictions), sum(not_full), sum(quick), sum(persons_evicted_sum), sum(persons_evicted_flag), sum(persons_evicted_unknown), sum(women_sum), sum(women_flag), sum(women_unknown), sum(children_sum), sum(children_flag), sum(children_unknown), sum(families_sum), sum(families_flag), sum(families_unknown), sum(unaccompanied_minors_sum), sum(unaccompanied_minors_flag), sum(unaccompanied_minors_unknown), sum(arrests_sum), sum(arrests_flag), sum(arrests_unknown), sum(arrests_with_violence_sum), sum(arrests_with_violence_flag), sum(arrests_with_violence_unknown), sum(id_checks_sum), sum(id_checks_flag), sum(id_checks_unknown), sum(shelter_accepted_sum), sum(shelter_accepted_flag), sum(shelter_accepted_unknown), sum(shelter_offered_yes), sum(shelter_offered_unknown), sum(social_assessment_yes), sum(social_assessment_unknown) FROM gone
  GROUP BY organisation_id, span, period, verified HAVING sum(evictions) <> 0;
END $$;

-- Month cells written before this migration, summed without the site (folded or not: all rows of a key count).
INSERT INTO statistics_totals (folded, organisation_id, span, period, verified, evictions, not_full, quick, persons_evicted_sum, persons_evicted_flag, persons_evicted_unknown, women_sum, women_flag, women_unknown, children_sum, children_flag, children_unknown, families_sum, families_flag, families_unknown, unaccompanied_minors_sum, unaccompanied_minors_flag, unaccompanied_minors_unknown, arrests_sum, arrests_flag, arrests_unknown, arrests_with_violence_sum, arrests_with_violence_flag, arrests_with_violence_unknown, id_checks_sum, id_checks_flag, id_checks_unknown, shelter_accepted_sum, shelter_accepted_flag, shelter_accepted_unknown, shelter_offered_yes, shelter_offered_unknown, social_assessment_yes, social_assessment_unknown)
SELECT true, organisation_id, span, period, verified, sum(evictions), sum(not_full), sum(quick), sum(persons_evicted_sum), sum(persons_evicted_flag), sum(persons_evicted_unknown), sum(women_sum), sum(women_flag), sum(women_unknown), sum(children_sum), sum(children_flag), sum(children_unknown), sum(families_sum), sum(families_flag), sum(families_unknown), sum(unaccompanied_minors_sum), sum(unaccompanied_minors_flag), sum(unaccompanied_minors_unknown), sum(arrests_sum), sum(arrests_flag), sum(arrests_unknown), sum(arrests_with_violence_sum), sum(arrests_with_violence_flag), sum(arrests_with_violence_unknown), sum(id_checks_sum), sum(id_checks_flag), sum(id_checks_unknown), sum(shelter_accepted_sum), sum(shelter_accepted_flag), sum(shelter_accepted_unknown), sum(shelter_offered_yes), sum(shelter_offered_unknown), sum(social_assessment_yes), sum(social_assessment_unknown)
FROM statistics_cells WHERE span = 'month'
GROUP BY 2, 3, 4, 5 HAVING sum(evictions) <> 0 OR sum(not_full) <> 0 OR sum(quick) <> 0 OR sum(persons_evicted_sum) <> 0 OR sum(persons_evicted_flag) <> 0 OR sum(persons_evicted_unknown) <> 0 OR sum(women_sum) <> 0 OR sum(women_flag) <> 0 OR sum(women_unknown) <> 0 OR sum(children_sum) <> 0 OR sum(children_flag) <> 0 OR sum(children_unknown) <> 0 OR sum(families_sum) <> 0 OR sum(families_flag) <> 0 OR sum(families_unknown) <> 0 OR sum(unaccompanied_minors_sum) <> 0 OR sum(unaccompanied_minors_flag) <> 0 OR sum(unaccompanied_minors_unknown) <> 0 OR sum(arrests_sum) <> 0 OR sum(arrests_flag) <> 0 OR sum(arrests_unknown) <> 0 OR sum(arrests_with_violence_sum) <> 0 OR sum(arrests_with_violence_flag) <> 0 OR sum(arrests_with_violence_unknown) <> 0 OR sum(id_checks_sum) <> 0 OR sum(id_checks_flag) <> 0 OR sum(id_checks_unknown) <> 0 OR sum(shelter_accepted_sum) <> 0 OR sum(shelter_accepted_flag) <> 0 OR sum(shelter_accepted_unknown) <> 0 OR sum(shelter_offered_yes) <> 0 OR sum(shelter_offered_unknown) <> 0 OR sum(social_assessment_yes) <> 0 OR sum(social_assessment_unknown) <> 0
ORDER BY 2, 3, 4, 5;

