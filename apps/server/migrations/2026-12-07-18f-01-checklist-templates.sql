-- Checklist templates per role (issue 18, item 6): per organisation, per kind (onboarding or
-- offboarding) and per role of the permission table (no role: any role), each with tasks at a
-- relative day (negative: before arrival; 0: day 1; 7: week 1 — from the arrival date for an
-- onboarding, the departure date for an offboarding) and a default assignee role. The fixed
-- items of 2026-12-05-18b-03 become the default templates' tasks (their `code`), seeded lazily on
-- first read per organisation. A person's checklist copies the tasks with a due day (Europe/Paris)
-- and an assignee; rows started before keep their item code and no label, and still read.
-- Owned by modules/association/checklists.
CREATE TABLE checklist_templates (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  kind text NOT NULL CHECK (kind IN ('onboarding','offboarding')),
  role text CHECK (role IN ('admin','coordinator','observer','legal','comms','volunteer','board','researcher')),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  active boolean NOT NULL DEFAULT true,
  is_default boolean NOT NULL DEFAULT false,
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
-- One default template per kind and organisation: seeding twice at once inserts it once.
CREATE UNIQUE INDEX checklist_templates_default_idx ON checklist_templates (organisation_id, kind) WHERE is_default;

CREATE TABLE checklist_template_tasks (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  template_id uuid NOT NULL REFERENCES checklist_templates(id),
  code text CHECK (code ~ '^[a-z_]{1,40}$'),
  label text NOT NULL CHECK (length(label) BETWEEN 1 AND 200),
  relative_day integer NOT NULL CHECK (relative_day BETWEEN -365 AND 365),
  assignee_role text CHECK (assignee_role IN ('admin','coordinator','observer','legal','comms','volunteer','board','researcher')),
  position integer NOT NULL,
  active boolean NOT NULL DEFAULT true
);
CREATE INDEX checklist_template_tasks_template_idx ON checklist_template_tasks (template_id, position);

ALTER TABLE person_checklist_items ALTER COLUMN item DROP NOT NULL;
ALTER TABLE person_checklist_items ADD COLUMN label text CHECK (length(label) BETWEEN 1 AND 200);
ALTER TABLE person_checklist_items ADD COLUMN template_task_id uuid REFERENCES checklist_template_tasks(id);
ALTER TABLE person_checklist_items ADD COLUMN due_on date;
ALTER TABLE person_checklist_items ADD COLUMN assignee_role text;
ALTER TABLE person_checklist_items ADD COLUMN assignee_id uuid REFERENCES users(id);
ALTER TABLE person_checklist_items ADD CONSTRAINT person_checklist_items_named CHECK (item IS NOT NULL OR label IS NOT NULL);
CREATE UNIQUE INDEX person_checklist_items_task_idx ON person_checklist_items (person_id, template_task_id);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['checklist_templates','checklist_template_tasks'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY organisation_isolation ON %I
      USING (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid)
      WITH CHECK (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid)$p$, t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE ON %I TO vigie_app', t);
  END LOOP;
END $$;
