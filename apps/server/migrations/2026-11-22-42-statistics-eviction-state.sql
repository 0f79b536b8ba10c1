-- Statistics (issue 4, issue 6 benchmark): the item tallies and the incidents carry a copy of
-- their eviction's Paris day, site and counted state, so that counting items or incidents over
-- a month reads that month's rows from an index instead of joining every tally ever recorded
-- (tallies had no date: a one-month count scanned 1.7 million rows). The copies are kept in
-- step by plain triggers running as the writer (vigie_app, under row-level security): no
-- SECURITY DEFINER, as the writer already may read evictions and update tallies and incidents.

ALTER TABLE eviction_tallies
  ADD COLUMN eviction_date date, ADD COLUMN site_id uuid, ADD COLUMN eviction_status text, ADD COLUMN eviction_live boolean;
ALTER TABLE incidents
  ADD COLUMN eviction_date date, ADD COLUMN site_id uuid, ADD COLUMN eviction_status text, ADD COLUMN eviction_live boolean;

-- A tally or incident takes its eviction's state when written (or moved to another eviction).
-- FOR SHARE makes a concurrent change of the eviction's state wait for this transaction, so
-- the change's own trigger (below) then sees this row and updates it; and if that change came
-- first, this read waits for it and gets the new state. Either order ends consistent.
CREATE FUNCTION statistics_copy_eviction_state() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE e record;
BEGIN
  SELECT ev.date, ev.site_id, ev.status, (ev.deleted_at IS NULL AND ev.merged_into IS NULL) AS live
    INTO e FROM evictions ev WHERE ev.id = NEW.eviction_id FOR SHARE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'eviction % does not exist', NEW.eviction_id USING ERRCODE = 'foreign_key_violation';
  END IF;
  NEW.eviction_date := e.date;
  NEW.site_id := e.site_id;
  NEW.eviction_status := e.status;
  NEW.eviction_live := e.live;
  RETURN NEW;
END $$;

-- An eviction verified, rejected, edited (day or site), merged or deleted: its tallies and
-- incidents follow. Only those columns fire it, and only when one really changed.
CREATE FUNCTION statistics_follow_eviction_state() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE live boolean := NEW.deleted_at IS NULL AND NEW.merged_into IS NULL;
BEGIN
  UPDATE eviction_tallies SET eviction_date = NEW.date, site_id = NEW.site_id, eviction_status = NEW.status, eviction_live = live
    WHERE eviction_id = NEW.id;
  UPDATE incidents SET eviction_date = NEW.date, site_id = NEW.site_id, eviction_status = NEW.status, eviction_live = live
    WHERE eviction_id = NEW.id;
  RETURN NULL;
END $$;

CREATE TRIGGER eviction_tallies_statistics_state BEFORE INSERT OR UPDATE OF eviction_id ON eviction_tallies
  FOR EACH ROW EXECUTE FUNCTION statistics_copy_eviction_state();
CREATE TRIGGER incidents_statistics_state BEFORE INSERT OR UPDATE OF eviction_id ON incidents
  FOR EACH ROW EXECUTE FUNCTION statistics_copy_eviction_state();
CREATE TRIGGER evictions_statistics_state AFTER UPDATE OF date, site_id, status, deleted_at, merged_into ON evictions
  FOR EACH ROW WHEN (OLD.date IS DISTINCT FROM NEW.date OR OLD.site_id IS DISTINCT FROM NEW.site_id
    OR OLD.status IS DISTINCT FROM NEW.status OR OLD.deleted_at IS DISTINCT FROM NEW.deleted_at
    OR OLD.merged_into IS DISTINCT FROM NEW.merged_into)
  EXECUTE FUNCTION statistics_follow_eviction_state();

-- Bulk loads that switch triggers off (session_replication_role = replica, as the benchmark's
-- generator does) must still fill the copies: these triggers always fire.
ALTER TABLE eviction_tallies ENABLE ALWAYS TRIGGER eviction_tallies_statistics_state;
ALTER TABLE incidents ENABLE ALWAYS TRIGGER incidents_statistics_state;
ALTER TABLE evictions ENABLE ALWAYS TRIGGER evictions_statistics_state;

-- Rows written before this migration.
UPDATE eviction_tallies t SET eviction_date = e.date, site_id = e.site_id, eviction_status = e.status,
  eviction_live = (e.deleted_at IS NULL AND e.merged_into IS NULL)
  FROM evictions e WHERE e.id = t.eviction_id;
UPDATE incidents i SET eviction_date = e.date, site_id = e.site_id, eviction_status = e.status,
  eviction_live = (e.deleted_at IS NULL AND e.merged_into IS NULL)
  FROM evictions e WHERE e.id = i.eviction_id;

ALTER TABLE eviction_tallies ALTER COLUMN eviction_date SET NOT NULL, ALTER COLUMN site_id SET NOT NULL,
  ALTER COLUMN eviction_status SET NOT NULL, ALTER COLUMN eviction_live SET NOT NULL;
ALTER TABLE incidents ALTER COLUMN eviction_date SET NOT NULL, ALTER COLUMN site_id SET NOT NULL,
  ALTER COLUMN eviction_status SET NOT NULL, ALTER COLUMN eviction_live SET NOT NULL;
