-- Funder indicators (issue 14, d.4): grants (funder from the contacts registry or named in free
-- text, amount in euro cents, period), their reporting periods (each with the date its report is
-- due, shown in the communication calendar and reminded by mail), and indicators with a baseline,
-- a target per reporting period and an actual that Vigie computes from a source (a statistics
-- figure reference stored like the press releases' — metric, area, filters — or a count owned by
-- another communication module) or that a person enters with its source.

CREATE TABLE grants (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  title text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 200),
  funder_contact_id uuid REFERENCES contacts(id) ON DELETE SET NULL,
  -- the funder's name as written (free text, or the contact's name when picked): a report still
  -- names the funder after the contact is erased
  funder_name text NOT NULL CHECK (length(btrim(funder_name)) BETWEEN 1 AND 300),
  amount_cents bigint NOT NULL CHECK (amount_cents >= 0),
  starts_on date NOT NULL,
  ends_on date NOT NULL,
  objectives text NOT NULL DEFAULT '',
  remind_days_before integer NOT NULL DEFAULT 14 CHECK (remind_days_before BETWEEN 0 AND 90),
  created_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_on >= starts_on)
);
CREATE INDEX grants_period_idx ON grants (organisation_id, starts_on);

CREATE TABLE grant_periods (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  grant_id uuid NOT NULL REFERENCES grants(id) ON DELETE CASCADE,
  label text NOT NULL CHECK (length(btrim(label)) BETWEEN 1 AND 100),
  starts_on date NOT NULL,
  ends_on date NOT NULL,
  report_due_on date,
  reminder_sent_at timestamptz,
  CHECK (ends_on >= starts_on)
);
CREATE INDEX grant_periods_grant_idx ON grant_periods (grant_id, starts_on);
CREATE INDEX grant_periods_due_idx ON grant_periods (organisation_id, report_due_on) WHERE report_due_on IS NOT NULL;

CREATE TABLE grant_indicators (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  grant_id uuid NOT NULL REFERENCES grants(id) ON DELETE CASCADE,
  position integer NOT NULL DEFAULT 0,
  name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 300),
  unit text NOT NULL DEFAULT '',
  baseline numeric,
  source text NOT NULL CHECK (source IN ('statistics', 'bulletins_published', 'press_releases_sent', 'clippings', 'newsletter_subscribers',
    'trainings_held', 'events_held', 'manual')),
  -- a statistics figure reference without its period (the report's period is used)
  metric text,
  area_code text,
  filters jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((source = 'statistics') = (metric IS NOT NULL))
);
CREATE INDEX grant_indicators_grant_idx ON grant_indicators (grant_id, position);

-- Per indicator and reporting period: the target, and an actual entered by hand with its source.
CREATE TABLE grant_indicator_values (
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  indicator_id uuid NOT NULL REFERENCES grant_indicators(id) ON DELETE CASCADE,
  period_id uuid NOT NULL REFERENCES grant_periods(id) ON DELETE CASCADE,
  target numeric,
  actual numeric,
  actual_source text,
  PRIMARY KEY (indicator_id, period_id),
  CHECK (actual IS NULL OR length(btrim(coalesce(actual_source, ''))) > 0)
);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['grants', 'grant_periods', 'grant_indicators', 'grant_indicator_values'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY organisation_isolation ON %I
      USING (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid)
      WITH CHECK (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid)$p$, t);
  END LOOP;
END $$;
GRANT SELECT, INSERT, UPDATE, DELETE ON grants, grant_periods, grant_indicators, grant_indicator_values TO vigie_app;
