-- Public statistics (issue 4, item 5): an organisation may publish aggregated figures on a
-- public page and JSON/CSV endpoint. Off by default; an administrator turns it on and picks
-- the address name (slug) and the small-count threshold.

-- The public address name of an organisation (/api/public/<slug>/statistics.json). Unique
-- across the deployment: a public request names the organisation by it, before any scope.
ALTER TABLE organisations ADD COLUMN slug text UNIQUE
  CHECK (slug ~ '^[a-z0-9]([a-z0-9-]{0,58}[a-z0-9])?$');
-- Administrators set it from inside their own organisation's scope (RLS limits them to it).
GRANT UPDATE (slug) ON organisations TO vigie_app;

CREATE TABLE public_statistics_settings (
  organisation_id uuid PRIMARY KEY REFERENCES organisations(id),
  enabled boolean NOT NULL DEFAULT false,
  -- Counts below this are published as "< N": small numbers could point at identifiable people.
  threshold integer NOT NULL DEFAULT 5 CHECK (threshold BETWEEN 1 AND 100),
  updated_by uuid REFERENCES users(id),
  updated_at timestamptz NOT NULL DEFAULT now()
);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['public_statistics_settings'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY organisation_isolation ON %I
      USING (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid)
      WITH CHECK (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid)$p$, t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE ON %I TO vigie_app', t);
  END LOOP;
END $$;
