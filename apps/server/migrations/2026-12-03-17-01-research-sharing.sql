-- Research data sharing (communication pole): data-sharing agreements, versioned anonymisation
-- profiles, frozen releases, and access links per release and recipient with a download log.
-- A recipient is named by name and e-mail for now; contact_id is the contacts registry's id
-- once the communication desk's registry is merged (nullable, no foreign key yet).

CREATE TABLE research_agreements (
  id uuid PRIMARY KEY,
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  recipient_name text NOT NULL CHECK (length(recipient_name) BETWEEN 1 AND 200),
  recipient_email text NOT NULL CHECK (length(recipient_email) BETWEEN 3 AND 254),
  contact_id uuid,
  institution text NOT NULL CHECK (length(institution) BETWEEN 1 AND 200),
  purpose text NOT NULL CHECK (length(purpose) BETWEEN 1 AND 4000),
  starts_on date NOT NULL,
  ends_on date NOT NULL,
  finest_date text NOT NULL CHECK (finest_date IN ('day','isoWeek','month')),
  finest_place text NOT NULL CHECK (finest_place IN ('site','commune','area')),
  measures jsonb NOT NULL,
  -- Site pseudonyms are HMAC(key derived from the server key and this salt, site id): one key per agreement.
  pseudonym_salt text NOT NULL,
  -- The signed agreement, encrypted at rest like evidence originals (AES-256-GCM, per-file key).
  document_name text,
  document_content_type text,
  document_sha256 text,
  document_size bigint,
  document_storage_key text,
  document_iv text,
  document_tag text,
  reminder_sent_at timestamptz,
  ended_notice_sent_at timestamptz,
  created_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_on >= starts_on)
);
CREATE INDEX research_agreements_org_idx ON research_agreements (organisation_id, created_at DESC);

CREATE TABLE research_profiles (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  version integer NOT NULL CHECK (version >= 1),
  definition jsonb NOT NULL,
  created_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (organisation_id, name, version)
);

CREATE TABLE research_releases (
  id uuid PRIMARY KEY,
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  agreement_id uuid NOT NULL REFERENCES research_agreements(id),
  profile_id uuid NOT NULL REFERENCES research_profiles(id),
  period_from date NOT NULL,
  period_to date NOT NULL,
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued','running','done','refused','failed')),
  refused_cells jsonb NOT NULL DEFAULT '[]'::jsonb,
  -- [{"name": …, "key": …, "sha256": …, "sizeBytes": …}]; the signed ZIP is "release.zip".
  files jsonb NOT NULL DEFAULT '[]'::jsonb,
  manifest_sha256 text,
  -- What the release published and hid, as sums of base cells (site|day): the differencing check's memory.
  disclosure jsonb,
  requested_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  CHECK (period_to >= period_from)
);
CREATE INDEX research_releases_agreement_idx ON research_releases (agreement_id, created_at DESC);

-- A frozen release never changes once generated.
CREATE FUNCTION research_release_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status IN ('done','refused') THEN
    RAISE EXCEPTION 'research release % is frozen', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER research_release_frozen BEFORE UPDATE ON research_releases FOR EACH ROW EXECUTE FUNCTION research_release_frozen();

CREATE TABLE research_release_links (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  release_id uuid NOT NULL REFERENCES research_releases(id),
  token_hash text NOT NULL UNIQUE,
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  revoked_by uuid REFERENCES users(id),
  created_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX research_release_links_release_idx ON research_release_links (release_id);

CREATE TABLE research_release_downloads (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  link_id uuid NOT NULL REFERENCES research_release_links(id),
  release_id uuid NOT NULL REFERENCES research_releases(id),
  file text NOT NULL,
  -- The address is kept hashed: enough to tell two places apart, not to locate the reader.
  ip_hash text NOT NULL,
  user_agent text,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX research_release_downloads_release_idx ON research_release_downloads (release_id, at DESC);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['research_agreements','research_profiles','research_releases','research_release_links','research_release_downloads'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY organisation_isolation ON %I
      USING (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid)
      WITH CHECK (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid)$p$, t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE ON %I TO vigie_app', t);
  END LOOP;
END $$;
