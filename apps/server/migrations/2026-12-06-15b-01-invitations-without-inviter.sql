-- Issue 15: `npx vigie organisation create` creates another organisation in the same deployment
-- and invites its first administrator from the command line. Nobody of that organisation invited
-- them, so an invitation may have no inviter (its audit entry says it came from the command line).
ALTER TABLE invitations ALTER COLUMN invited_by DROP NOT NULL;
