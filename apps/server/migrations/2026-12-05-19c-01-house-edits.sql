-- The house, editing (issue 19): a logbook trip corrected keeps its history, and a meeting action
-- put on a pole's board becomes a task that knows the action (and, through its link, the decision).

-- Every correction of a logbook trip (mileage, times, purpose): what it was, what it became, who
-- corrected it, when and why. Append-only: the logbook answers for traffic fines, so a correction
-- never erases what was written first. Owned by modules/association/vehicles.
CREATE TABLE vehicle_trip_corrections (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  trip_id uuid NOT NULL REFERENCES vehicle_trips(id),
  before jsonb NOT NULL,
  after jsonb NOT NULL,
  reason text NOT NULL CHECK (length(btrim(reason)) BETWEEN 1 AND 500),
  corrected_by uuid NOT NULL REFERENCES users(id),
  corrected_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX vehicle_trip_corrections_trip_idx ON vehicle_trip_corrections (trip_id, corrected_at);
CREATE FUNCTION vehicle_trip_corrections_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the logbook corrections are append-only' USING ERRCODE = '42501';
END $$;
CREATE TRIGGER vehicle_trip_corrections_append_only BEFORE UPDATE OR DELETE ON vehicle_trip_corrections
  FOR EACH ROW EXECUTE FUNCTION vehicle_trip_corrections_append_only();

-- A task made from a meeting action (one task per action at most); its link points to the action's
-- decision, or to the meeting when the action answers no decision. Owned by modules/association/tasks.
ALTER TABLE house_tasks ADD COLUMN meeting_action_id uuid REFERENCES meeting_actions(id);
CREATE UNIQUE INDEX house_tasks_meeting_action_idx ON house_tasks (meeting_action_id) WHERE meeting_action_id IS NOT NULL;
ALTER TABLE house_tasks DROP CONSTRAINT house_tasks_link_kind_check;
ALTER TABLE house_tasks ADD CONSTRAINT house_tasks_link_kind_check CHECK (link_kind IN ('decision','campaign','case','meeting'));

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['vehicle_trip_corrections'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY organisation_isolation ON %I
      USING (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid)
      WITH CHECK (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid)$p$, t);
    EXECUTE format('GRANT SELECT, INSERT ON %I TO vigie_app', t);
  END LOOP;
END $$;
