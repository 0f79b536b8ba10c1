-- Full-text search of clippings under row-level security (issue 14, speed). As vigie_app, the
-- search's `@@` (ts_match_vq) is not leakproof, so PostgreSQL may not evaluate it inside an index
-- scan ahead of the organisation policy: the GIN index on search_vector was never used, and a
-- rare or absent word read every clipping (p95 255 ms over 100,000). This function runs the
-- search as the table's owner with the organisation filter written out — the policy's own
-- expression, so an unset organisation finds nothing — and returns the ids of one page in order;
-- the caller joins them back (WITH ORDINALITY keeps the order) to the table under its policy, by
-- primary key: uuid equality is leakproof, so that join may use the index.
-- EXECUTE … USING plans each call with its words, so the planner picks the GIN index for a rare
-- word and the date index for a common one.
CREATE FUNCTION monitoring_clipping_search(
  p_search text, p_tag text, p_tone text, p_story uuid, p_release uuid, p_limit integer, p_offset integer
) RETURNS TABLE (id uuid)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $fn$
BEGIN
  RETURN QUERY EXECUTE $q$
    SELECT c.id
    FROM monitoring_clippings c
    WHERE c.organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid
      AND c.search_vector @@ (websearch_to_tsquery('french', $1) || websearch_to_tsquery('english', $1))
      AND ($2::text IS NULL OR $2 = ANY (c.tags))
      AND ($3::text IS NULL OR c.tone = $3)
      AND ($4::uuid IS NULL OR c.story_id = $4)
      AND ($5::uuid IS NULL OR c.press_release_id = $5)
    ORDER BY c.found_at DESC, c.id
    LIMIT $6 OFFSET $7
  $q$ USING p_search, p_tag, p_tone, p_story, p_release, least(greatest(p_limit, 0), 500), greatest(p_offset, 0);
END
$fn$;
REVOKE ALL ON FUNCTION monitoring_clipping_search(text, text, text, uuid, uuid, integer, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION monitoring_clipping_search(text, text, text, uuid, uuid, integer, integer) TO vigie_app;
