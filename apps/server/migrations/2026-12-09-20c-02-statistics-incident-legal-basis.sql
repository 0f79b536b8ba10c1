-- Statistics (issue 20, item 3): incidents learn their eviction's legal basis as tallies do
-- (migration 20c-01), so the breakdown by legal basis counts a year's incidents from their own
-- rows instead of joining each to its eviction (≈ 90 ms a year at a million evictions under
-- load). Kept by the same triggers as the incident's other copies (migrations 42, 16d-01); an
-- incident outside an eviction has none (the legal basis is an eviction's).

ALTER TABLE incidents ADD COLUMN eviction_legal_basis text;

CREATE OR REPLACE FUNCTION incidents_statistics_copy() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE e record;
BEGIN
  IF NEW.eviction_id IS NULL THEN
    NEW.eviction_date := (NEW.occurred_at AT TIME ZONE 'Europe/Paris')::date;
    NEW.eviction_status := NEW.status;
    NEW.eviction_live := NEW.deleted_at IS NULL;
    NEW.eviction_legal_basis := NULL;
    RETURN NEW;
  END IF;
  SELECT ev.date, ev.site_id, ev.status, (ev.deleted_at IS NULL AND ev.merged_into IS NULL) AS live, ev.legal_basis_category
    INTO e FROM evictions ev WHERE ev.id = NEW.eviction_id FOR SHARE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'eviction % does not exist', NEW.eviction_id USING ERRCODE = 'foreign_key_violation';
  END IF;
  NEW.eviction_date := e.date;
  NEW.site_id := e.site_id;
  NEW.eviction_status := e.status;
  NEW.eviction_live := e.live;
  NEW.eviction_legal_basis := e.legal_basis_category;
  RETURN NEW;
END $$;

CREATE OR REPLACE FUNCTION statistics_follow_eviction_state() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE live boolean := NEW.deleted_at IS NULL AND NEW.merged_into IS NULL;
BEGIN
  UPDATE eviction_tallies SET eviction_date = NEW.date, site_id = NEW.site_id, eviction_status = NEW.status, eviction_live = live,
    eviction_legal_basis = NEW.legal_basis_category
    WHERE eviction_id = NEW.id;
  UPDATE incidents SET eviction_date = NEW.date, site_id = NEW.site_id, eviction_status = NEW.status, eviction_live = live,
    eviction_legal_basis = NEW.legal_basis_category
    WHERE eviction_id = NEW.id;
  RETURN NULL;
END $$;

-- Incidents written before this migration (no trigger follows this column).
UPDATE incidents i SET eviction_legal_basis = e.legal_basis_category
  FROM evictions e WHERE e.id = i.eviction_id AND e.legal_basis_category IS NOT NULL;
