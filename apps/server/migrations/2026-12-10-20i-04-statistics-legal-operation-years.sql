-- Statistics (issue 20, item 3): distinct operations per legal basis over a calendar year. They
-- were counted from the legal operation cells' twelve months: ≈ 72,000 (legal basis, operation)
-- pairs for 2025 at a million evictions, hashed to drop an operation counted in two months:
-- 90-105 ms of the year's breakdown by legal basis.
--
-- The legal operation cells now hold calendar years too, in an index ordered by legal basis and
-- operation within each period, as the site operation cells (20f-01): a year is one range of it,
-- grouped as it streams. The year rows are appended by a statement-level trigger on the cells' own
-- month deltas (each unfolded month row gives its year's row, in the writer's transaction), so the
-- evictions' legal-basis trigger and its thirty-seven sums stay as they are; the fold folds them
-- with the rest (its keys include the span).

ALTER TABLE statistics_legal_operation_cells DROP CONSTRAINT statistics_legal_operation_cells_span_check;
ALTER TABLE statistics_legal_operation_cells ADD CONSTRAINT statistics_legal_operation_cells_span_check CHECK (span IN ('day', 'month', 'year'));

CREATE FUNCTION statistics_legal_operation_years_follow_months() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- The year rows inserted here fire this trigger again, with no month row: nothing is inserted
  -- then (an INSERT of no rows would fire it once more, and so on for ever).
  IF NOT EXISTS (SELECT 1 FROM new_rows WHERE NOT folded AND span = 'month') THEN RETURN NULL; END IF;
  INSERT INTO statistics_legal_operation_cells (organisation_id, span, period, verified, legal_basis, operation_id, evictions)
  SELECT organisation_id, 'year', date_trunc('year', period::timestamp)::date, verified, legal_basis, operation_id, sum(evictions)
  FROM new_rows WHERE NOT folded AND span = 'month'
  GROUP BY 1, 3, 4, 5, 6 HAVING sum(evictions) <> 0
  ORDER BY 1, 3, 4, 5, 6;
  RETURN NULL;
END $$;
CREATE TRIGGER statistics_legal_operation_cells_years AFTER INSERT ON statistics_legal_operation_cells
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION statistics_legal_operation_years_follow_months();
-- As the evictions' cell triggers: also under session_replication_role = replica (the bench's bulk load).
ALTER TABLE statistics_legal_operation_cells ENABLE ALWAYS TRIGGER statistics_legal_operation_cells_years;

-- The years of what is there, from its months (folded or not: a month's deltas not folded yet give their year's too).
INSERT INTO statistics_legal_operation_cells (folded, organisation_id, span, period, verified, legal_basis, operation_id, evictions)
SELECT true, organisation_id, 'year', date_trunc('year', period::timestamp)::date, verified, legal_basis, operation_id, sum(evictions)
FROM statistics_legal_operation_cells WHERE span = 'month'
GROUP BY 2, 4, 5, 6, 7 HAVING sum(evictions) <> 0
ORDER BY 2, 4, 5, 6, 7;

-- Ordered by legal basis and operation within a period (readers filter on verified, included).
DROP INDEX statistics_legal_operation_cells_idx;
CREATE INDEX statistics_legal_operation_cells_idx ON statistics_legal_operation_cells (organisation_id, span, period, legal_basis, operation_id)
  INCLUDE (verified, evictions);
ANALYZE statistics_legal_operation_cells;
