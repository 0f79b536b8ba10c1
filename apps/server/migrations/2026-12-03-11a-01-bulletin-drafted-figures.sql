-- Issue 11: the publish checklist says which cited figure changed since the draft. A draft's
-- figures are computed live, so each save keeps the figures as the person saw them then: one
-- entry per cited figure, its reference (metric, period, area, filters) and its value
-- ({"metric", "from", "to", "areaCode", "filters", "value", "atLeast"}). Drafts saved before
-- this column existed start empty and are filled at their next save. The bulletins table keeps
-- its row-level security (organisation isolation) and its freeze trigger.
ALTER TABLE bulletins ADD COLUMN drafted_figures jsonb NOT NULL DEFAULT '[]'::jsonb;
