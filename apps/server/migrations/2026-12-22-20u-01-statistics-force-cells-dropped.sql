-- Statistics (issue 20, item 3): the evictions per force corps are read from the force-combination
-- cells, and the force cells per corps and site (20e-01) go.
--
-- Each combination's evictions counted for every corps in it are the evictions at which that corps
-- was present: the combinations' totals (no site) and cells per site (20l-01) already held the
-- figure, and their indexes cover it, where the force cells' index covers neither the corps nor the
-- evictions, so each of their cells was read from the heap (ten years by corps: 370–470 ms at a
-- million evictions, 46 ms from the combinations; statistics.force-cells.ts). Nothing reads the
-- force cells now: their update and delete triggers (the insert one went with 20k-01) were work
-- at every promotion, review, merge and deletion for no reader.

DROP TRIGGER evictions_statistics_force_cells_update ON evictions;
DROP TRIGGER evictions_statistics_force_cells_delete ON evictions;
DROP FUNCTION statistics_cells_follow_forces();
-- statistics_cells_fold (20e-01) still calls it: nothing is left for it to fold.
CREATE OR REPLACE FUNCTION statistics_force_cells_fold() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  RETURN;
END $$;
DROP TABLE statistics_force_cells;
