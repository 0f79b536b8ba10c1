-- Testimonies (issue 16, item 5), owned by modules/field/testimonies. A testimony belongs to a
-- pseudonymous person (the persons table of incidents: a pseudonym, never a name), is in the
-- language the person spoke, and its account and quotable excerpt are sealed with the server key
-- like identities. Consent is per purpose and append-only: each row says yes or no for one
-- purpose, who recorded it (null = the person, by their code), when, and which consent text
-- version in which language was shown; the current answer is the latest row per purpose. Only the
-- SHA-256 of the withdrawal code on the person's card is stored.

CREATE TABLE testimonies (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  person_id uuid NOT NULL REFERENCES persons(id),
  language text NOT NULL CHECK (language IN ('fr','en','ar','fa','prs','ps','ti','ckb','de')),
  given_on date NOT NULL,
  -- Erased (null) when the person withdraws: "kept in the database" is then no.
  account_enc text,
  quote_enc text,
  code_hash text NOT NULL UNIQUE,
  withdrawn_at timestamptz,
  created_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX testimonies_org_idx ON testimonies (organisation_id, given_on DESC);
CREATE INDEX testimonies_author_idx ON testimonies (organisation_id, created_by);

CREATE TABLE testimony_consents (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  testimony_id uuid NOT NULL REFERENCES testimonies(id),
  purpose text NOT NULL CHECK (purpose IN ('kept','quoted','statistics','court','partners')),
  granted boolean NOT NULL,
  text_version text,
  shown_in text,
  via text NOT NULL CHECK (via IN ('staff','code')),
  recorded_by uuid REFERENCES users(id),
  recorded_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  CHECK (via = 'code' OR (recorded_by IS NOT NULL AND text_version IS NOT NULL))
);
CREATE INDEX testimony_consents_idx ON testimony_consents (testimony_id, purpose, recorded_at DESC);

-- The history of consent is evidence: it is never rewritten.
CREATE FUNCTION testimony_consents_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'testimony_consents is append-only';
END $$;
CREATE TRIGGER testimony_consents_append_only BEFORE UPDATE OR DELETE ON testimony_consents
  FOR EACH ROW EXECUTE FUNCTION testimony_consents_append_only();

-- Links to field records. Outreach rounds come later: a round_id column joins here.
CREATE TABLE testimony_links (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  testimony_id uuid NOT NULL REFERENCES testimonies(id),
  eviction_id uuid REFERENCES evictions(id),
  incident_id uuid REFERENCES incidents(id),
  linked_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (num_nonnulls(eviction_id, incident_id) = 1)
);
CREATE INDEX testimony_links_idx ON testimony_links (testimony_id);

-- A press release cites a testimony by reference only: the text is read through the consent
-- check each time, so a withdrawal empties every draft at once.
CREATE TABLE press_release_quotes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  release_id uuid NOT NULL REFERENCES press_releases(id) ON DELETE CASCADE,
  testimony_id uuid NOT NULL REFERENCES testimonies(id),
  inserted_by uuid NOT NULL REFERENCES users(id),
  inserted_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (release_id, testimony_id)
);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['testimonies', 'testimony_consents', 'testimony_links', 'press_release_quotes'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY organisation_isolation ON %I
      USING (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid)
      WITH CHECK (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid)$p$, t);
  END LOOP;
END $$;
GRANT SELECT, INSERT, UPDATE ON testimonies, testimony_links, press_release_quotes TO vigie_app;
GRANT SELECT, INSERT ON testimony_consents TO vigie_app;
GRANT DELETE ON press_release_quotes TO vigie_app;
