-- Association life (issue 18, item 7): the member register, dues per membership year, gifts, and
-- numbered receipts (dues receipts and CERFA 11580 tax receipts). Owned by modules/association/members.

-- The association's identity as printed on receipts (the organisation row holds only a name).
-- `tax_receipts_enabled` is the eligibility setting: without it no tax receipt is issued.
CREATE TABLE receipt_settings (
  organisation_id uuid PRIMARY KEY REFERENCES organisations(id),
  legal_name text NOT NULL CHECK (length(btrim(legal_name)) BETWEEN 1 AND 200),
  address text NOT NULL CHECK (length(btrim(address)) BETWEEN 1 AND 300),
  postcode text NOT NULL CHECK (postcode ~ '^[0-9]{5}$'),
  city text NOT NULL CHECK (length(btrim(city)) BETWEEN 1 AND 120),
  registration text NOT NULL DEFAULT '' CHECK (length(registration) <= 60),
  purpose text NOT NULL CHECK (length(btrim(purpose)) BETWEEN 1 AND 600),
  status text NOT NULL CHECK (status IN ('general_interest','public_utility')),
  tax_receipts_enabled boolean NOT NULL DEFAULT false,
  signatory_name text NOT NULL CHECK (length(btrim(signatory_name)) BETWEEN 1 AND 120),
  signatory_title text NOT NULL CHECK (length(btrim(signatory_title)) BETWEEN 1 AND 120),
  updated_by uuid REFERENCES users(id),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- A member is a person (or a legal person for corporate membership), linked to a contact when known.
CREATE TABLE members (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  contact_id uuid REFERENCES contacts(id) ON DELETE SET NULL,
  full_name text NOT NULL CHECK (length(btrim(full_name)) BETWEEN 1 AND 200),
  address text NOT NULL DEFAULT '' CHECK (length(address) <= 300),
  postcode text NOT NULL DEFAULT '' CHECK (length(postcode) <= 10),
  city text NOT NULL DEFAULT '' CHECK (length(city) <= 120),
  email text CHECK (length(email) <= 320),
  joined_on date NOT NULL,
  created_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX members_org_name_idx ON members (organisation_id, lower(full_name));

-- Dues: one membership per member and year.
CREATE TABLE memberships (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  member_id uuid NOT NULL REFERENCES members(id),
  year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  category text NOT NULL CHECK (category IN ('individual','reduced','benefactor','legal_person')),
  amount_cents integer NOT NULL CHECK (amount_cents > 0),
  paid_on date NOT NULL,
  method text NOT NULL CHECK (method IN ('cash','cheque','transfer','card','direct_debit')),
  created_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (member_id, year)
);

-- Gifts (dons): from a member or anyone; the donor's identity is kept for the tax receipt.
CREATE TABLE donations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  member_id uuid REFERENCES members(id),
  donor_kind text NOT NULL CHECK (donor_kind IN ('person','company')),
  donor_name text NOT NULL CHECK (length(btrim(donor_name)) BETWEEN 1 AND 200),
  donor_address text NOT NULL CHECK (length(btrim(donor_address)) BETWEEN 1 AND 300),
  donor_postcode text NOT NULL CHECK (length(btrim(donor_postcode)) BETWEEN 1 AND 10),
  donor_city text NOT NULL CHECK (length(btrim(donor_city)) BETWEEN 1 AND 120),
  amount_cents integer NOT NULL CHECK (amount_cents > 0),
  received_on date NOT NULL,
  method text NOT NULL CHECK (method IN ('cash','cheque','transfer','card','direct_debit')),
  created_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now()
);

-- The last number used per series and year: a receipt number is taken by incrementing this row in
-- the issuing transaction, so numbers follow each other and never repeat (a rolled-back issue gives
-- its number back).
CREATE TABLE receipt_counters (
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  series text NOT NULL CHECK (series IN ('dues','tax')),
  year integer NOT NULL,
  last_number integer NOT NULL CHECK (last_number > 0),
  PRIMARY KEY (organisation_id, series, year)
);

-- Issued receipts, append-only: the PDF as issued and its SHA-256 (also in the audit trail). A
-- cancellation is a receipt of its own (kind 'cancellation', with its own number) naming the one
-- it cancels; the cancelled receipt stays.
CREATE TABLE receipts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  series text NOT NULL CHECK (series IN ('dues','tax')),
  year integer NOT NULL,
  number integer NOT NULL CHECK (number > 0),
  reference text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('receipt','cancellation')),
  membership_id uuid REFERENCES memberships(id),
  donation_id uuid REFERENCES donations(id),
  cancels_id uuid REFERENCES receipts(id),
  reason text NOT NULL DEFAULT '' CHECK (length(reason) <= 500),
  payer_name text NOT NULL,
  amount_cents integer NOT NULL CHECK (amount_cents > 0),
  issued_by uuid NOT NULL REFERENCES users(id),
  issued_at timestamptz NOT NULL DEFAULT now(),
  pdf bytea NOT NULL,
  pdf_sha256 text NOT NULL CHECK (pdf_sha256 ~ '^[0-9a-f]{64}$'),
  UNIQUE (organisation_id, series, year, number),
  CHECK ((kind = 'cancellation') = (cancels_id IS NOT NULL)),
  CHECK ((series = 'dues') = (membership_id IS NOT NULL) AND (series = 'tax') = (donation_id IS NOT NULL))
);
-- A receipt is cancelled at most once.
CREATE UNIQUE INDEX receipts_cancels_idx ON receipts (cancels_id) WHERE cancels_id IS NOT NULL;
CREATE INDEX receipts_membership_idx ON receipts (membership_id);
CREATE INDEX receipts_donation_idx ON receipts (donation_id);

CREATE FUNCTION receipts_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'an issued receipt is never altered nor deleted' USING ERRCODE = '42501';
END $$;
CREATE TRIGGER receipts_append_only BEFORE UPDATE OR DELETE ON receipts
  FOR EACH ROW EXECUTE FUNCTION receipts_append_only();

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['receipt_settings', 'members', 'memberships', 'donations', 'receipt_counters', 'receipts'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY organisation_isolation ON %I
      USING (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid)
      WITH CHECK (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid)$p$, t);
  END LOOP;
END $$;
GRANT SELECT, INSERT, UPDATE ON receipt_settings, members, memberships, donations, receipt_counters TO vigie_app;
GRANT SELECT, INSERT ON receipts TO vigie_app;
