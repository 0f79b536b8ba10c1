-- Statistics (issue 4): every figure reads only an index (index-only scans), measured with
-- EXPLAIN ANALYZE on 1,000,000 evictions: the counted-evictions index of migration 40 still sent
-- each of a month's ~11,000 rows to the table for its counts (1,800 random page reads).
--
-- One index per table serves both the verified-only figures and the coordinators' draft view:
-- it holds the live rows (not deleted, not merged) and carries the status, which the query then
-- tests on the index entry itself. `id` is carried for the join to tallies when a filter or a
-- grouping needs the eviction (legal basis, force, item type).
CREATE INDEX evictions_statistics_idx ON evictions (organisation_id, date) INCLUDE (
  id, status, site_id, operation_id, coverage, quick, legal_basis_category,
  persons_evicted, persons_evicted_at_least, women, women_at_least, children, children_at_least,
  families, families_at_least, unaccompanied_minors, unaccompanied_minors_at_least, arrests, arrests_at_least,
  arrests_with_violence, arrests_with_violence_at_least, id_checks, id_checks_at_least,
  shelter_accepted, shelter_accepted_at_least, shelter_offered, social_assessment
) WHERE deleted_at IS NULL AND merged_into IS NULL;

-- Superseded by the index above (same rows and order, more columns); one index fewer to write.
DROP INDEX evictions_counted_idx;

-- Items of a range of days, from the copies migration 42 keeps on each tally.
CREATE INDEX eviction_tallies_statistics_idx ON eviction_tallies (organisation_id, eviction_date)
  INCLUDE (eviction_status, site_id, eviction_id, kind, term, n, at_least) WHERE eviction_live;

-- Incidents of a range of eviction days (small table: no covering needed beyond the filter).
CREATE INDEX incidents_statistics_idx ON incidents (organisation_id, eviction_date)
  INCLUDE (eviction_status, site_id) WHERE eviction_live AND deleted_at IS NULL;
