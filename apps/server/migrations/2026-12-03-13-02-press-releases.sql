-- Press releases: draft → in review → approved (→ embargo) → sent → public; corrections are
-- appended and dated, never silent edits. Each cited figure is stored as a reference (metric,
-- period, area, filters) with the value and wording it had when inserted, so approval can be
-- refused while the statistics have since changed. Owned by modules/communication/press-releases.

CREATE TABLE press_releases (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  language text NOT NULL DEFAULT 'fr' CHECK (language IN ('fr','en')),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  lede text CHECK (length(lede) <= 2000),
  body text NOT NULL DEFAULT '' CHECK (length(body) <= 100000),
  -- Quotes of spokespeople and contacts for the press, as written.
  quotes text CHECK (length(quotes) <= 10000),
  press_contacts text CHECK (length(press_contacts) <= 2000),
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','in_review','approved','sent','withdrawn')),
  embargo_until timestamptz,
  created_by uuid NOT NULL REFERENCES users(id),
  submitted_by uuid REFERENCES users(id),
  approved_by uuid REFERENCES users(id),
  approved_at timestamptz,
  sent_at timestamptz,
  list_id uuid REFERENCES contact_lists(id) ON DELETE SET NULL,
  mailing_id uuid REFERENCES mailings(id),
  -- Frozen at sending: the exact text distributed, and the SHA-256 of its canonical JSON.
  snapshot jsonb,
  snapshot_sha256 text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (status <> 'sent' OR (snapshot IS NOT NULL AND sent_at IS NOT NULL))
);
CREATE INDEX press_releases_org_idx ON press_releases (organisation_id, updated_at DESC);
CREATE INDEX press_releases_public_idx ON press_releases (organisation_id, sent_at DESC) WHERE status = 'sent';

CREATE TABLE press_release_figures (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  release_id uuid NOT NULL REFERENCES press_releases(id) ON DELETE CASCADE,
  metric text NOT NULL,
  period_from date NOT NULL,
  period_to date NOT NULL,
  area_code text,
  filters jsonb NOT NULL DEFAULT '{}',
  value integer NOT NULL,
  at_least boolean NOT NULL,
  wording text NOT NULL,
  inserted_by uuid NOT NULL REFERENCES users(id),
  inserted_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX press_release_figures_release_idx ON press_release_figures (release_id);

CREATE TABLE press_release_corrections (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  release_id uuid NOT NULL REFERENCES press_releases(id),
  text text NOT NULL CHECK (length(text) BETWEEN 1 AND 5000),
  created_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now()
);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['press_releases','press_release_figures','press_release_corrections'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY organisation_isolation ON %I
      USING (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid)
      WITH CHECK (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid)$p$, t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE ON %I TO vigie_app', t);
  END LOOP;
END $$;
GRANT DELETE ON press_release_figures TO vigie_app;

-- A sent release is frozen: its text and figures never change again (corrections are appended).
CREATE FUNCTION press_release_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'sent' AND (NEW.title, NEW.lede, NEW.body, NEW.quotes, NEW.snapshot) IS DISTINCT FROM (OLD.title, OLD.lede, OLD.body, OLD.quotes, OLD.snapshot) THEN
    RAISE EXCEPTION 'press release % was sent and is frozen', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER press_release_frozen BEFORE UPDATE ON press_releases FOR EACH ROW EXECUTE FUNCTION press_release_frozen();
