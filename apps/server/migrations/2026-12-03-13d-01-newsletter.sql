-- The members' newsletter (issue 13, deliverable 4): issues composed of blocks, sent once
-- through the one mail pipeline to a consent list's subscribers; a public sign-up with a double
-- opt-in confirmed by a button; a public archive of sent issues. Owned by
-- modules/communication/newsletters. Subscribers are contacts (the contacts module's registry)
-- and their consent is in the consent ledger: nothing here duplicates either.

-- Opt-in per organisation: the public sign-up page and archive exist only once enabled, and
-- subscribers join one static list whose legal basis is consent.
CREATE TABLE newsletter_settings (
  organisation_id uuid PRIMARY KEY REFERENCES organisations(id),
  enabled boolean NOT NULL DEFAULT false,
  list_id uuid REFERENCES contact_lists(id) ON DELETE SET NULL,
  updated_by uuid REFERENCES users(id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (NOT enabled OR list_id IS NOT NULL)
);

CREATE TABLE newsletter_issues (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  language text NOT NULL DEFAULT 'fr' CHECK (language IN ('fr','en')),
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','sent')),
  -- The blocks as composed (figure references with their wording at the last save).
  blocks jsonb NOT NULL DEFAULT '[]',
  list_id uuid REFERENCES contact_lists(id) ON DELETE SET NULL,
  mailing_id uuid REFERENCES mailings(id),
  -- Frozen at sending: the blocks as mailed (figures re-worded, bulletin and credits resolved).
  snapshot jsonb,
  sent_at timestamptz,
  sent_by uuid REFERENCES users(id),
  created_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (status <> 'sent' OR (snapshot IS NOT NULL AND sent_at IS NOT NULL AND mailing_id IS NOT NULL))
);
CREATE INDEX newsletter_issues_org_idx ON newsletter_issues (organisation_id, updated_at DESC);
CREATE INDEX newsletter_issues_public_idx ON newsletter_issues (organisation_id, sent_at DESC) WHERE status = 'sent';

-- Pending double opt-ins. Only the SHA-256 of the link's token is kept. The address is held
-- until confirmation (then the contact holds it and it is cleared here) or expiry.
CREATE TABLE newsletter_signups (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  list_id uuid NOT NULL REFERENCES contact_lists(id) ON DELETE CASCADE,
  email text CHECK (length(email) BETWEEN 3 AND 320),
  display_name text CHECK (length(display_name) <= 200),
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
CREATE INDEX newsletter_signups_expiry_idx ON newsletter_signups (organisation_id, expires_at) WHERE confirmed_at IS NULL;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['newsletter_settings','newsletter_issues','newsletter_signups'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY organisation_isolation ON %I
      USING (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid)
      WITH CHECK (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid)$p$, t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE ON %I TO vigie_app', t);
  END LOOP;
END $$;
-- Expired, never-confirmed sign-ups are deleted (they hold an address nobody confirmed).
GRANT DELETE ON newsletter_signups TO vigie_app;

-- A sent issue is frozen: what was mailed is what the archive shows.
CREATE FUNCTION newsletter_issue_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'sent' AND (NEW.title, NEW.blocks, NEW.snapshot, NEW.status) IS DISTINCT FROM (OLD.title, OLD.blocks, OLD.snapshot, OLD.status) THEN
    RAISE EXCEPTION 'newsletter issue % was sent and is frozen', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER newsletter_issue_frozen BEFORE UPDATE ON newsletter_issues FOR EACH ROW EXECUTE FUNCTION newsletter_issue_frozen();
