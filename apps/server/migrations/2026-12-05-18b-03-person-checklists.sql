-- Onboarding and offboarding checklists (issue 18, item 6): per person (a volunteer, an intern), the
-- items of a fixed template — accounts given, keys and equipment lent, charter signed, training
-- done; on departure accounts revoked, equipment returned, data access removed — each ticked by
-- whom and when. Owned by modules/association/checklists.
CREATE TABLE person_checklist_items (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  person_id uuid NOT NULL REFERENCES users(id),
  kind text NOT NULL CHECK (kind IN ('onboarding','offboarding')),
  item text NOT NULL CHECK (item ~ '^[a-z_]{1,40}$'),
  position integer NOT NULL,
  done_at timestamptz,
  done_by uuid REFERENCES users(id),
  created_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (person_id, kind, item),
  CHECK ((done_at IS NULL) = (done_by IS NULL))
);
CREATE INDEX person_checklist_items_person_idx ON person_checklist_items (organisation_id, person_id);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['person_checklist_items'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY organisation_isolation ON %I
      USING (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid)
      WITH CHECK (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid)$p$, t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE ON %I TO vigie_app', t);
  END LOOP;
END $$;
