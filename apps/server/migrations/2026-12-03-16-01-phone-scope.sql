-- Phones that can be seized (issue 16): a phone holds the minimum, and a coordinator can revoke one.

-- How many days of an area's evictions a phone keeps for prefilling (coordinator setting).
CREATE TABLE field_phone_settings (
  organisation_id uuid PRIMARY KEY REFERENCES organisations(id),
  prefill_days integer NOT NULL DEFAULT 14 CHECK (prefill_days BETWEEN 1 AND 90),
  updated_by uuid REFERENCES users(id),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- The areas an observer works in: their phone receives only those areas' sites and evictions.
-- An observer with no row receives every area of the organisation (a new organisation works out of the box).
CREATE TABLE observer_areas (
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  user_id uuid NOT NULL REFERENCES users(id),
  area_id uuid NOT NULL REFERENCES areas(id),
  PRIMARY KEY (user_id, area_id)
);

-- A phone's local store, registered when its observer chose an unlock code. A revoked phone wipes
-- its local data the next time it reaches the server.
CREATE TABLE field_devices (
  id uuid PRIMARY KEY,
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  user_id uuid NOT NULL REFERENCES users(id),
  label text NOT NULL CHECK (length(label) BETWEEN 1 AND 80),
  registered_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz,
  revoked_by uuid REFERENCES users(id),
  wiped_at timestamptz
);
CREATE INDEX field_devices_user ON field_devices (organisation_id, user_id);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['field_phone_settings', 'observer_areas', 'field_devices'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY organisation_isolation ON %I
      USING (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid)
      WITH CHECK (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid)$p$, t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO vigie_app', t);
  END LOOP;
END $$;
