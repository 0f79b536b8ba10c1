-- Applications to job postings (issue 18). The CV and the optional letter are kept encrypted
-- (AES-256-GCM, per-file key derived from the server key, as evidence originals); their text is
-- extracted by a background job for search. Declined candidates are purged after a delay
-- (24 months after the last contact, 3 months when they ask). Owned by modules/association/applications.
CREATE TABLE job_applications (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  posting_id uuid NOT NULL REFERENCES job_postings(id),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 160),
  email text NOT NULL,
  message text NOT NULL DEFAULT '' CHECK (length(message) <= 10000),
  stage text NOT NULL DEFAULT 'received' CHECK (stage IN ('received','shortlisted','interview','offer','hired','declined')),
  -- How many times the same person applied to the same posting (a duplicate is merged into this row).
  submissions integer NOT NULL DEFAULT 1,
  last_contact_at timestamptz NOT NULL DEFAULT now(),
  -- Set when the candidate asks for their data to go: the purge then waits 3 months, not 24.
  erasure_requested_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX job_applications_one_per_person ON job_applications (posting_id, lower(email));

CREATE TABLE job_application_files (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  application_id uuid NOT NULL REFERENCES job_applications(id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('cv','letter')),
  original_name text NOT NULL,
  -- The type found in the bytes, never the one the name claims.
  detected_type text NOT NULL CHECK (detected_type IN ('pdf','doc','docx','odt','pages')),
  size_bytes integer NOT NULL CHECK (size_bytes BETWEEN 1 AND 5242880),
  sha256 text NOT NULL,
  iv bytea NOT NULL,
  tag bytea NOT NULL,
  ciphertext bytea NOT NULL,
  extraction_status text NOT NULL DEFAULT 'pending' CHECK (extraction_status IN ('pending','done','no_text','failed')),
  extraction_note text,
  extracted_text text,
  search_vector tsvector,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX job_application_files_app_idx ON job_application_files (application_id);
CREATE INDEX job_application_files_search_idx ON job_application_files USING gin (search_vector);

CREATE TABLE job_application_notes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  application_id uuid NOT NULL REFERENCES job_applications(id) ON DELETE CASCADE,
  author_id uuid NOT NULL REFERENCES users(id),
  body text NOT NULL CHECK (length(body) BETWEEN 1 AND 5000),
  created_at timestamptz NOT NULL DEFAULT now()
);

-- One rating per reviewer and application (1 to 5), changed by re-rating.
CREATE TABLE job_application_ratings (
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  application_id uuid NOT NULL REFERENCES job_applications(id) ON DELETE CASCADE,
  reviewer_id uuid NOT NULL REFERENCES users(id),
  score integer NOT NULL CHECK (score BETWEEN 1 AND 5),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (application_id, reviewer_id)
);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['job_applications','job_application_files','job_application_notes','job_application_ratings'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY organisation_isolation ON %I
      USING (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid)
      WITH CHECK (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid)$p$, t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO vigie_app', t);
  END LOOP;
END $$;
