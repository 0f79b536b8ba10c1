-- Foundation: organisations, accounts, sessions, invitations, the audit trail.
-- Written for PostgreSQL 15 (production) and runs unchanged on PGlite (PostgreSQL 18).

-- Row-level security is how organisations are isolated (docs/adr/0004). Superusers and table
-- owners bypass RLS, so scoped requests switch to this unprivileged role for their transaction.
DO $$
BEGIN
  CREATE ROLE vigie_app NOLOGIN;
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;
-- A non-superuser owner must be a member of the role to switch to it.
DO $$
BEGIN
  EXECUTE format('GRANT vigie_app TO %I', current_user);
EXCEPTION WHEN others THEN NULL;
END $$;

CREATE TABLE organisations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE organisation_settings (
  organisation_id uuid PRIMARY KEY REFERENCES organisations(id),
  totp_required_roles text[] NOT NULL DEFAULT '{}',
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  email text NOT NULL,
  display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 120),
  password_hash text NOT NULL,
  role text NOT NULL CHECK (role IN ('admin','coordinator','observer','legal','comms','volunteer','board','researcher')),
  locale text NOT NULL DEFAULT 'fr' CHECK (locale IN ('fr','en')),
  active boolean NOT NULL DEFAULT true,
  -- The TOTP secret is encrypted with the server key (AES-256-GCM) before it is stored.
  totp_secret_enc text,
  totp_enabled boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
-- One account per email across the deployment, so login needs no organisation picker.
CREATE UNIQUE INDEX users_email_key ON users (lower(email));
CREATE INDEX users_organisation_idx ON users (organisation_id);

CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users(id),
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

CREATE TABLE invitations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  email text NOT NULL,
  role text NOT NULL CHECK (role IN ('admin','coordinator','observer','legal','comms','volunteer','board','researcher')),
  token_hash text NOT NULL UNIQUE,
  invited_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  accepted_at timestamptz,
  accepted_user_id uuid REFERENCES users(id),
  revoked_at timestamptz
);
CREATE INDEX invitations_organisation_idx ON invitations (organisation_id);

CREATE TABLE password_resets (
  token_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);

CREATE TABLE login_failures (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email text NOT NULL,
  ip text NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_failures_email_at_idx ON login_failures (email, at);

-- First-run set-up: one pending code (hashed) while no administrator exists.
CREATE TABLE setup_codes (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  code_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Append-only, hash-chained audit trail. seq has no gaps (assigned under a lock, not by a
-- sequence), so a removed entry shows as a hole; audit_head lets us detect a removed tail.
CREATE TABLE audit_log (
  seq bigint PRIMARY KEY,
  at timestamptz NOT NULL,
  organisation_id uuid,
  actor_id uuid,
  action text NOT NULL,
  entity_type text NOT NULL,
  entity_id text,
  before jsonb,
  after jsonb,
  context jsonb,
  prev_hash text NOT NULL,
  hash text NOT NULL
);
CREATE INDEX audit_log_org_seq_idx ON audit_log (organisation_id, seq DESC);
CREATE INDEX audit_log_entity_idx ON audit_log (entity_type, entity_id);

CREATE TABLE audit_head (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  seq bigint NOT NULL,
  hash text NOT NULL
);

-- The application never updates or deletes audit entries; the database refuses it too.
CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();

-- Organisation isolation. current_setting(..., true) is NULL outside a scoped transaction,
-- so an unscoped query by vigie_app sees nothing rather than everything.
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
ALTER TABLE invitations ENABLE ROW LEVEL SECURITY;
ALTER TABLE organisation_settings ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
CREATE POLICY organisation_isolation ON users
  USING (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid)
  WITH CHECK (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid);
CREATE POLICY organisation_isolation ON invitations
  USING (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid)
  WITH CHECK (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid);
CREATE POLICY organisation_isolation ON organisation_settings
  USING (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid)
  WITH CHECK (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid);
CREATE POLICY organisation_isolation ON audit_log
  USING (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid)
  WITH CHECK (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid);

GRANT USAGE ON SCHEMA public TO vigie_app;
GRANT SELECT ON organisations TO vigie_app;
GRANT SELECT, INSERT, UPDATE ON users, invitations, organisation_settings TO vigie_app;
GRANT SELECT, INSERT ON audit_log TO vigie_app;
GRANT SELECT, UPDATE, INSERT ON audit_head TO vigie_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON sessions TO vigie_app;
