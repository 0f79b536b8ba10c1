-- Sites merged into another (two names for one place): the merged site is kept with its history
-- and points to the kept one; each merge records exactly which evictions it moved and which
-- aliases it added, so an unmerge moves back those records and nothing else.
ALTER TABLE sites ADD COLUMN merged_into uuid REFERENCES sites(id);

CREATE TABLE site_merges (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  merged_site_id uuid NOT NULL REFERENCES sites(id),
  kept_site_id uuid NOT NULL REFERENCES sites(id),
  moved_eviction_ids uuid[] NOT NULL DEFAULT '{}',
  added_aliases text[] NOT NULL DEFAULT '{}',
  -- Whether the merged site was active before: an unmerge gives it back as it was.
  was_active boolean NOT NULL,
  merged_by uuid NOT NULL REFERENCES users(id),
  merged_at timestamptz NOT NULL DEFAULT now(),
  undone_by uuid REFERENCES users(id),
  undone_at timestamptz,
  CHECK (merged_site_id <> kept_site_id)
);
-- At most one merge in force per merged site.
CREATE UNIQUE INDEX site_merges_open_key ON site_merges (merged_site_id) WHERE undone_at IS NULL;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['site_merges'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY organisation_isolation ON %I
      USING (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid)
      WITH CHECK (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid)$p$, t);
  END LOOP;
END $$;
GRANT SELECT, INSERT, UPDATE ON site_merges TO vigie_app;
