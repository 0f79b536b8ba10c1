-- Fix (found by test/organisation-isolation.test.ts): the foundation left two tables readable
-- by vigie_app without row-level security, so a query inside one organisation's scope could
--   * read every organisation's name (organisations), and
--   * read, and delete, the sessions of every other organisation's users (sessions: token
--     hashes and CSRF tokens; deleteSessionsOfUser runs inside the scope and holds DELETE).
-- Privileged code (sign-in, session lookup, set-up) bypasses RLS and is unaffected.

ALTER TABLE organisations ENABLE ROW LEVEL SECURITY;
CREATE POLICY organisation_isolation ON organisations
  USING (id = nullif(current_setting('vigie.organisation_id', true), '')::uuid);

-- A session belongs to the organisation of its user; the subquery on users is itself subject
-- to users' policy, so it only ever yields the current organisation's accounts.
ALTER TABLE sessions ENABLE ROW LEVEL SECURITY;
CREATE POLICY organisation_isolation ON sessions
  USING (user_id IN (SELECT id FROM users))
  WITH CHECK (user_id IN (SELECT id FROM users));
