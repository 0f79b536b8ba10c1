-- Issue 14 (campaigns, events): an event can be cancelled rather than deleted. Its registrations
-- stay (the team may need to tell those people), it stays in the calendar marked cancelled, and
-- it no longer counts as an event held for funder indicators.
ALTER TABLE campaign_events ADD COLUMN cancelled_at timestamptz;
ALTER TABLE campaign_events ADD COLUMN cancelled_by uuid REFERENCES users(id);
