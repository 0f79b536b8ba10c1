-- Statistics (issue 20, item 3): the items of one commune or area read from an index ordered by
-- place first.
--
-- statistics_place_item_sums (20p-02) is keyed by period first, for the fold that replaces one
-- period of every place; a reader asks one place for a range of periods, so a year of the
-- Calaisis' weeks walked every place's items of those 53 weeks (≈ 90,000 index entries) to keep
-- ≈ 3,000: 18 ms of its weekly series on the bench machine. This index holds one place's periods
-- together, with what the reader sums, so that it reads them alone.
CREATE INDEX statistics_place_item_sums_place_idx ON statistics_place_item_sums (organisation_id, place_kind, place, verified, span, period)
  INCLUDE (kind, term, is_part, tallies, n, at_least);
