-- Reports generated in the background (the annual report pack): what was asked, how far the
-- job has got (the progress bar), and the files it produced in object storage. A report is
-- generated once from verified data; asking again makes a new one rather than changing it.

CREATE TABLE report_jobs (
  id uuid PRIMARY KEY,
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  kind text NOT NULL CHECK (kind IN ('annual')),
  params jsonb NOT NULL,
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued','running','done','failed')),
  progress integer NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
  step text NOT NULL DEFAULT 'queued',
  error_code text,
  -- {"xlsx": {"key": …, "sha256": …, "size": …}, "pdf": …, "zip": …}
  files jsonb NOT NULL DEFAULT '{}'::jsonb,
  requested_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  CHECK ((status IN ('done','failed')) = (finished_at IS NOT NULL))
);
CREATE INDEX report_jobs_org_idx ON report_jobs (organisation_id, created_at DESC);

ALTER TABLE report_jobs ENABLE ROW LEVEL SECURITY;
CREATE POLICY organisation_isolation ON report_jobs
  USING (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid)
  WITH CHECK (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid);
GRANT SELECT, INSERT, UPDATE ON report_jobs TO vigie_app;
