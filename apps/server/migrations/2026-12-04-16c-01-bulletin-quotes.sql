-- A bulletin cites a testimony by reference only, like a press release (2026-12-03-16b-01): the
-- excerpt is read through the testimonies' consent check each time the draft is read, so a
-- withdrawal empties the quote in every draft at once; publishing freezes what was consented then.
-- (A newsletter keeps its quotes as blocks holding the testimony id, like its photos.)
CREATE TABLE bulletin_quotes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  bulletin_id uuid NOT NULL REFERENCES bulletins(id) ON DELETE CASCADE,
  testimony_id uuid NOT NULL REFERENCES testimonies(id),
  inserted_by uuid NOT NULL REFERENCES users(id),
  inserted_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (bulletin_id, testimony_id)
);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['bulletin_quotes'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY organisation_isolation ON %I
      USING (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid)
      WITH CHECK (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid)$p$, t);
  END LOOP;
END $$;
GRANT SELECT, INSERT, DELETE ON bulletin_quotes TO vigie_app;
