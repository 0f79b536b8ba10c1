-- Observation rota (issue 10): the days each area expects observers out, exceptions to that,
-- shifts with the people on them, and "rien à signaler" (a staffed day with no eviction seen).
-- Coverage = days observed ÷ expected days; a day is observed when an operation was recorded
-- in the area or a shift of the area reported nothing to report.

-- Expected days per area: ISO weekdays (1 = Monday … 7 = Sunday). An area without a rule
-- expects every day (what the statistics assumed before the rota existed).
CREATE TABLE rota_rules (
  area_id uuid PRIMARY KEY REFERENCES areas(id),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  weekdays smallint[] NOT NULL CHECK (cardinality(weekdays) BETWEEN 1 AND 7 AND weekdays <@ ARRAY[1,2,3,4,5,6,7]::smallint[]),
  min_observers smallint NOT NULL DEFAULT 2 CHECK (min_observers BETWEEN 0 AND 20),
  min_drivers smallint NOT NULL DEFAULT 1 CHECK (min_drivers BETWEEN 0 AND 20),
  updated_by uuid NOT NULL REFERENCES users(id),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Days an area does not expect observers despite its rule (a holiday, a week without volunteers).
CREATE TABLE rota_exceptions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  area_id uuid NOT NULL REFERENCES areas(id),
  from_day date NOT NULL,
  to_day date NOT NULL CHECK (to_day >= from_day AND to_day - from_day <= 366),
  reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 200),
  created_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX rota_exceptions_area_idx ON rota_exceptions (area_id, from_day);

-- One shift per area and day (HRO goes out as one team per area).
CREATE TABLE rota_shifts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  area_id uuid NOT NULL REFERENCES areas(id),
  day date NOT NULL,
  nothing_to_report_at timestamptz,
  nothing_to_report_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (area_id, day)
);
CREATE INDEX rota_shifts_day_idx ON rota_shifts (organisation_id, day);

CREATE TABLE rota_shift_people (
  shift_id uuid NOT NULL REFERENCES rota_shifts(id) ON DELETE CASCADE,
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  user_id uuid NOT NULL REFERENCES users(id),
  role text NOT NULL CHECK (role IN ('observer', 'driver')),
  no_show boolean NOT NULL DEFAULT false,
  signed_up_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (shift_id, user_id)
);
CREATE INDEX rota_shift_people_user_idx ON rota_shift_people (user_id);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['rota_rules','rota_exceptions','rota_shifts','rota_shift_people'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY organisation_isolation ON %I
      USING (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid)
      WITH CHECK (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid)$p$, t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO vigie_app', t);
  END LOOP;
END $$;
