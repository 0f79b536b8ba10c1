-- Every mail Vigie sends goes through the one pipeline (issue 13): account mail (invitation,
-- password reset, account locked) becomes a mailing of its own purpose, because it follows its
-- own suppression rule (only a hard bounce stops it: a person who left the newsletter must still
-- be able to get into their account).
ALTER TABLE mailings DROP CONSTRAINT mailings_purpose_check;
ALTER TABLE mailings ADD CONSTRAINT mailings_purpose_check
  CHECK (purpose IN ('press_release','newsletter','manual','transactional','account'));

-- A mail carrying a secret link (invitation, reset): the link is kept here sealed with the server
-- key (AES-GCM) only until the mail has left or failed for good, then set to NULL. body_text
-- holds the text with a placeholder, so the desk can show what was sent without the link.
ALTER TABLE mailings ADD COLUMN sealed_secret text;

-- The desk's recent-mail view reads the latest deliveries of the organisation.
CREATE INDEX mail_deliveries_recent_idx ON mail_deliveries (organisation_id, updated_at DESC);
