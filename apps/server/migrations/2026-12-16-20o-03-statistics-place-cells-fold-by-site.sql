-- Statistics (issue 20, item 3): the place cells' fold finds each key's rows by site.
--
-- statistics_place_cells_fold (20m-01) deletes every row of each key with unfolded deltas and
-- inserts their sum. The three place tables' indexes were keyed (organisation, span, period,
-- verified) with the site only included, so each key's rows were found by reading every row of
-- its period: ≈ 130,000 index entries for a year at a million evictions, 12 ms per key. One
-- hundred evictions changed in a week of 2025 (≈ 200 keys per table) took the fold 81 s on the
-- bench machine, in a job that runs every five minutes.
--
-- The site is now a key column of those indexes, after the columns the readers range over: a
-- key's rows are one site's within its period (≈ 400 times fewer), and readers, which read a whole
-- period (or one site, now a range of the index too), read the same entries in another order.

DROP INDEX statistics_place_cells_idx;
CREATE INDEX statistics_place_cells_idx ON statistics_place_cells (organisation_id, span, period, verified, site_id)
  INCLUDE (legal_basis, forces, sums);
DROP INDEX statistics_place_operation_cells_idx;
CREATE INDEX statistics_place_operation_cells_idx ON statistics_place_operation_cells (organisation_id, span, period, verified, site_id)
  INCLUDE (legal_basis, forces, operation_id, evictions);
DROP INDEX statistics_place_item_cells_idx;
CREATE INDEX statistics_place_item_cells_idx ON statistics_place_item_cells (organisation_id, span, period, verified, site_id)
  INCLUDE (legal_basis, forces, kind, term, is_part, tallies, n, at_least);
