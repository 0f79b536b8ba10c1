-- Membership renewal reminders (issue 18, item 7): a membership runs for its calendar year; a member
-- whose latest membership ends within `days_before` days is mailed once for that year through the
-- mail pipeline. Owned by modules/association/members.
CREATE TABLE membership_reminder_settings (
  organisation_id uuid PRIMARY KEY REFERENCES organisations(id),
  enabled boolean NOT NULL DEFAULT false,
  days_before integer NOT NULL DEFAULT 30 CHECK (days_before BETWEEN 1 AND 120),
  updated_by uuid REFERENCES users(id),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- One row per member and membership year reminded: the claim taken in the transaction that queues
-- the mail, so a reminder leaves once however often the job runs.
CREATE TABLE membership_reminders (
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  member_id uuid NOT NULL REFERENCES members(id),
  year integer NOT NULL,
  sent_on date NOT NULL,
  PRIMARY KEY (member_id, year)
);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['membership_reminder_settings', 'membership_reminders'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY organisation_isolation ON %I
      USING (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid)
      WITH CHECK (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid)$p$, t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE ON %I TO vigie_app', t);
  END LOOP;
END $$;
