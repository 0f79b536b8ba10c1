-- Field pole: areas, communes, editable taxonomies, sites, operations, evictions with their
-- counts (each with an at-least flag), forces, incidents with pseudonymous people, version
-- history, and the sync command log that makes offline replays harmless.

-- change_xid: the id of the transaction that last wrote the row. A pull returns rows written
-- by transactions at or after the client's cursor, and the new cursor is the oldest
-- transaction still running when the pull began — so a slow transaction that commits late
-- is never skipped (a plain sequence would be: numbers are taken before commit order).

CREATE TABLE areas (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  code text NOT NULL CHECK (code ~ '^[a-z0-9_-]{1,40}$'),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  active boolean NOT NULL DEFAULT true,
  change_xid bigint NOT NULL DEFAULT (pg_current_xact_id()::text::bigint),
  UNIQUE (organisation_id, code)
);

CREATE TABLE communes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  area_id uuid NOT NULL REFERENCES areas(id),
  insee_code text NOT NULL CHECK (insee_code ~ '^[0-9][0-9AB][0-9]{3}$'),
  name text NOT NULL,
  change_xid bigint NOT NULL DEFAULT (pg_current_xact_id()::text::bigint),
  UNIQUE (organisation_id, insee_code)
);

-- One table for every editable list (item types, force corps, incident types, legal-basis
-- categories, structure types, vehicle types, operation types): a coordinator edits them.
CREATE TABLE taxonomy_terms (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  kind text NOT NULL CHECK (kind IN ('item_type','structure_type','force_corps','vehicle_type','incident_type','obstruction_type','legal_basis_category','operation_type')),
  code text NOT NULL CHECK (code ~ '^[a-z0-9_]{1,40}$'),
  label_fr text NOT NULL CHECK (length(label_fr) BETWEEN 1 AND 120),
  label_en text NOT NULL CHECK (length(label_en) BETWEEN 1 AND 120),
  sort integer NOT NULL DEFAULT 0,
  active boolean NOT NULL DEFAULT true,
  change_xid bigint NOT NULL DEFAULT (pg_current_xact_id()::text::bigint),
  UNIQUE (organisation_id, kind, code)
);

