-- Imports of historical eviction spreadsheets (CSV / XLSX). The parsed table is kept between
-- the upload, the dry runs and the commit, then cleared on commit: only the file's name, its
-- SHA-256 and the outcome remain, so columns Vigie does not use (names, free text) are not
-- kept longer than needed. Every imported record's audit entry names this import.

CREATE TABLE imports (
  id uuid PRIMARY KEY,
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
  file_type text NOT NULL CHECK (file_type IN ('csv','xlsx')),
  size_bytes integer NOT NULL CHECK (size_bytes > 0),
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  columns jsonb NOT NULL,
  -- The data rows as text cells; NULL once committed.
  rows jsonb,
  row_count integer NOT NULL CHECK (row_count >= 0),
  status text NOT NULL DEFAULT 'uploaded' CHECK (status IN ('uploaded','committed')),
  mapping jsonb,
  options jsonb,
  summary jsonb,
  created_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  committed_by uuid REFERENCES users(id),
  committed_at timestamptz,
  CHECK ((status = 'committed') = (committed_at IS NOT NULL))
);
CREATE INDEX imports_org_idx ON imports (organisation_id, created_at);
CREATE INDEX imports_sha_idx ON imports (organisation_id, sha256);

ALTER TABLE imports ENABLE ROW LEVEL SECURITY;
CREATE POLICY organisation_isolation ON imports
  USING (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid)
  WITH CHECK (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid);
GRANT SELECT, INSERT, UPDATE ON imports TO vigie_app;
