-- Statistics (issue 20, item 3): incidents and items filtered by police force without joining their
-- eviction. Under a force filter every incident of the period was joined to its eviction to test its
-- forces: 90–190 ms a year at a million evictions, twice per summary (the period and the year
-- before); items by place under a force filter, 1.1–1.3 s a year.
-- Incidents now copy their eviction's force combination (migration 20l-01) as they copy its day,
-- status and legal basis, kept by the same triggers; an incident outside any eviction has none
-- (NULL), so that a force filter leaves it out, as the join did. Tallies have the copy since
-- 20l-01. Both statistics indexes now cover what a recount from the copies reads.

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
