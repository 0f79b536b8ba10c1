-- The organisation's look on share cards: two colours and a logo (none existed in the
-- organisation settings). Owned by modules/communication/share-cards; defaults apply when absent.
CREATE TABLE organisation_branding (
  organisation_id uuid PRIMARY KEY REFERENCES organisations(id),
  primary_colour text NOT NULL CHECK (primary_colour ~ '^#[0-9a-f]{6}$'),
  accent_colour text NOT NULL CHECK (accent_colour ~ '^#[0-9a-f]{6}$'),
  logo bytea CHECK (octet_length(logo) <= 524288),
  logo_type text CHECK (logo_type IN ('image/png','image/jpeg','image/svg+xml')),
  updated_by uuid REFERENCES users(id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((logo IS NULL) = (logo_type IS NULL))
);
ALTER TABLE organisation_branding ENABLE ROW LEVEL SECURITY;
CREATE POLICY organisation_isolation ON organisation_branding
  USING (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid)
  WITH CHECK (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid);
GRANT SELECT, INSERT, UPDATE ON organisation_branding TO vigie_app;