CREATE TABLE sites (
  id uuid PRIMARY KEY,
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  code text NOT NULL CHECK (length(code) BETWEEN 1 AND 20),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  aliases text[] NOT NULL DEFAULT '{}',
  area_id uuid NOT NULL REFERENCES areas(id),
  commune_insee text NOT NULL,
  latitude double precision CHECK (latitude BETWEEN -90 AND 90),
  longitude double precision CHECK (longitude BETWEEN -180 AND 180),
  active boolean NOT NULL DEFAULT true,
  notes text,
  version integer NOT NULL DEFAULT 1,
  change_xid bigint NOT NULL DEFAULT (pg_current_xact_id()::text::bigint),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX sites_org_code_key ON sites (organisation_id, upper(code));

CREATE TABLE operations (
  id uuid PRIMARY KEY,
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  area_id uuid NOT NULL REFERENCES areas(id),
  date date NOT NULL,
  started_at timestamptz NOT NULL,
  ended_at timestamptz,
  operation_type text,
  officer_in_charge text,
  authorities_present text,
  weather_alert boolean,
  observer_ids uuid[] NOT NULL DEFAULT '{}',
  notes text,
  version integer NOT NULL DEFAULT 1,
  change_xid bigint NOT NULL DEFAULT (pg_current_xact_id()::text::bigint),
  created_by uuid NOT NULL REFERENCES users(id),
  updated_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz,
  CHECK (ended_at IS NULL OR ended_at >= started_at)
);
CREATE INDEX operations_org_date_idx ON operations (organisation_id, date);

CREATE TABLE evictions (
  id uuid PRIMARY KEY,
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  operation_id uuid NOT NULL REFERENCES operations(id),
  site_id uuid NOT NULL REFERENCES sites(id),
  -- The day in Europe/Paris, kept with the row so counting by day/month never re-derives it.
  date date NOT NULL,
  arrived_at timestamptz NOT NULL,
  left_at timestamptz,
  coverage text NOT NULL DEFAULT 'full' CHECK (coverage IN ('full','partial','reported')),
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','submitted','verified','rejected')),
  rejection_reason text,
  quick boolean NOT NULL DEFAULT false,
  persons_evicted integer CHECK (persons_evicted >= 0),
  persons_evicted_at_least boolean NOT NULL DEFAULT true,
  women integer CHECK (women >= 0),
  women_at_least boolean NOT NULL DEFAULT true,
  children integer CHECK (children >= 0),
  children_at_least boolean NOT NULL DEFAULT true,
  families integer CHECK (families >= 0),
  families_at_least boolean NOT NULL DEFAULT true,
  unaccompanied_minors integer CHECK (unaccompanied_minors >= 0),
  unaccompanied_minors_at_least boolean NOT NULL DEFAULT true,
  arrests integer CHECK (arrests >= 0),
  arrests_at_least boolean NOT NULL DEFAULT true,
  arrests_with_violence integer CHECK (arrests_with_violence >= 0),
  arrests_with_violence_at_least boolean NOT NULL DEFAULT true,
  id_checks integer CHECK (id_checks >= 0),
  id_checks_at_least boolean NOT NULL DEFAULT true,
  shelter_accepted integer CHECK (shelter_accepted >= 0),
  shelter_accepted_at_least boolean NOT NULL DEFAULT true,
  legal_basis_text text,
  legal_basis_category text,
  interpreter text NOT NULL DEFAULT 'unknown' CHECK (interpreter IN ('unknown','absent','present','used')),
  bailiff boolean,
  cleaning_company boolean,
  social_assessment boolean,
  shelter_offered boolean,
  food_distribution boolean,
  people_moving_back boolean,
  -- The other parts of the record (forces, notes, seized items) as the observer entered them;
  -- tallies are also exploded into eviction_tallies for counting.
  forces jsonb NOT NULL DEFAULT '[]',
  notes jsonb NOT NULL DEFAULT '[]',
  merged_into uuid REFERENCES evictions(id),
  version integer NOT NULL DEFAULT 1,
  change_xid bigint NOT NULL DEFAULT (pg_current_xact_id()::text::bigint),
  created_by uuid NOT NULL REFERENCES users(id),
  updated_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz,
  CHECK (left_at IS NULL OR left_at >= arrived_at),
  CHECK (arrests_with_violence IS NULL OR arrests IS NULL OR arrests_with_violence <= arrests),
  CHECK (status <> 'rejected' OR rejection_reason IS NOT NULL)
);
CREATE INDEX evictions_org_date_idx ON evictions (organisation_id, date);
CREATE INDEX evictions_site_idx ON evictions (site_id, arrived_at);
CREATE INDEX evictions_operation_idx ON evictions (operation_id);
CREATE INDEX evictions_change_idx ON evictions (organisation_id, change_xid);

CREATE TABLE eviction_tallies (
  eviction_id uuid NOT NULL REFERENCES evictions(id) ON DELETE CASCADE,
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  kind text NOT NULL CHECK (kind IN ('seized','destroyed')),
  term text NOT NULL,
  n integer NOT NULL CHECK (n >= 0),
  at_least boolean NOT NULL DEFAULT true,
  PRIMARY KEY (eviction_id, kind, term)
);
CREATE INDEX eviction_tallies_org_idx ON eviction_tallies (organisation_id, kind, term);

-- Pseudonymous people (victims, witnesses). The identity, when the legal pole needs it, is
-- encrypted and only ever decrypted for roles holding identities.read, each read audited.
CREATE TABLE persons (
  id uuid PRIMARY KEY,
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  pseudonym text NOT NULL CHECK (length(pseudonym) BETWEEN 1 AND 60),
  minor boolean,
  identity_enc text,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE incidents (
  id uuid PRIMARY KEY,
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  eviction_id uuid NOT NULL REFERENCES evictions(id),
  kind text NOT NULL CHECK (kind IN ('violence','obstruction')),
  incident_type text NOT NULL,
  occurred_at timestamptz NOT NULL,
  unit text,
  description text,
  person_ids uuid[] NOT NULL DEFAULT '{}',
  version integer NOT NULL DEFAULT 1,
  change_xid bigint NOT NULL DEFAULT (pg_current_xact_id()::text::bigint),
  created_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz
);
CREATE INDEX incidents_eviction_idx ON incidents (eviction_id);
CREATE INDEX incidents_org_idx ON incidents (organisation_id, occurred_at);

-- Every saved version of a record, for the history screen and for merges' provenance.
CREATE TABLE record_versions (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  entity_type text NOT NULL,
  entity_id uuid NOT NULL,
  version integer NOT NULL,
  data jsonb NOT NULL,
  changed_by uuid REFERENCES users(id),
  changed_at timestamptz NOT NULL DEFAULT now(),
  command_id uuid,
  UNIQUE (entity_type, entity_id, version)
);

-- Offline commands by client-generated id: a replay gets the stored answer; the same id with
-- other content is a conflict, and that content is kept in sync_conflicts for review.
CREATE TABLE sync_commands (
  id uuid PRIMARY KEY,
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  user_id uuid NOT NULL REFERENCES users(id),
  type text NOT NULL,
  payload_hash text NOT NULL,
  result jsonb NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE sync_conflicts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  command_id uuid NOT NULL,
  user_id uuid NOT NULL REFERENCES users(id),
  reason text NOT NULL CHECK (reason IN ('command_reused','version_mismatch')),
  entity_type text NOT NULL,
  entity_id uuid,
  base_version integer,
  current_version integer,
  payload jsonb NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  resolved_at timestamptz,
  resolved_by uuid REFERENCES users(id)
);
CREATE INDEX sync_conflicts_open_idx ON sync_conflicts (organisation_id) WHERE resolved_at IS NULL;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['areas','communes','taxonomy_terms','sites','operations','evictions','eviction_tallies',
                           'persons','incidents','record_versions','sync_commands','sync_conflicts'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY organisation_isolation ON %I
      USING (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid)
      WITH CHECK (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid)$p$, t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE ON %I TO vigie_app', t);
  END LOOP;
END $$;
GRANT DELETE ON eviction_tallies TO vigie_app;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO vigie_app;
