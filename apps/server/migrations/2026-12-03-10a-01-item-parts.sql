-- Items that are parts of others (issue 10, d.4): a list value may be declared a part of
-- another of the same list ("tentes pleines d'affaires" ⊂ "tentes"), and a recorded item
-- carries its parts under it ("25 tentes, dont 7 pleines d'affaires"). The whole's count
-- includes its parts, so totals count wholes only and never a part twice.
--
-- Existing records entered parts as separate items. This migration makes each whole the sum
-- of both (whole = whole + part, a minimum if either was) and keeps the part under it as its
-- "dont"; a part recorded without its whole gets a whole of the same count. The README's
-- release notes say so. Written so that running it again changes nothing.

ALTER TABLE taxonomy_terms ADD COLUMN IF NOT EXISTS part_of text CHECK (part_of IS NULL OR part_of ~ '^[a-z0-9_]{1,40}$');
ALTER TABLE eviction_tallies ADD COLUMN IF NOT EXISTS part_of text;

-- HRO's default part, in every organisation that has both values.
UPDATE taxonomy_terms p SET part_of = 'tent'
WHERE p.kind = 'item_type' AND p.code = 'tent_with_belongings' AND p.part_of IS NULL
  AND EXISTS (SELECT 1 FROM taxonomy_terms w WHERE w.organisation_id = p.organisation_id AND w.kind = 'item_type' AND w.code = 'tent');

-- A part recorded without its whole: the whole appears, with the part's count.
INSERT INTO eviction_tallies (eviction_id, organisation_id, kind, term, n, at_least, part_of)
SELECT DISTINCT ON (pt.eviction_id, pt.kind, p.part_of) pt.eviction_id, pt.organisation_id, pt.kind, p.part_of, 0, false, NULL::text
FROM eviction_tallies pt
  JOIN taxonomy_terms p ON p.organisation_id = pt.organisation_id AND p.kind = 'item_type' AND p.code = pt.term AND p.part_of IS NOT NULL
WHERE pt.kind = 'seized' AND pt.part_of IS NULL
  AND NOT EXISTS (SELECT 1 FROM eviction_tallies w WHERE w.eviction_id = pt.eviction_id AND w.kind = pt.kind AND w.term = p.part_of);

-- Whole = whole + its parts (a minimum if any was).
UPDATE eviction_tallies w SET n = w.n + parts.n, at_least = w.at_least OR parts.at_least
FROM (
  SELECT pt.eviction_id, pt.kind, p.part_of AS whole, sum(pt.n)::integer AS n, bool_or(pt.at_least) AS at_least
  FROM eviction_tallies pt
    JOIN taxonomy_terms p ON p.organisation_id = pt.organisation_id AND p.kind = 'item_type' AND p.code = pt.term AND p.part_of IS NOT NULL
  WHERE pt.kind = 'seized' AND pt.part_of IS NULL
  GROUP BY 1, 2, 3
) parts
WHERE w.eviction_id = parts.eviction_id AND w.kind = parts.kind AND w.term = parts.whole AND w.part_of IS NULL;

-- The part is now a "dont" of its whole.
UPDATE eviction_tallies pt SET part_of = p.part_of
FROM taxonomy_terms p
WHERE p.organisation_id = pt.organisation_id AND p.kind = 'item_type' AND p.code = pt.term AND p.part_of IS NOT NULL
  AND pt.kind = 'seized' AND pt.part_of IS NULL;

CREATE INDEX IF NOT EXISTS eviction_tallies_parts_idx ON eviction_tallies (eviction_id) WHERE part_of IS NOT NULL;
