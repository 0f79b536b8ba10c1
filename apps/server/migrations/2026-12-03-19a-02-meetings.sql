-- The house, part 4 (issue 19): weekly meetings, the decisions log and actions carried over until
-- done. Owned by modules/association/meetings.

-- A recurring meeting (the weekly team meeting, the monthly bureau) with its agenda template.
CREATE TABLE meeting_series (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 160),
  -- ISO weekday (1 = Monday) and Paris time of the usual slot.
  weekday integer NOT NULL CHECK (weekday BETWEEN 1 AND 7),
  start_time text NOT NULL CHECK (start_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  agenda_template text[] NOT NULL DEFAULT '{}',
  created_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE meetings (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  series_id uuid REFERENCES meeting_series(id),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 160),
  kind text NOT NULL DEFAULT 'meeting' CHECK (kind IN ('meeting','retreat')),
  starts_at timestamptz NOT NULL,
  ends_at timestamptz,
  status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned','in_progress','closed')),
  minutes text NOT NULL DEFAULT '' CHECK (length(minutes) <= 100000),
  closed_at timestamptz,
  created_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_at IS NULL OR ends_at >= starts_at)
);
CREATE INDEX meetings_series_idx ON meetings (organisation_id, series_id, starts_at);

CREATE TABLE meeting_agenda_items (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  meeting_id uuid NOT NULL REFERENCES meetings(id),
  position integer NOT NULL,
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  notes text NOT NULL DEFAULT '' CHECK (length(notes) <= 20000),
  -- template: from the series; proposed: added by a member beforehand; action: an open action carried over.
  source text NOT NULL CHECK (source IN ('template','proposed','action')),
  action_id uuid,
  proposed_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX meeting_agenda_items_meeting_idx ON meeting_agenda_items (meeting_id, position);

-- The decisions log: append-only (no UPDATE, no DELETE, for anyone), each entry also written in
-- full to the hash-chained audit trail, which `npm run audit:verify` checks.
CREATE TABLE meeting_decisions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  meeting_id uuid NOT NULL REFERENCES meetings(id),
  agenda_item_id uuid REFERENCES meeting_agenda_items(id),
  text text NOT NULL CHECK (length(btrim(text)) BETWEEN 1 AND 4000),
  context text NOT NULL DEFAULT '' CHECK (length(context) <= 4000),
  decided_at timestamptz NOT NULL,
  created_by uuid NOT NULL REFERENCES users(id),
  content_sha256 text NOT NULL CHECK (content_sha256 ~ '^[0-9a-f]{64}$')
);
CREATE INDEX meeting_decisions_org_idx ON meeting_decisions (organisation_id, decided_at DESC);

CREATE FUNCTION meeting_decisions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the decisions log is append-only' USING ERRCODE = '42501';
END $$;
CREATE TRIGGER meeting_decisions_append_only BEFORE UPDATE OR DELETE ON meeting_decisions
  FOR EACH ROW EXECUTE FUNCTION meeting_decisions_append_only();

-- One owner, one due date; carried to the next meeting of the series until done.
CREATE TABLE meeting_actions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  meeting_id uuid NOT NULL REFERENCES meetings(id),
  decision_id uuid REFERENCES meeting_decisions(id),
  title text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 300),
  owner_id uuid NOT NULL REFERENCES users(id),
  due_on date NOT NULL,
  done_at timestamptz,
  created_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX meeting_actions_open_idx ON meeting_actions (organisation_id, owner_id) WHERE done_at IS NULL;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['meeting_series', 'meetings', 'meeting_agenda_items', 'meeting_decisions', 'meeting_actions'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY organisation_isolation ON %I
      USING (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid)
      WITH CHECK (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid)$p$, t);
  END LOOP;
END $$;
GRANT SELECT, INSERT, UPDATE ON meeting_series, meetings, meeting_agenda_items, meeting_actions TO vigie_app;
GRANT SELECT, INSERT ON meeting_decisions TO vigie_app;
