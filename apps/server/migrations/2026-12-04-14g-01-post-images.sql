-- Images uploaded for a social post (issue 14): taken in through the file intake like an
-- evidence photo (real type, pixel limit, original encrypted at rest, publication copy without
-- metadata), with the alt text they were given. A post names either a field photo or one of these.
CREATE TABLE social_post_images (
  id uuid PRIMARY KEY,
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  original_name text NOT NULL CHECK (length(original_name) BETWEEN 1 AND 255),
  detected_type text NOT NULL CHECK (detected_type IN ('image/jpeg', 'image/png', 'image/webp')),
  size_bytes integer NOT NULL CHECK (size_bytes > 0),
  width integer NOT NULL CHECK (width > 0),
  height integer NOT NULL CHECK (height > 0),
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  storage_key text NOT NULL,
  encryption_iv text NOT NULL,
  encryption_tag text NOT NULL,
  public_copy_key text NOT NULL,
  public_copy_sha256 text NOT NULL CHECK (public_copy_sha256 ~ '^[0-9a-f]{64}$'),
  alt text NOT NULL CHECK (length(btrim(alt)) BETWEEN 1 AND 5000),
  uploaded_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX social_post_images_org_idx ON social_post_images (organisation_id, created_at);

ALTER TABLE social_posts ADD COLUMN image_upload_id uuid REFERENCES social_post_images(id);
ALTER TABLE social_posts ADD CONSTRAINT social_posts_one_image CHECK (image_upload_id IS NULL OR image_evidence_id IS NULL);
ALTER TABLE social_posts ADD CONSTRAINT social_posts_upload_alt CHECK (image_upload_id IS NULL OR length(btrim(coalesce(image_alt, ''))) > 0);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['social_post_images'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY organisation_isolation ON %I
      USING (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid)
      WITH CHECK (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid)$p$, t);
  END LOOP;
END $$;
GRANT SELECT, INSERT ON social_post_images TO vigie_app;
