-- Audit entries are written by the request into audit_pending, in the same transaction as the
-- write they describe (so they are durable when the write is acknowledged), and chained into
-- audit_log by one sequencer at a time, in batches (docs/adr/0007). Requests no longer queue
-- on one lock until their commit: only the sequencer takes the chain lock, for a few statements.
CREATE TABLE audit_pending (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL,
  organisation_id uuid,
  actor_id uuid,
  action text NOT NULL,
  entity_type text NOT NULL,
  entity_id text,
  before jsonb,
  after jsonb,
  context jsonb
);

ALTER TABLE audit_pending ENABLE ROW LEVEL SECURITY;
CREATE POLICY organisation_isolation ON audit_pending
  USING (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid)
  WITH CHECK (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid);

-- The application role only adds pending entries. The chain itself (audit_log, audit_head) is
-- written by the sequencer on the server's own connection, never by request code.
GRANT INSERT ON audit_pending TO vigie_app;
REVOKE INSERT ON audit_log FROM vigie_app;
REVOKE INSERT, UPDATE ON audit_head FROM vigie_app;
