-- The house, parts 2, 3 and 5 (issue 19): the vehicles (bookings, logbook, insurance and
-- roadworthiness dates), the flat's beds (stays) and the poles' task boards. A vehicle and a bed
-- are items of the equipment inventory (equipment_items, kind 'vehicle' / 'bed'): these tables
-- only add what the inventory does not hold. Owned by modules/association/vehicles, /stays, /tasks.

-- What a vehicle has beyond an inventory item: the dates that must not lapse.
CREATE TABLE vehicle_papers (
  item_id uuid PRIMARY KEY REFERENCES equipment_items(id),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  insurance_until date,
  roadworthy_until date,
  -- The last reminder sent for each date (again every 7 days until the date is renewed).
  insurance_reminded_on date,
  roadworthy_reminded_on date,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- A vehicle reserved for someone over a time span; two live bookings of one vehicle never overlap
-- (checked under a lock on the item: the service refuses with the other booking's holder).
CREATE TABLE vehicle_bookings (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  item_id uuid NOT NULL REFERENCES equipment_items(id),
  driver_id uuid NOT NULL REFERENCES users(id),
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  purpose text NOT NULL DEFAULT '' CHECK (length(purpose) <= 300),
  cancelled_at timestamptz,
  created_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_at > starts_at)
);
CREATE INDEX vehicle_bookings_item_idx ON vehicle_bookings (item_id, starts_at) WHERE cancelled_at IS NULL;

-- The logbook: who actually drove, when, how far and why. A trip is opened on departure and closed
-- on return; the driver question ("who drove this car at this time") is answered from here.
CREATE TABLE vehicle_trips (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  item_id uuid NOT NULL REFERENCES equipment_items(id),
  booking_id uuid REFERENCES vehicle_bookings(id),
  driver_id uuid NOT NULL REFERENCES users(id),
  started_at timestamptz NOT NULL,
  ended_at timestamptz,
  km_start integer NOT NULL CHECK (km_start >= 0),
  km_end integer,
  purpose text NOT NULL CHECK (length(btrim(purpose)) BETWEEN 1 AND 300),
  created_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (ended_at IS NULL OR ended_at > started_at),
  CHECK (km_end IS NULL OR km_end >= km_start),
  CHECK ((ended_at IS NULL) = (km_end IS NULL))
);
CREATE INDEX vehicle_trips_item_idx ON vehicle_trips (item_id, started_at);

-- Who sleeps in which bed (a bed is an inventory item; its location is the room), arrival to
-- departure (the departure day is free again). Double bookings are refused under a lock on the bed.
CREATE TABLE house_stays (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  bed_id uuid NOT NULL REFERENCES equipment_items(id),
  -- A member, or a guest who has no account (a visiting lawyer, a volunteer not yet invited).
  person_id uuid REFERENCES users(id),
  guest_name text CHECK (length(guest_name) <= 120),
  arrives_on date NOT NULL,
  leaves_on date NOT NULL,
  notes text NOT NULL DEFAULT '' CHECK (length(notes) <= 1000),
  cancelled_at timestamptz,
  created_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (leaves_on > arrives_on),
  CHECK (person_id IS NOT NULL OR length(btrim(coalesce(guest_name, ''))) > 0)
);
CREATE INDEX house_stays_bed_idx ON house_stays (bed_id, arrives_on) WHERE cancelled_at IS NULL;

-- A pole's task board (to do, in progress, done), each task optionally linked to a decision, a
-- campaign or a legal case (checked through that module's service; the label is kept as shown then).
CREATE TABLE house_tasks (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  pole text NOT NULL CHECK (pole IN ('field','legal','communication','association')),
  title text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 300),
  notes text NOT NULL DEFAULT '' CHECK (length(notes) <= 4000),
  status text NOT NULL DEFAULT 'todo' CHECK (status IN ('todo','doing','done')),
  assignee_id uuid REFERENCES users(id),
  due_on date,
  link_kind text CHECK (link_kind IN ('decision','campaign','case')),
  link_id uuid,
  link_label text CHECK (length(link_label) <= 300),
  reminded_on date,
  done_at timestamptz,
  created_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((link_kind IS NULL) = (link_id IS NULL)),
  CHECK ((status = 'done') = (done_at IS NOT NULL))
);
CREATE INDEX house_tasks_pole_idx ON house_tasks (organisation_id, pole, status);
CREATE INDEX house_tasks_assignee_idx ON house_tasks (assignee_id) WHERE status <> 'done';

-- The tasks' iCal link is one more calendar of the shared secret links (rota_calendar_feeds).
ALTER TABLE rota_calendar_feeds DROP CONSTRAINT rota_calendar_feeds_calendar_check;
ALTER TABLE rota_calendar_feeds ADD CONSTRAINT rota_calendar_feeds_calendar_check CHECK (calendar IN ('rota', 'communication', 'tasks'));

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['vehicle_papers', 'vehicle_bookings', 'vehicle_trips', 'house_stays', 'house_tasks'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY organisation_isolation ON %I
      USING (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid)
      WITH CHECK (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid)$p$, t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE ON %I TO vigie_app', t);
  END LOOP;
END $$;
