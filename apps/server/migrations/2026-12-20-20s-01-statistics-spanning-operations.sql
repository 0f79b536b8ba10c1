-- Statistics (issue 20, item 3): the operations whose evictions fall in more than one calendar
-- month, so that the distinct operations the fold stores per month and year answer a run of them.
--
-- The dashboard's "les 12 derniers mois" and "cette année" are whole months across two calendar
-- years (and, to date, the days of the current month). The fold stores distinct operations per
-- place, legal basis and corps for each calendar month and year (20i-01, 20o-02, 20p-01); a count
-- of distinct operations is not a sum, so those periods were read from the operation cells again
-- (≈ 55–100 ms at a million evictions). But an operation is a police convoy of a day or two: it
-- is counted in two months only when its evictions fall on both sides of a month's end. Distinct
-- operations over several months are the sum of each month's count, less, for every operation
-- counted in more than one of them, its extra months. Those operations are few (none of the
-- bench's 125,000), and this table holds them — a superset: every operation any of whose
-- evictions, in any state, fall in two calendar months, at any time since its evictions were
-- counted. A reader corrects the sum from the evictions of these operations alone, and of any
-- eviction still pending, in the statement that reads the counts.
--
-- Kept by triggers in the writer's own transaction: an eviction counted (promoted), inserted
-- already counted, or moved (its day or its operation) adds its operation when the operation has
-- evictions in another month. Nothing removes a row: an operation no longer spanning months
-- costs its few evictions' reading, never a wrong figure.

CREATE TABLE statistics_spanning_operations (
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  operation_id uuid NOT NULL,
  PRIMARY KEY (organisation_id, operation_id)
);

-- Whether an operation has evictions outside a month is two probes of this index (before the
-- month's first day, from the next month's): the triggers never read an operation's evictions
-- whole (reading them made each promotion batch of the ingest bench's one operation of thousands
-- slower than the last). It serves what the index on the operation alone served.
CREATE INDEX evictions_operation_date_idx ON evictions (operation_id, date);
DROP INDEX evictions_operation_idx;

-- An eviction counted (promoted, or inserted counted) or moved to another day or operation: its
-- operation is kept when it has evictions before or after that day's month. Row triggers whose
-- condition PostgreSQL tests itself: a phone's submission (a pending insert) and every other edit
-- (a review, counts, items) call nothing.
CREATE FUNCTION statistics_spanning_operations_follow() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  month date := date_trunc('month', NEW.date::timestamp)::date;
BEGIN
  IF EXISTS (SELECT 1 FROM evictions x WHERE x.operation_id = NEW.operation_id AND x.date < month)
    OR EXISTS (SELECT 1 FROM evictions x WHERE x.operation_id = NEW.operation_id AND x.date >= (month + interval '1 month')::date) THEN
    INSERT INTO statistics_spanning_operations (organisation_id, operation_id) VALUES (NEW.organisation_id, NEW.operation_id) ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER evictions_statistics_spanning_insert AFTER INSERT ON evictions
  FOR EACH ROW WHEN (NOT NEW.statistics_pending) EXECUTE FUNCTION statistics_spanning_operations_follow();
ALTER TABLE evictions ENABLE ALWAYS TRIGGER evictions_statistics_spanning_insert;
CREATE TRIGGER evictions_statistics_spanning_update AFTER UPDATE OF statistics_pending, date, operation_id ON evictions
  FOR EACH ROW WHEN (NOT NEW.statistics_pending AND (OLD.statistics_pending OR OLD.date IS DISTINCT FROM NEW.date
    OR OLD.operation_id IS DISTINCT FROM NEW.operation_id)) EXECUTE FUNCTION statistics_spanning_operations_follow();
ALTER TABLE evictions ENABLE ALWAYS TRIGGER evictions_statistics_spanning_update;

INSERT INTO statistics_spanning_operations (organisation_id, operation_id)
SELECT e.organisation_id, e.operation_id FROM evictions e
GROUP BY 1, 2 HAVING min(e.date) < date_trunc('month', max(e.date)::timestamp);

ALTER TABLE statistics_spanning_operations ENABLE ROW LEVEL SECURITY;
CREATE POLICY organisation_isolation ON statistics_spanning_operations
  USING (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid)
  WITH CHECK (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid);
-- Writers' triggers add rows (ON CONFLICT DO NOTHING reads them first).
GRANT SELECT, INSERT ON statistics_spanning_operations TO vigie_app;
ANALYZE statistics_spanning_operations;
