-- Contact search under 50 ms with 50,000 contacts (issue 13): a trigram index on the folded
-- search column (13e-02), and a way for the application's searches to use it.
--
-- Why a function: requests run as vigie_app under row-level security, and PostgreSQL never uses
-- an index for a condition that is not leakproof (LIKE is not) on a table with a policy, since
-- the index would see other organisations' rows before the policy did. As vigie_app the search
-- was a full scan whatever the index. contact_search runs as the tables' owner, reads the same
-- setting the policy reads, and returns the current organisation's contacts whose search text
-- matches: the policy's own rule, applied by the function, with the index. The search reads its
-- rows from it (whole rows: looking each match up again by id cost more than the scan saved).
-- Without an organisation in the transaction it returns nothing.

-- pg_trgm where the server has it (PostgreSQL's contrib, a trusted extension). The embedded
-- PGlite loads extensions only on request: there the search scans, a laptop install's few
-- thousand contacts take a few milliseconds.
DO $$
BEGIN
  CREATE EXTENSION IF NOT EXISTS pg_trgm;
EXCEPTION WHEN others THEN
  RAISE NOTICE 'pg_trgm is not available (%): contact search scans the table', SQLERRM;
END $$;

DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
    EXECUTE 'CREATE INDEX contacts_search_trgm_idx ON contacts USING gin (search_text gin_trgm_ops)';
  END IF;
END $$;

-- plpgsql with EXECUTE: planned for each search with its pattern, so the planner picks the index
-- for a rare term and a scan for a two-letter one (no trigram to look up). With first_by_name (a
-- search by text alone, one page), only that many, in name order: a common term ("cam", thousands
-- of matches) then walks the name index and stops at the page instead of fetching every match.
CREATE FUNCTION contact_search(pattern text, first_by_name integer DEFAULT NULL) RETURNS SETOF contacts
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp ROWS 500 AS $$
DECLARE
  organisation uuid := nullif(current_setting('vigie.organisation_id', true), '')::uuid;
BEGIN
  IF first_by_name IS NULL THEN
    RETURN QUERY EXECUTE 'SELECT * FROM contacts WHERE organisation_id = $1 AND search_text LIKE contact_search_fold($2)'
      USING organisation, pattern;
  ELSE
    RETURN QUERY EXECUTE 'SELECT * FROM contacts WHERE organisation_id = $1 AND search_text LIKE contact_search_fold($2)
      ORDER BY lower(display_name) LIMIT $3' USING organisation, pattern, first_by_name;
  END IF;
END $$;
REVOKE ALL ON FUNCTION contact_search(text, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION contact_search(text, integer) TO vigie_app;
