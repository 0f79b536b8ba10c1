-- RFC 6238 §5.2: a one-time code must be accepted once. We keep the time step of the last
-- accepted code per user and refuse any code from that step or an earlier one.
ALTER TABLE users ADD COLUMN totp_last_step bigint;

-- Changing one's password (inside the organisation scope) expires pending reset links.
ALTER TABLE password_resets ENABLE ROW LEVEL SECURITY;
CREATE POLICY organisation_isolation ON password_resets
  USING (user_id IN (SELECT id FROM users))
  WITH CHECK (user_id IN (SELECT id FROM users));
GRANT SELECT, UPDATE ON password_resets TO vigie_app;
