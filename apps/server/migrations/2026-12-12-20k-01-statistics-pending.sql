-- Statistics (issue 20): a new eviction enters the cells after its submission, not inside it.
--
-- Every cell table of migrations 20e-01 … 20j-01 followed a new eviction through five statement
-- triggers on evictions and three on its tallies, each an INSERT … SELECT … GROUP BY run for one
-- row: about 1.8 ms of PostgreSQL's ≈ 2 ms per submission, and 40 % of the embedded database's
-- CPU (docs/PERFORMANCE.md, "Statistics after the submission"). Run for a hundred rows at once,
-- the same statements cost little more than for one.
--
-- So a new eviction is inserted *pending*: the cell triggers leave it out. The promoter
-- (statistics.promoter.ts) takes the pending evictions a batch at a time and clears the flag on
-- them and their tallies; that clearing is an ordinary update, and the update triggers, which
-- count the new row and not the old one, add the whole batch to the cells in one statement each.
-- Readers stay exact: while an eviction of the period is pending, the figures are recounted from
-- the records (`cellsAnswer`), as they are for the filters the cells cannot answer.
--
-- Edits, reviews, merges and deletions keep their triggers unchanged: on a pending eviction they
-- add and remove nothing (neither the old nor the new row counts), on a counted one they move
-- its contribution as before. The flag only ever goes from pending to counted.

ALTER TABLE evictions ADD COLUMN statistics_pending boolean NOT NULL DEFAULT false;
ALTER TABLE evictions ALTER COLUMN statistics_pending SET DEFAULT true;
-- The promoter's queue, and the readers' "is anything of this period pending?".
CREATE INDEX evictions_statistics_pending_idx ON evictions (organisation_id, date) WHERE statistics_pending;

ALTER TABLE eviction_tallies ADD COLUMN eviction_pending boolean NOT NULL DEFAULT false;

-- The tallies copy the flag with the rest of their eviction's state.
CREATE OR REPLACE FUNCTION statistics_copy_eviction_state() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE e record;
BEGIN
  SELECT ev.date, ev.site_id, ev.status, (ev.deleted_at IS NULL AND ev.merged_into IS NULL) AS live, ev.legal_basis_category, ev.statistics_pending
    INTO e FROM evictions ev WHERE ev.id = NEW.eviction_id FOR SHARE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'eviction % does not exist', NEW.eviction_id USING ERRCODE = 'foreign_key_violation';
  END IF;
  NEW.eviction_date := e.date;
  NEW.site_id := e.site_id;
  NEW.eviction_status := e.status;
  NEW.eviction_live := e.live;
  NEW.eviction_legal_basis := e.legal_basis_category;
  NEW.eviction_pending := e.statistics_pending;
  RETURN NEW;
END $$;

-- Every cell trigger function filters the rows it counts with one of two conditions, written the
-- same way in each (migrations 20e-01 … 20i-04); each condition gains "and not pending". The
-- functions are rewritten from their own definitions rather than copied here (eight functions,
-- 40 KB of generated SQL); the count of rewritten conditions is checked, so a function written
-- differently fails this migration instead of silently counting pending rows.
DO $$
DECLARE
  f record;
  src text;
  changed text;
  conditions int;
  sources int;
BEGIN
  FOR f IN SELECT * FROM (VALUES
    ('statistics_cells_follow_evictions', 'x.merged_into IS NULL AND x.status <> ''rejected''', 'x.merged_into IS NULL AND NOT x.statistics_pending AND x.status <> ''rejected'''),
    ('statistics_cells_follow_forces', 'x.merged_into IS NULL AND x.status <> ''rejected''', 'x.merged_into IS NULL AND NOT x.statistics_pending AND x.status <> ''rejected'''),
    ('statistics_cells_follow_operations', 'x.merged_into IS NULL AND x.status <> ''rejected''', 'x.merged_into IS NULL AND NOT x.statistics_pending AND x.status <> ''rejected'''),
    ('statistics_legal_cells_follow_evictions', 'x.merged_into IS NULL AND x.status <> ''rejected''', 'x.merged_into IS NULL AND NOT x.statistics_pending AND x.status <> ''rejected'''),
    ('statistics_site_operations_follow_evictions', 'x.merged_into IS NULL AND x.status <> ''rejected''', 'x.merged_into IS NULL AND NOT x.statistics_pending AND x.status <> ''rejected'''),
    ('statistics_cells_follow_tallies', 'x.eviction_live AND x.eviction_status <> ''rejected''', 'x.eviction_live AND NOT x.eviction_pending AND x.eviction_status <> ''rejected'''),
    ('statistics_item_totals_follow_tallies', 'x.eviction_live AND x.eviction_status <> ''rejected''', 'x.eviction_live AND NOT x.eviction_pending AND x.eviction_status <> ''rejected'''),
    ('statistics_legal_items_follow_tallies', 'x.eviction_live AND x.eviction_status <> ''rejected''', 'x.eviction_live AND NOT x.eviction_pending AND x.eviction_status <> ''rejected''')
  ) AS t(name, condition, replacement) LOOP
    SELECT pg_get_functiondef(p.oid) INTO src FROM pg_proc p WHERE p.proname = f.name AND p.pronamespace = 'public'::regnamespace;
    -- Each transition-table row source ("FROM new_rows x", "FROM old_rows x") carries the condition once.
    sources := (length(src) - length(replace(src, '_rows x', ''))) / length('_rows x');
    conditions := (length(src) - length(replace(src, f.condition, ''))) / length(f.condition);
    IF sources = 0 OR conditions <> sources THEN
      RAISE EXCEPTION '%: % row sources but % counting conditions', f.name, sources, conditions;
    END IF;
    changed := replace(src, f.condition, f.replacement);
    EXECUTE changed;
  END LOOP;
END $$;

-- A new eviction no longer enters the cells on insert: the promoter's update adds it.
DROP TRIGGER evictions_statistics_cells_insert ON evictions;
DROP TRIGGER evictions_statistics_force_cells_insert ON evictions;
DROP TRIGGER evictions_statistics_legal_cells_insert ON evictions;
DROP TRIGGER evictions_statistics_operation_cells_insert ON evictions;
DROP TRIGGER evictions_statistics_site_operations_insert ON evictions;

-- A batch of pending evictions counted, in the pending index's order (organisation, day), skipping
-- any a writer holds (a later batch counts it). The tallies first, then the evictions: each update's triggers add
-- what it counts, and neither depends on the other. Runs as the owner, across organisations.
CREATE FUNCTION statistics_promote(batch integer) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE ids uuid[];
BEGIN
  SELECT array_agg(p.id) INTO ids FROM (
    SELECT e.id FROM evictions e WHERE e.statistics_pending ORDER BY e.organisation_id, e.date LIMIT batch FOR UPDATE SKIP LOCKED
  ) p;
  IF ids IS NULL THEN RETURN 0; END IF;
  UPDATE eviction_tallies SET eviction_pending = false WHERE eviction_id = ANY (ids) AND eviction_pending;
  UPDATE evictions SET statistics_pending = false WHERE id = ANY (ids);
  RETURN cardinality(ids);
END $$;
