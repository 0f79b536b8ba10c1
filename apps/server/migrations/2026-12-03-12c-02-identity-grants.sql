-- Giving someone access to identities (a role carrying identities.read, by invitation or by a role
-- change) needs a second person: the request waits here until a coordinator or legal member other
-- than the requester (and the grantee) confirms or refuses it. `decided_by` stays empty only when
-- nobody else could confirm (an organisation's first identity holder), which the audit trail says.
CREATE TABLE identity_grants (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  user_id uuid REFERENCES users(id),
  invitation_id uuid REFERENCES invitations(id),
  email text NOT NULL,
  roles text[] NOT NULL CHECK (cardinality(roles) >= 1),
  requested_by uuid NOT NULL REFERENCES users(id),
  requested_at timestamptz NOT NULL DEFAULT now(),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','confirmed','refused','withdrawn')),
  decided_by uuid REFERENCES users(id),
  decided_at timestamptz,
  CHECK ((user_id IS NULL) <> (invitation_id IS NULL)),
  CHECK (decided_by IS NULL OR (decided_by <> requested_by AND decided_by IS DISTINCT FROM user_id)),
  CHECK ((status = 'pending') = (decided_at IS NULL))
);
CREATE INDEX identity_grants_pending_idx ON identity_grants (organisation_id) WHERE status = 'pending';
CREATE INDEX identity_grants_invitation_idx ON identity_grants (invitation_id) WHERE invitation_id IS NOT NULL;
CREATE INDEX identity_grants_user_idx ON identity_grants (user_id) WHERE user_id IS NOT NULL;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['identity_grants'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY organisation_isolation ON %I
      USING (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid)
      WITH CHECK (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid)$p$, t);
  END LOOP;
END $$;
GRANT SELECT, INSERT, UPDATE ON identity_grants TO vigie_app;
