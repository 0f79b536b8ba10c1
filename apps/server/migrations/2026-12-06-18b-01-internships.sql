-- Interns (issue 18, item 5): an internship per person — school, tutor (a member), dates, weekly
-- hours — and its signed tripartite convention de stage, encrypted at rest like a CV; the
-- internship cannot start without it. The hourly social-security ceiling (PHSS) per year and the
-- organisation's headcount are settings (the gratification minimum is 15 % of the ceiling; the
-- organisation's intern cap depends on the headcount). Owned by modules/association/internships.
CREATE TABLE internships (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  person_id uuid NOT NULL REFERENCES users(id),
  tutor_id uuid NOT NULL REFERENCES users(id),
  school text NOT NULL CHECK (length(school) BETWEEN 1 AND 200),
  starts_on date NOT NULL,
  ends_on date NOT NULL,
  weekly_hours numeric(4,1) NOT NULL CHECK (weekly_hours > 0 AND weekly_hours <= 48),
  status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned','started')),
  started_at timestamptz,
  created_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_on >= starts_on),
  CHECK (person_id <> tutor_id)
);
CREATE INDEX internships_period_idx ON internships (organisation_id, starts_on, ends_on);

CREATE TABLE internship_conventions (
  internship_id uuid PRIMARY KEY REFERENCES internships(id),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  file_id uuid NOT NULL UNIQUE,
  original_name text NOT NULL,
  size_bytes integer NOT NULL,
  sha256 text NOT NULL,
  iv bytea NOT NULL,
  tag bytea NOT NULL,
  ciphertext bytea NOT NULL,
  uploaded_by uuid NOT NULL REFERENCES users(id),
  uploaded_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE internship_settings (
  organisation_id uuid PRIMARY KEY REFERENCES organisations(id),
  staff_headcount integer NOT NULL DEFAULT 0 CHECK (staff_headcount >= 0),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE social_security_ceilings (
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  hourly_ceiling_cents integer NOT NULL CHECK (hourly_ceiling_cents > 0),
  PRIMARY KEY (organisation_id, year)
);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['internships', 'internship_conventions', 'internship_settings', 'social_security_ceilings'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY organisation_isolation ON %I
      USING (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid)
      WITH CHECK (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid)$p$, t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE ON %I TO vigie_app', t);
  END LOOP;
END $$;
GRANT DELETE ON social_security_ceilings TO vigie_app;
