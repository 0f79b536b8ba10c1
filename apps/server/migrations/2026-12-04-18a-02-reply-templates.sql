-- Replies to candidates (issue 18, item 4): templates with placeholders ({{nom}}, {{offre}},
-- {{association}}) the recruiter picks to answer an applicant through the mail pipeline.
-- Owned by modules/association/applications.
CREATE TABLE recruitment_reply_templates (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 120),
  subject text NOT NULL CHECK (length(btrim(subject)) BETWEEN 1 AND 200),
  body text NOT NULL CHECK (length(btrim(body)) BETWEEN 1 AND 10000),
  created_by uuid NOT NULL REFERENCES users(id),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX recruitment_reply_templates_name_idx ON recruitment_reply_templates (organisation_id, lower(name));

ALTER TABLE recruitment_reply_templates ENABLE ROW LEVEL SECURITY;
CREATE POLICY organisation_isolation ON recruitment_reply_templates
  USING (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid)
  WITH CHECK (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid);
GRANT SELECT, INSERT, UPDATE ON recruitment_reply_templates TO vigie_app;
