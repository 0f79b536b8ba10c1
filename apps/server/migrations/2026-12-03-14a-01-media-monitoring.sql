-- Media monitoring ("veille"): feed sources polled in the background, keyword rules, clippings
-- (one per article, whatever feed it came from), stories (near-identical articles of several
-- outlets), and the daily digest's recipients. Owned by modules/communication/monitoring.

CREATE TABLE monitoring_sources (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  url text NOT NULL CHECK (length(url) BETWEEN 8 AND 2000),
  outlet text CHECK (length(outlet) <= 200),
  active boolean NOT NULL DEFAULT true,
  format text CHECK (format IN ('rss','atom','json','rdf')),
  feed_title text,
  -- Conditional requests: what the server said last time.
  etag text,
  last_modified text,
  -- The health line: when it was last asked, when it last answered well, what went wrong.
  last_fetched_at timestamptz,
  last_success_at timestamptz,
  last_error text,
  last_error_at timestamptz,
  consecutive_failures int NOT NULL DEFAULT 0,
  next_fetch_at timestamptz NOT NULL DEFAULT now(),
  items_seen int NOT NULL DEFAULT 0,
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX monitoring_sources_url_idx ON monitoring_sources (organisation_id, url);
CREATE INDEX monitoring_sources_due_idx ON monitoring_sources (next_fetch_at) WHERE active;

CREATE TABLE monitoring_rules (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  -- NULL: a global rule, applied to every source.
  source_id uuid REFERENCES monitoring_sources(id) ON DELETE CASCADE,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  expression text NOT NULL CHECK (length(expression) BETWEEN 1 AND 2000),
  language text NOT NULL DEFAULT 'any' CHECK (language IN ('any','fr','en')),
  active boolean NOT NULL DEFAULT true,
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX monitoring_rules_org_idx ON monitoring_rules (organisation_id);

-- A story: the clippings of near-identical articles from several outlets.
CREATE TABLE monitoring_stories (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  title text NOT NULL,
  first_seen_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE monitoring_clippings (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  -- One clipping per article: tracking parameters, scheme and "www." do not count.
  canonical_url text NOT NULL,
  url text NOT NULL,
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 1000),
  outlet text NOT NULL,
  author text,
  published_at timestamptz,
  language text CHECK (language IN ('fr','en')),
  excerpt text NOT NULL DEFAULT '',
  matched_terms text[] NOT NULL DEFAULT '{}',
  -- The article as read when found (Readability), and its SHA-256: proof of what was published.
  snapshot_text text,
  snapshot_sha256 text CHECK (snapshot_sha256 ~ '^[0-9a-f]{64}$'),
  snapshot_fetched_at timestamptz,
  snapshot_source text CHECK (snapshot_source IN ('article','feed')),
  tags text[] NOT NULL DEFAULT '{}',
  tone text CHECK (tone IN ('positive','neutral','negative','mixed')),
  tone_by uuid REFERENCES users(id),
  story_id uuid NOT NULL REFERENCES monitoring_stories(id),
  -- MinHash of the title and start of the text, compared with recent clippings for the story.
  signature integer[] NOT NULL DEFAULT '{}',
  press_release_id uuid REFERENCES press_releases(id) ON DELETE SET NULL,
  -- Accent-free lower-case text (normalised by the server) indexed in French or English.
  search_text text NOT NULL DEFAULT '',
  search_vector tsvector GENERATED ALWAYS AS (
    to_tsvector(CASE WHEN language = 'en' THEN 'english'::regconfig ELSE 'french'::regconfig END, search_text)
  ) STORED,
  found_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX monitoring_clippings_url_idx ON monitoring_clippings (organisation_id, canonical_url);
CREATE INDEX monitoring_clippings_found_idx ON monitoring_clippings (organisation_id, found_at DESC);
CREATE INDEX monitoring_clippings_story_idx ON monitoring_clippings (story_id);
CREATE INDEX monitoring_clippings_release_idx ON monitoring_clippings (press_release_id) WHERE press_release_id IS NOT NULL;
CREATE INDEX monitoring_clippings_search_idx ON monitoring_clippings USING gin (search_vector);

-- Which sources carried each clipping (the same article in several feeds).
CREATE TABLE monitoring_clipping_sources (
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  clipping_id uuid NOT NULL REFERENCES monitoring_clippings(id) ON DELETE CASCADE,
  source_id uuid NOT NULL REFERENCES monitoring_sources(id) ON DELETE CASCADE,
  seen_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (clipping_id, source_id)
);

CREATE TABLE monitoring_digest_recipients (
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  PRIMARY KEY (organisation_id, user_id)
);

-- One digest per organisation and day: its id is the mailing's source, so it leaves once.
CREATE TABLE monitoring_digests (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  day date NOT NULL,
  clippings int NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (organisation_id, day)
);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['monitoring_sources','monitoring_rules','monitoring_stories','monitoring_clippings',
                           'monitoring_clipping_sources','monitoring_digest_recipients','monitoring_digests'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY organisation_isolation ON %I
      USING (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid)
      WITH CHECK (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid)$p$, t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE ON %I TO vigie_app', t);
  END LOOP;
END $$;
GRANT DELETE ON monitoring_sources, monitoring_rules, monitoring_digest_recipients TO vigie_app;

