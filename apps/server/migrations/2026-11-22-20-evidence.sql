-- Evidence files attached to an eviction or an incident. The row is created when the phone
-- starts an upload (its id is generated on the phone) and becomes 'stored' only once the
-- whole file arrived, matched the hash computed at capture and its declared type, and its
-- encrypted original is in storage. Rows are never deleted through the application.

CREATE TABLE evidence (
  id uuid PRIMARY KEY,
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  eviction_id uuid REFERENCES evictions(id),
  incident_id uuid REFERENCES incidents(id),
  kind text NOT NULL CHECK (kind IN ('photo','video','audio','document')),
  declared_type text NOT NULL CHECK (length(declared_type) BETWEEN 3 AND 100),
  detected_type text,
  original_name text NOT NULL CHECK (length(original_name) BETWEEN 1 AND 255),
  size_bytes bigint NOT NULL CHECK (size_bytes > 0),
  -- Computed by the phone at capture, then by the server on what it received.
  sha256_device text NOT NULL CHECK (sha256_device ~ '^[0-9a-f]{64}$'),
  sha256_received text CHECK (sha256_received ~ '^[0-9a-f]{64}$'),
  captured_at timestamptz,
  latitude double precision CHECK (latitude BETWEEN -90 AND 90),
  longitude double precision CHECK (longitude BETWEEN -180 AND 180),
  altitude double precision,
  -- Only whitelisted EXIF fields (camera, capture time, orientation, size), never the whole block.
  exif jsonb,
  author_id uuid NOT NULL REFERENCES users(id),
  status text NOT NULL DEFAULT 'uploading' CHECK (status IN ('uploading','stored','rejected')),
  rejection_reason text CHECK (rejection_reason IN ('hash_mismatch','type_mismatch')),
  upload_offset bigint NOT NULL DEFAULT 0 CHECK (upload_offset >= 0 AND upload_offset <= size_bytes),
  -- The original, AES-256-GCM encrypted with a per-file key; iv and tag in base64.
  storage_key text,
  encryption_iv text,
  encryption_tag text,
  -- Images only: a re-encoded copy without any metadata, for publication.
  public_copy_key text,
  public_copy_sha256 text CHECK (public_copy_sha256 ~ '^[0-9a-f]{64}$'),
  received_at timestamptz,
  credit text CHECK (length(credit) BETWEEN 1 AND 200),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (eviction_id IS NOT NULL OR incident_id IS NOT NULL),
  CHECK (status <> 'rejected' OR rejection_reason IS NOT NULL),
  CHECK (status <> 'stored' OR (upload_offset = size_bytes AND sha256_received IS NOT NULL AND storage_key IS NOT NULL
                                AND encryption_iv IS NOT NULL AND encryption_tag IS NOT NULL AND received_at IS NOT NULL)),
  CHECK ((public_copy_key IS NULL) = (public_copy_sha256 IS NULL))
);
CREATE INDEX evidence_eviction_idx ON evidence (eviction_id, created_at);
CREATE INDEX evidence_incident_idx ON evidence (incident_id);
CREATE INDEX evidence_org_idx ON evidence (organisation_id, created_at);

ALTER TABLE evidence ENABLE ROW LEVEL SECURITY;
CREATE POLICY organisation_isolation ON evidence
  USING (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid)
  WITH CHECK (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid);
-- No DELETE: evidence is kept; a wrong upload is rejected, not erased.
GRANT SELECT, INSERT, UPDATE ON evidence TO vigie_app;
