-- Campaigns and the editorial calendar (issue 14, d.2): campaigns, the press releases they
-- include (by id), social posts drafted per network, events and trainings with registrations.
-- The calendar's iCal link reuses the rota's secret links (rota_calendar_feeds), now told apart
-- by which calendar they open.

CREATE TABLE campaigns (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
  objectives text NOT NULL DEFAULT '',
  key_messages jsonb NOT NULL DEFAULT '[]',
  targets text[] NOT NULL DEFAULT '{}',
  starts_on date NOT NULL,
  ends_on date NOT NULL,
  created_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_on >= starts_on)
);
CREATE INDEX campaigns_period_idx ON campaigns (organisation_id, starts_on);

CREATE TABLE campaign_press_releases (
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  campaign_id uuid NOT NULL REFERENCES campaigns(id),
  press_release_id uuid NOT NULL REFERENCES press_releases(id),
  added_by uuid NOT NULL REFERENCES users(id),
  added_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (campaign_id, press_release_id)
);

CREATE TABLE social_posts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  campaign_id uuid REFERENCES campaigns(id),
  channel text NOT NULL CHECK (channel IN ('x', 'bluesky', 'mastodon', 'instagram', 'facebook', 'linkedin')),
  body text NOT NULL,
  image_evidence_id uuid REFERENCES evidence(id),
  image_alt text,
  planned_at timestamptz,
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'approved', 'published')),
  created_by uuid NOT NULL REFERENCES users(id),
  approved_by uuid REFERENCES users(id),
  approved_at timestamptz,
  published_at timestamptz,
  published_url text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  -- the service says it first, in words; the database keeps it true
  CHECK (image_evidence_id IS NULL OR length(btrim(coalesce(image_alt, ''))) > 0),
  CHECK (approved_by IS NULL OR approved_by <> created_by),
  CHECK (status <> 'published' OR published_url IS NOT NULL)
);
CREATE INDEX social_posts_campaign_idx ON social_posts (organisation_id, campaign_id);
CREATE INDEX social_posts_planned_idx ON social_posts (organisation_id, planned_at);

CREATE TABLE campaign_events (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  campaign_id uuid REFERENCES campaigns(id),
  kind text NOT NULL CHECK (kind IN ('press_training', 'social_media_training', 'public_event', 'other')),
  pole text NOT NULL DEFAULT 'communication' CHECK (pole IN ('communication', 'field', 'legal', 'association')),
  title text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 200),
  description text NOT NULL DEFAULT '',
  place text,
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  capacity integer CHECK (capacity IS NULL OR capacity > 0),
  created_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_at > starts_at)
);
CREATE INDEX campaign_events_start_idx ON campaign_events (organisation_id, starts_at);

CREATE TABLE campaign_event_registrations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  event_id uuid NOT NULL REFERENCES campaign_events(id),
  user_id uuid REFERENCES users(id),
  name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
  email text NOT NULL CHECK (length(email) BETWEEN 3 AND 320),
  created_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX campaign_event_registrations_email_uq ON campaign_event_registrations (event_id, lower(email));

-- One secret calendar link per person and calendar: 'rota' (the shifts) or 'communication'.
ALTER TABLE rota_calendar_feeds ADD COLUMN calendar text NOT NULL DEFAULT 'rota' CHECK (calendar IN ('rota', 'communication'));
DROP INDEX rota_calendar_feeds_active_uq;
CREATE UNIQUE INDEX rota_calendar_feeds_active_uq ON rota_calendar_feeds (user_id, calendar) WHERE revoked_at IS NULL;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['campaigns', 'campaign_press_releases', 'social_posts', 'campaign_events', 'campaign_event_registrations'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY organisation_isolation ON %I
      USING (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid)
      WITH CHECK (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid)$p$, t);
  END LOOP;
END $$;
GRANT SELECT, INSERT, UPDATE ON campaigns, social_posts, campaign_events TO vigie_app;
GRANT SELECT, INSERT, DELETE ON campaign_press_releases, campaign_event_registrations TO vigie_app;
