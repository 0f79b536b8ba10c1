-- Recruitment (issue 18): job postings — employment, internship, volunteering, civic service —
-- with every field a job board shows. Published postings are public (page with schema.org
-- JobPosting, Atom feed); drafts stay inside the organisation. Owned by modules/association/postings.
CREATE TABLE job_postings (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  title text NOT NULL CHECK (length(title) BETWEEN 3 AND 160),
  engagement text NOT NULL CHECK (engagement IN ('employment','internship','volunteering','civic_service')),
  locality text NOT NULL,
  postal_code text,
  region text,
  country text NOT NULL DEFAULT 'FR' CHECK (country ~ '^[A-Z]{2}$'),
  workplace text NOT NULL CHECK (workplace IN ('on_site','hybrid','remote')),
  schedule text NOT NULL CHECK (schedule IN ('full_time','part_time')),
  hours_per_week numeric(4,1) CHECK (hours_per_week > 0 AND hours_per_week <= 60),
  contract text,
  duration_months integer CHECK (duration_months BETWEEN 1 AND 60),
  start_date date,
  pay_min numeric(12,2) CHECK (pay_min >= 0),
  pay_max numeric(12,2) CHECK (pay_max >= 0),
  pay_unit text CHECK (pay_unit IN ('hour','month','year')),
  -- Lists shown as bullet points (benefits, qualifications…), in the order written.
  benefits text[] NOT NULL DEFAULT '{}',
  qualifications text[] NOT NULL DEFAULT '{}',
  responsibilities text[] NOT NULL DEFAULT '{}',
  skills text[] NOT NULL DEFAULT '{}',
  tools text[] NOT NULL DEFAULT '{}',
  education text[] NOT NULL DEFAULT '{}',
  languages text[] NOT NULL DEFAULT '{}',
  description text NOT NULL CHECK (length(description) BETWEEN 1 AND 20000),
  closes_on date NOT NULL,
  openings integer NOT NULL DEFAULT 1 CHECK (openings BETWEEN 1 AND 50),
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','published','closed')),
  published_at timestamptz,
  created_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (pay_min IS NULL OR pay_max IS NULL OR pay_min <= pay_max),
  CHECK ((pay_min IS NULL AND pay_max IS NULL) OR pay_unit IS NOT NULL),
  CHECK ((status = 'draft') = (published_at IS NULL) OR status = 'closed')
);
CREATE INDEX job_postings_org_idx ON job_postings (organisation_id, status, closes_on);

ALTER TABLE job_postings ENABLE ROW LEVEL SECURITY;
CREATE POLICY organisation_isolation ON job_postings
  USING (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid)
  WITH CHECK (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid);
GRANT SELECT, INSERT, UPDATE ON job_postings TO vigie_app;
