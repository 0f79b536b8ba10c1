-- The house, part 1 (issue 19): the association's equipment and keys, lent against a form signed
-- on the screen ("document de mise à disposition"). Owned by modules/association/equipment.

-- One thing the association owns and lends: a field phone, a laptop, a set of keys, a bed…
CREATE TABLE equipment_items (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  kind text NOT NULL CHECK (kind IN ('field_phone','laptop','camera','power_bank','vehicle','keys','bed','kit','other')),
  label text NOT NULL CHECK (length(label) BETWEEN 1 AND 120),
  -- IMEI, serial number, plate, number of keys in the set…
  identifier text CHECK (length(identifier) <= 120),
  state text NOT NULL DEFAULT 'good' CHECK (state IN ('good','worn','damaged','lost','retired')),
  location text NOT NULL DEFAULT '' CHECK (length(location) <= 120),
  notes text NOT NULL DEFAULT '' CHECK (length(notes) <= 2000),
  -- A field phone's registered local store (field_devices): what it reports of unsent records.
  device_id uuid REFERENCES field_devices(id),
  created_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX equipment_items_org_idx ON equipment_items (organisation_id, kind);

-- A hand-over of one or more items to one person, signed; closed by their return, signed again.
CREATE TABLE equipment_loans (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  borrower_id uuid NOT NULL REFERENCES users(id),
  lender_id uuid NOT NULL REFERENCES users(id),
  out_at timestamptz NOT NULL,
  due_on date,
  conditions text NOT NULL CHECK (length(conditions) BETWEEN 1 AND 4000),
  returned_at timestamptz,
  received_by uuid REFERENCES users(id),
  return_notes text CHECK (length(return_notes) <= 2000),
  reminded_on date,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (returned_at IS NULL OR returned_at >= out_at),
  CHECK ((returned_at IS NULL) = (received_by IS NULL))
);
CREATE INDEX equipment_loans_open_idx ON equipment_loans (organisation_id, borrower_id) WHERE returned_at IS NULL;

CREATE TABLE equipment_loan_items (
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  loan_id uuid NOT NULL REFERENCES equipment_loans(id),
  item_id uuid NOT NULL REFERENCES equipment_items(id),
  returned_at timestamptz,
  state_on_return text CHECK (state_on_return IN ('good','worn','damaged','lost')),
  PRIMARY KEY (loan_id, item_id)
);
-- An item is out at most once: the last line against lending what is already lent.
CREATE UNIQUE INDEX equipment_loan_items_out_idx ON equipment_loan_items (item_id) WHERE returned_at IS NULL;

-- The signed forms: the PDF as it was handed over (hand-over and return), with its SHA-256, also in the audit trail.
CREATE TABLE equipment_loan_documents (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  loan_id uuid NOT NULL REFERENCES equipment_loans(id),
  kind text NOT NULL CHECK (kind IN ('out','in')),
  pdf bytea NOT NULL,
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (loan_id, kind)
);

-- What a field phone reports when it syncs: records and media still waiting to be sent (issue 19,
-- a phone is not checked in while it holds any).
ALTER TABLE field_devices ADD COLUMN pending_records integer CHECK (pending_records >= 0);
ALTER TABLE field_devices ADD COLUMN pending_media integer CHECK (pending_media >= 0);
ALTER TABLE field_devices ADD COLUMN pending_reported_at timestamptz;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['equipment_items', 'equipment_loans', 'equipment_loan_items', 'equipment_loan_documents'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY organisation_isolation ON %I
      USING (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid)
      WITH CHECK (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid)$p$, t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE ON %I TO vigie_app', t);
  END LOOP;
END $$;
