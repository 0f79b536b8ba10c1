-- A task may point to a person's arrival/departure checklists (issue 19, item 5): the link id is
-- the person's, whose page holds both checklists.
ALTER TABLE house_tasks DROP CONSTRAINT house_tasks_link_kind_check;
ALTER TABLE house_tasks ADD CONSTRAINT house_tasks_link_kind_check CHECK (link_kind IN ('decision','campaign','case','meeting','checklist'));
