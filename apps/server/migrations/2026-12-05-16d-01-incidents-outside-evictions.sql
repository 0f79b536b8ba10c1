-- Incidents outside an eviction (issue 16 item 7): during a round, at a distribution, in town.
-- Such an incident has no eviction; it carries its own time (occurred_at, as every incident), its
-- own place (an area, and a known site or a place in words — never a person's location), and its
-- own review state (submitted on recording, then verified or rejected by a coordinator), since
-- there is no eviction whose state it could follow. An incident of an eviction keeps none of these.
ALTER TABLE incidents ALTER COLUMN eviction_id DROP NOT NULL;
-- site_id is the copy of the eviction's site for an eviction's incident, and the incident's own
-- site (or none, when the place is given in words) outside an eviction.
ALTER TABLE incidents ALTER COLUMN site_id DROP NOT NULL;
ALTER TABLE incidents
  ADD COLUMN area_id uuid REFERENCES areas(id),
  ADD COLUMN place text CHECK (place IS NULL OR length(place) BETWEEN 1 AND 200),
  ADD COLUMN status text CHECK (status IN ('submitted', 'verified', 'rejected')),
  ADD COLUMN rejection_reason text;
ALTER TABLE incidents ADD CONSTRAINT incidents_eviction_or_own_place CHECK (
  (eviction_id IS NOT NULL AND area_id IS NULL AND place IS NULL AND status IS NULL)
  OR (eviction_id IS NULL AND area_id IS NOT NULL AND status IS NOT NULL AND (site_id IS NOT NULL OR place IS NOT NULL))
);

-- The statistics read an incident's day, site and counted state from the copies of migration 42.
-- Outside an eviction they are the incident's own: its Paris day, its site, its review state.
CREATE FUNCTION incidents_statistics_copy() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE e record;
BEGIN
  IF NEW.eviction_id IS NULL THEN
    NEW.eviction_date := (NEW.occurred_at AT TIME ZONE 'Europe/Paris')::date;
    NEW.eviction_status := NEW.status;
    NEW.eviction_live := NEW.deleted_at IS NULL;
    RETURN NEW;
  END IF;
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

DROP TRIGGER incidents_statistics_state ON incidents;
CREATE TRIGGER incidents_statistics_state BEFORE INSERT OR UPDATE OF eviction_id, occurred_at, status, deleted_at, site_id ON incidents
  FOR EACH ROW EXECUTE FUNCTION incidents_statistics_copy();
ALTER TABLE incidents ENABLE ALWAYS TRIGGER incidents_statistics_state;

-- The office list and the phone pull of incidents outside an eviction.
CREATE INDEX incidents_outside_evictions_idx ON incidents (organisation_id, occurred_at DESC) WHERE eviction_id IS NULL AND deleted_at IS NULL;
