-- Legal pole: case files (dossiers). A case gathers what the legal pole needs for one action
-- (référé, recours, plainte, saisine…): the parties, the field records it relies on, a status
-- timeline, tasks, versioned documents and, in the next migration, its deadlines.
-- Read by modules/legal/cases (owner) and by modules/legal/bundles ("all of a case's evidence"
-- = evidence linked directly + evidence of the evictions and incidents linked to the case).
-- Nothing here is deleted through the application except links, parties and tasks, which
-- are corrections of the file rather than records of what happened.

CREATE TABLE legal_cases (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  -- The kind of legal action; drives which deadline rules are proposed.
  action_type text NOT NULL CHECK (action_type IN (
    'refere_liberte','refere_suspension','recours_exces_pouvoir','plainte','plainte_partie_civile',
    'saisine_defenseur_droits','contestation_amende','lettre_procureur','lettre_prefet','autre')),
  -- Court or authority seized ("Tribunal administratif de Lille", "Défenseur des droits").
  court text CHECK (length(court) BETWEEN 1 AND 200),
  -- The court's or authority's own reference once filed (n° de requête, n° de parquet).
  external_reference text CHECK (length(external_reference) BETWEEN 1 AND 100),
  summary text CHECK (length(summary) <= 10000),
  status text NOT NULL DEFAULT 'preparing' CHECK (status IN ('preparing','filed','hearing','decided','closed','abandoned')),
  outcome text CHECK (outcome IN ('granted','partly_granted','rejected','dismissed','withdrawn','no_answer','other')),
  outcome_note text CHECK (length(outcome_note) <= 5000),
  opened_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX legal_cases_org_idx ON legal_cases (organisation_id, updated_at DESC);

-- What the case relies on: exactly one of an eviction, an incident or an evidence file.
CREATE TABLE legal_case_links (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  case_id uuid NOT NULL REFERENCES legal_cases(id),
  eviction_id uuid REFERENCES evictions(id),
  incident_id uuid REFERENCES incidents(id),
  evidence_id uuid REFERENCES evidence(id),
  note text CHECK (length(note) <= 1000),
  linked_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (num_nonnulls(eviction_id, incident_id, evidence_id) = 1)
);
CREATE UNIQUE INDEX legal_case_links_eviction_uq ON legal_case_links (case_id, eviction_id) WHERE eviction_id IS NOT NULL;
CREATE UNIQUE INDEX legal_case_links_incident_uq ON legal_case_links (case_id, incident_id) WHERE incident_id IS NOT NULL;
CREATE UNIQUE INDEX legal_case_links_evidence_uq ON legal_case_links (case_id, evidence_id) WHERE evidence_id IS NOT NULL;
CREATE INDEX legal_case_links_eviction_idx ON legal_case_links (eviction_id) WHERE eviction_id IS NOT NULL;

-- Parties. A person is only ever a reference to the pseudonymous persons table: the identity,
-- when there is one, stays encrypted there behind identities.read and is never copied here.
-- Associations, lawyers and authorities are named, since they act publicly.
CREATE TABLE legal_case_parties (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  case_id uuid NOT NULL REFERENCES legal_cases(id),
  kind text NOT NULL CHECK (kind IN ('person','association','lawyer','authority')),
  role text NOT NULL CHECK (role IN ('claimant','defendant','victim','witness','counsel','other')),
  person_id uuid REFERENCES persons(id),
  name text CHECK (length(name) BETWEEN 1 AND 200),
  contact text CHECK (length(contact) <= 200),
  note text CHECK (length(note) <= 1000),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'person') = (person_id IS NOT NULL)),
  CHECK (kind = 'person' OR name IS NOT NULL),
  CHECK (kind <> 'person' OR (name IS NULL AND contact IS NULL))
);
CREATE INDEX legal_case_parties_case_idx ON legal_case_parties (case_id);
CREATE UNIQUE INDEX legal_case_parties_person_uq ON legal_case_parties (case_id, person_id, role) WHERE person_id IS NOT NULL;

-- The status timeline: every change of status or outcome and dated notes (hearing, filing).
CREATE TABLE legal_case_events (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  case_id uuid NOT NULL REFERENCES legal_cases(id),
  kind text NOT NULL CHECK (kind IN ('opened','status','outcome','note')),
  status text,
  outcome text,
  note text CHECK (length(note) <= 5000),
  -- When it happened (a hearing date may be entered afterwards); at = when it was recorded.
  occurred_on date NOT NULL,
  actor_id uuid NOT NULL REFERENCES users(id),
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX legal_case_events_case_idx ON legal_case_events (case_id, occurred_on, at);

CREATE TABLE legal_case_tasks (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  case_id uuid NOT NULL REFERENCES legal_cases(id),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  owner_id uuid REFERENCES users(id),
  due_on date,
  done_at timestamptz,
  created_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX legal_case_tasks_case_idx ON legal_case_tasks (case_id);
CREATE INDEX legal_case_tasks_owner_idx ON legal_case_tasks (owner_id) WHERE done_at IS NULL;

-- Documents (requête, mémoire, décision, courrier) and their versions. Each version is a file
-- encrypted at rest like evidence originals (AES-256-GCM, per-file key from the server key and
-- the version id), hashed so a lawyer can tell which version was filed.
CREATE TABLE legal_case_documents (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  case_id uuid NOT NULL REFERENCES legal_cases(id),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  created_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX legal_case_documents_case_idx ON legal_case_documents (case_id);

CREATE TABLE legal_case_document_versions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  document_id uuid NOT NULL REFERENCES legal_case_documents(id),
  version integer NOT NULL CHECK (version >= 1),
  original_name text NOT NULL CHECK (length(original_name) BETWEEN 1 AND 255),
  content_type text NOT NULL CHECK (length(content_type) BETWEEN 3 AND 100),
  size_bytes bigint NOT NULL CHECK (size_bytes > 0),
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  storage_key text NOT NULL,
  encryption_iv text NOT NULL,
  encryption_tag text NOT NULL,
  uploaded_by uuid NOT NULL REFERENCES users(id),
  uploaded_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (document_id, version)
);

-- Time-limited read-only access for a lawyer to one case, through a secret link
-- (docs/adr/0006-lawyer-access.md). Only the token's SHA-256 is stored; a grant stops working
-- at expires_at or when revoked, checked on every use.
CREATE TABLE legal_case_grants (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  case_id uuid NOT NULL REFERENCES legal_cases(id),
  token_hash text NOT NULL UNIQUE,
  lawyer_name text NOT NULL CHECK (length(lawyer_name) BETWEEN 1 AND 200),
  lawyer_email text CHECK (length(lawyer_email) BETWEEN 3 AND 254),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  revoked_by uuid REFERENCES users(id),
  created_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  CHECK (expires_at > created_at)
);
CREATE INDEX legal_case_grants_case_idx ON legal_case_grants (case_id);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['legal_cases','legal_case_links','legal_case_parties','legal_case_events','legal_case_tasks',
                           'legal_case_documents','legal_case_document_versions','legal_case_grants'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY organisation_isolation ON %I
      USING (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid)
      WITH CHECK (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid)$p$, t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE ON %I TO vigie_app', t);
  END LOOP;
END $$;
-- Corrections of the file: a wrong link, party or task may be removed (the audit trail keeps it).
GRANT DELETE ON legal_case_links, legal_case_parties, legal_case_tasks TO vigie_app;
