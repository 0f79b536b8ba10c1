-- Statistics (issue 20, item 3): the eviction sums (20q-01) and items (20p-02) of a commune or an area
-- per Paris day too, kept by the same fold.
--
-- "Cette année" within one area is ten stored months and the days of the month under way; those days
-- were read from the cells per site: for the Calaisis' first 21 days of November at a million
-- evictions ≈ 10,000 site × day × item rows and ≈ 3,000 site × day rows of 34 sums, 11 of the items'
-- 16 ms and most of the sums' 6 ms, in each of the summary's three figure sets. Stored per place and
-- day they are ≈ 350 and 21 rows. A reader takes a range of days from them only while none of its
-- cells is unfolded, else from the cells per site, as before (statistics.place-sums.ts).

ALTER TABLE statistics_place_sums DROP CONSTRAINT statistics_place_sums_span_check,
  ADD CONSTRAINT statistics_place_sums_span_check CHECK (span IN ('day', 'week', 'month', 'year'));
ALTER TABLE statistics_place_item_sums DROP CONSTRAINT statistics_place_item_sums_span_check,
  ADD CONSTRAINT statistics_place_item_sums_span_check CHECK (span IN ('day', 'week', 'month', 'year'));

-- The two recounts sum the day cells too, and the two folds ask them to recount the days they folded.
-- Each edit must find its text exactly once (statistics_statement_of fails the migration otherwise).
DO $$
DECLARE
  e record;
BEGIN
  FOR e IN SELECT * FROM (VALUES
    ('statistics_place_sums_recount'::regproc, $t$c.span IN ('week', 'month')$t$, $t$c.span IN ('day', 'week', 'month')$t$),
    ('statistics_place_item_sums_recount'::regproc, $t$c.span <> 'day' AND $t$, ''),
    ('statistics_site_cells_fold'::regproc, $t$FROM gone g WHERE g.span <> 'day'$t$, 'FROM gone g'),
    ('statistics_item_cells_fold'::regproc, $t$ FILTER (WHERE g.span <> 'day')$t$, '')
  ) AS x(fn, old, new) LOOP
    PERFORM statistics_statement_of(e.fn, e.old, e.old);
    EXECUTE replace(pg_get_functiondef(e.fn), e.old, e.new);
  END LOOP;
END $$;

-- Every organisation's sums again, days included, under the sites version they were made with.
SELECT statistics_place_sums_recount(o.id, NULL, NULL), statistics_place_item_sums_recount(o.id, NULL, NULL) FROM organisations o;
ANALYZE statistics_place_sums;
ANALYZE statistics_place_item_sums;
