-- Statistics (issue 20, item 3): the counts and item sums the fold stores, read over a run of
-- months through an index whose equality columns come before the period.
--
-- Their primary keys begin (organisation, span, period, …): right for one month or year, the first
-- readers. Over a run of months ("les 12 derniers mois", "cette année", 20s-01) a B-tree reads
-- every entry between the first month's and the last's, whatever the corps, place kind, place or
-- legal basis that follow: the distinct operations where the CRS was present over all places, ten
-- month rows, read ≈ 90,000 entries of statistics_corps_operation_counts (2,269 pages, 19 ms at a
-- million evictions on the bench machine), three times in a summary (the period, the one before,
-- the year before). These indexes put what a reader fixes first (corps, place kind, place) and
-- the period after, so a run of months is one short range per kind; the columns read are included,
-- so the reader does not visit the table (as statistics_place_item_sums_place_idx, 20q-02, does already).

CREATE INDEX statistics_corps_operation_counts_corps_idx ON statistics_corps_operation_counts
  (organisation_id, corps, place_kind, span, period, place, legal_basis) INCLUDE (verified_operations, all_operations);
CREATE INDEX statistics_place_basis_operation_counts_kind_idx ON statistics_place_basis_operation_counts
  (organisation_id, place_kind, place, span, period, legal_basis) INCLUDE (verified_operations, all_operations);
CREATE INDEX statistics_place_operation_counts_kind_idx ON statistics_place_operation_counts
  (organisation_id, place_kind, span, period, place) INCLUDE (verified_operations, all_operations);
CREATE INDEX statistics_corps_place_item_sums_corps_idx ON statistics_corps_place_item_sums
  (organisation_id, corps, place_kind, span, period, place) INCLUDE (verified, kind, term, is_part, tallies, n, at_least);
CREATE INDEX statistics_basis_place_item_sums_place_idx ON statistics_basis_place_item_sums
  (organisation_id, place_kind, place, span, period) INCLUDE (legal_basis, verified, kind, term, is_part, tallies, n, at_least);
