-- Statistics (issue 20, item 3): a year's summary reads, for the year and the year before, the
-- days observed and the incidents; at a million evictions each was a heap read.
--
-- Days observed: "was there a live operation that day (in this area)?" read every operation of the
-- period from the heap to check deleted_at (a bitmap heap scan of ≈ 2,900 pages for 2025's 17,000
-- operations, 17-60 ms). The rota's coverage query now asks it per day, one lookup in this index
-- each (365 for a year).
CREATE INDEX operations_live_day_idx ON operations (organisation_id, date) INCLUDE (area_id) WHERE deleted_at IS NULL;

-- Incidents of a range of eviction days: the index now carries every column the statistics read
-- (type, time, place, legal basis), so they come from the index alone instead of ≈ 1,100 heap
-- pages for 2025's 5,000 incidents.
DROP INDEX incidents_statistics_idx;
CREATE INDEX incidents_statistics_idx ON incidents (organisation_id, eviction_date)
  INCLUDE (eviction_status, site_id, area_id, eviction_id, eviction_legal_basis, kind, incident_type, occurred_at)
  WHERE eviction_live AND deleted_at IS NULL;
