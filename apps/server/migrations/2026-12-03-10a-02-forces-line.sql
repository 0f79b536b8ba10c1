-- The Calaisis default figure set gets a forces line under the evictions (issue 10, d.5):
-- "dont M menées par la police nationale et la BAC sans CRS", printed whenever at least one
-- eviction of the month had no CRS present, as HRO's published months read.
UPDATE bulletin_default_figure_sets
SET figures = jsonb_insert(figures, '{0}', '{"metric": "evictions", "part": null, "forces": {"present": ["pn", "bac"], "absent": ["crs"]}}'::jsonb, true)
WHERE area_code = 'calaisis' AND NOT figures @> '[{"forces": {}}]'::jsonb;
