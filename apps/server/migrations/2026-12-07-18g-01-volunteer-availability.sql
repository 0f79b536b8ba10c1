-- Volunteer availability (issue 18, item 5): each team member's weekly slots (ISO weekday ×
-- part of day, the field pole's convoy hours 5h–8h included), dates away and a short note, so the
-- rota can be filled. A person edits their own; coordinators (association.manage) read and edit
-- everyone's. The whole of a person's availability is replaced in one transaction.
-- Owned by modules/association/availability.
CREATE TABLE availability_slots (
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  person_id uuid NOT NULL REFERENCES users(id),
  weekday smallint NOT NULL CHECK (weekday BETWEEN 1 AND 7),
  part text NOT NULL CHECK (part IN ('early', 'morning', 'afternoon', 'evening')),
  PRIMARY KEY (person_id, weekday, part)
);
CREATE INDEX availability_slots_organisation_idx ON availability_slots (organisation_id, weekday, part);

CREATE TABLE availability_away (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  person_id uuid NOT NULL REFERENCES users(id),
  starts_on date NOT NULL,
  ends_on date NOT NULL,
  note text NOT NULL DEFAULT '' CHECK (length(note) <= 200),
  CHECK (ends_on >= starts_on)
);
CREATE INDEX availability_away_period_idx ON availability_away (organisation_id, starts_on, ends_on);

CREATE TABLE availability_notes (
  person_id uuid PRIMARY KEY REFERENCES users(id),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  note text NOT NULL DEFAULT '' CHECK (length(note) <= 500),
  updated_by uuid NOT NULL REFERENCES users(id),
  updated_at timestamptz NOT NULL DEFAULT now()
);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['availability_slots', 'availability_away', 'availability_notes'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY organisation_isolation ON %I
      USING (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid)
      WITH CHECK (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid)$p$, t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO vigie_app', t);
  END LOOP;
END $$;
