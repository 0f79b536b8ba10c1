-- Monthly bulletins (bulletin mensuel): an editable draft per area and month, frozen on
-- publication. The figures a bulletin lists (its figure set) are data: a default per area code
-- for every organisation, which an organisation may replace per area.

-- Defaults by area code, shared by every organisation (HRO's two areas; brief: "The monthly
-- bulletin"). Read-only for the application: a new default is a migration.
CREATE TABLE bulletin_default_figure_sets (
  area_code text PRIMARY KEY CHECK (area_code ~ '^[a-z0-9_-]{1,40}$'),
  figures jsonb NOT NULL CHECK (jsonb_typeof(figures) = 'array')
);
INSERT INTO bulletin_default_figure_sets (area_code, figures) VALUES
  ('calaisis', '[
    {"metric": "evictions", "part": "distinctSites"},
    {"metric": "tentsSeized", "part": "tentsWithBelongingsSeized"},
    {"metric": "arrests", "part": "arrestsWithViolence"},
    {"metric": "mattressesSeized", "part": null},
    {"metric": "blanketsSeized", "part": null},
    {"metric": "tarpsSeized", "part": null},
    {"metric": "palletsWoodSeized", "part": null},
    {"metric": "chairsSeized", "part": null},
    {"metric": "bikesSeized", "part": null},
    {"metric": "phonesSeized", "part": null},
    {"metric": "unaccompaniedMinors", "part": null}
  ]'),
  ('dunkerquois', '[
    {"metric": "personsEvicted", "part": null},
    {"metric": "unaccompaniedMinors", "part": null},
    {"metric": "structuresDestroyed", "part": null}
  ]');
GRANT SELECT ON bulletin_default_figure_sets TO vigie_app;

-- An organisation's own figure set for one of its areas, replacing the default.
CREATE TABLE bulletin_figure_sets (
  area_id uuid PRIMARY KEY REFERENCES areas(id),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  figures jsonb NOT NULL CHECK (jsonb_typeof(figures) = 'array'),
  updated_by uuid NOT NULL REFERENCES users(id),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE bulletins (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  area_id uuid NOT NULL REFERENCES areas(id),
  month text NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','published')),
  -- The figure set this bulletin lists, copied at creation so a later change of the area's
  -- set does not rewrite a draft under its author.
  figures jsonb NOT NULL CHECK (jsonb_typeof(figures) = 'array'),
  headline_fr text NOT NULL DEFAULT '' CHECK (length(headline_fr) <= 200),
  headline_en text NOT NULL DEFAULT '' CHECK (length(headline_en) <= 200),
  context_fr jsonb NOT NULL DEFAULT '[]',
  context_en jsonb NOT NULL DEFAULT '[]',
  photos jsonb NOT NULL DEFAULT '[]',
  version integer NOT NULL DEFAULT 1,
  created_by uuid NOT NULL REFERENCES users(id),
  updated_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz,
  published_by uuid REFERENCES users(id),
  -- The content as published, and the SHA-256 of its canonical JSON (RFC 8785).
  snapshot jsonb,
  snapshot_sha256 text CHECK (snapshot_sha256 ~ '^[0-9a-f]{64}$'),
  UNIQUE (organisation_id, area_id, month),
  CHECK ((status = 'published') = (snapshot IS NOT NULL AND snapshot_sha256 IS NOT NULL AND published_at IS NOT NULL AND published_by IS NOT NULL))
);
CREATE INDEX bulletins_org_month_idx ON bulletins (organisation_id, month DESC);

-- The exact bytes published (PDF, HTML, Markdown in each language), so a download of a
-- published bulletin is what went out, byte for byte, whatever the renderer becomes.
CREATE TABLE bulletin_files (
  bulletin_id uuid NOT NULL REFERENCES bulletins(id),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  locale text NOT NULL CHECK (locale IN ('fr','en')),
  format text NOT NULL CHECK (format IN ('pdf','html','md')),
  content bytea NOT NULL,
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  PRIMARY KEY (bulletin_id, locale, format)
);

-- A published bulletin never changes: the database refuses it even if the application forgot.
CREATE FUNCTION bulletins_refuse_published_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'published' THEN
    RAISE EXCEPTION 'bulletin % is published and cannot change', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER bulletins_frozen BEFORE UPDATE ON bulletins FOR EACH ROW EXECUTE FUNCTION bulletins_refuse_published_change();

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['bulletin_figure_sets','bulletins','bulletin_files'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY organisation_isolation ON %I
      USING (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid)
      WITH CHECK (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid)$p$, t);
  END LOOP;
END $$;
GRANT SELECT, INSERT, UPDATE ON bulletin_figure_sets TO vigie_app;
GRANT SELECT, INSERT, UPDATE ON bulletins TO vigie_app;
-- Published files are written once and never updated or deleted.
GRANT SELECT, INSERT ON bulletin_files TO vigie_app;
