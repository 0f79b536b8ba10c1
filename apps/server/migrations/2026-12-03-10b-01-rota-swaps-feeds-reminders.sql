-- Observation rota, second part (issue 10): swapping a place from the phone, a calendar feed
-- per person, and the reminder mail the evening before a shift.

-- A place on a shift offered to others: anyone who may sign up can take it over (same role).
ALTER TABLE rota_shift_people ADD COLUMN offered_at timestamptz;

-- Each person's secret calendar link (iCal) of their shifts. Calendar apps cannot sign in, so
-- the URL is the credential: only its SHA-256 is kept; it expires and can be revoked; one
-- active link per person (a new link revokes the old one).
CREATE TABLE rota_calendar_feeds (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  user_id uuid NOT NULL REFERENCES users(id),
  token_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  last_used_at timestamptz
);
CREATE UNIQUE INDEX rota_calendar_feeds_active_uq ON rota_calendar_feeds (user_id) WHERE revoked_at IS NULL;

-- The evening reminders sent: one per person and day of shift, so a second run sends nothing.
CREATE TABLE rota_reminders (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  user_id uuid NOT NULL REFERENCES users(id),
  day date NOT NULL,
  sent_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (user_id, day)
);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['rota_calendar_feeds','rota_reminders'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY organisation_isolation ON %I
      USING (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid)
      WITH CHECK (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid)$p$, t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE ON %I TO vigie_app', t);
  END LOOP;
END $$;
