-- Outreach rounds (maraudes; issue 16 item 4), owned by modules/field/rounds. A round has an
-- area, a time, the team, the sites visited (already on the site list), approximate counts with
-- their "at least" flags, needs as aggregates and what was distributed (jsonb, validated by the
-- domain schema), and notes. No coordinates and no person: a round never says where someone is.
-- The id is generated on the phone, like every field record, so a retry never records twice.
CREATE TABLE outreach_rounds (
  id uuid PRIMARY KEY,
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  area_id uuid NOT NULL REFERENCES areas(id),
  started_at timestamptz NOT NULL,
  ended_at timestamptz CHECK (ended_at IS NULL OR ended_at >= started_at),
  team uuid[] NOT NULL DEFAULT '{}',
  site_ids uuid[] NOT NULL DEFAULT '{}',
  people_met integer CHECK (people_met >= 0),
  people_met_at_least boolean NOT NULL DEFAULT false,
  needs jsonb NOT NULL DEFAULT '{}',
  distributed jsonb NOT NULL DEFAULT '[]',
  notes text,
  created_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz
);
CREATE INDEX outreach_rounds_org_idx ON outreach_rounds (organisation_id, started_at DESC);

-- A testimony can now be linked to a round (the third kind of field record it may belong to).
ALTER TABLE testimony_links ADD COLUMN round_id uuid REFERENCES outreach_rounds(id);
ALTER TABLE testimony_links DROP CONSTRAINT testimony_links_check;
ALTER TABLE testimony_links ADD CONSTRAINT testimony_links_one_target CHECK (num_nonnulls(eviction_id, incident_id, round_id) = 1);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['outreach_rounds'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY organisation_isolation ON %I
      USING (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid)
      WITH CHECK (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid)$p$, t);
  END LOOP;
END $$;
GRANT SELECT, INSERT ON outreach_rounds TO vigie_app;
