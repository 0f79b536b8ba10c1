-- Job alerts (issue 18, item 3): a visitor subscribes to categories of postings (employment,
-- internships, volunteering) with a double opt-in. Subscribers are contacts of the contacts
-- registry, each category one static consent list there, and consent is in the consent ledger:
-- these tables only say which list is which category and hold pending opt-ins. Owned by
-- modules/association/postings (job-alerts).

-- The consent list of each category, created the first time someone confirms for it.
CREATE TABLE job_alert_lists (
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  category text NOT NULL CHECK (category IN ('employment','internship','volunteering')),
  list_id uuid NOT NULL REFERENCES contact_lists(id) ON DELETE CASCADE,
  PRIMARY KEY (organisation_id, category)
);

-- Pending double opt-ins. Only the SHA-256 of the link's token is kept; the address is held until
-- confirmation (then the contact holds it and it is cleared here) or expiry.
CREATE TABLE job_alert_signups (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  categories text[] NOT NULL CHECK (cardinality(categories) BETWEEN 1 AND 3
    AND categories <@ ARRAY['employment','internship','volunteering']::text[]),
  email text CHECK (length(email) BETWEEN 3 AND 320),
  language text NOT NULL CHECK (language IN ('fr','en')),
  token_sha256 text NOT NULL UNIQUE,
  form_version text NOT NULL CHECK (length(form_version) <= 100),
  form_text text NOT NULL CHECK (length(form_text) <= 5000),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  confirmed_at timestamptz,
  contact_id uuid REFERENCES contacts(id) ON DELETE SET NULL,
  CHECK ((confirmed_at IS NULL) = (email IS NOT NULL))
);
CREATE INDEX job_alert_signups_expiry_idx ON job_alert_signups (organisation_id, expires_at) WHERE confirmed_at IS NULL;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['job_alert_lists', 'job_alert_signups'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY organisation_isolation ON %I
      USING (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid)
      WITH CHECK (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid)$p$, t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE ON %I TO vigie_app', t);
  END LOOP;
END $$;
GRANT DELETE ON job_alert_signups TO vigie_app;

-- A job alert is bulk mail to a list (with one-click unsubscribe), of its own kind on the mail desk.
ALTER TABLE mailings DROP CONSTRAINT mailings_purpose_check;
ALTER TABLE mailings ADD CONSTRAINT mailings_purpose_check
  CHECK (purpose IN ('press_release','newsletter','manual','transactional','account','job_alert'));
