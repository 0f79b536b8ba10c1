-- Who recorded a person (pseudonym, minor flag) and who created a site: an observer changes only
-- their own; those who verify (coordinators) change any. Earlier rows take their author from the
-- first incident naming the person and from the site's first version.
ALTER TABLE persons ADD COLUMN created_by uuid REFERENCES users(id);
ALTER TABLE sites ADD COLUMN created_by uuid REFERENCES users(id);

UPDATE persons p SET created_by = (
  SELECT i.created_by FROM incidents i WHERE i.organisation_id = p.organisation_id AND p.id = ANY(i.person_ids)
  ORDER BY i.created_at, i.id LIMIT 1
);
UPDATE sites s SET created_by = (
  SELECT v.changed_by FROM record_versions v WHERE v.entity_type = 'site' AND v.entity_id = s.id AND v.organisation_id = s.organisation_id
  ORDER BY v.version LIMIT 1
);
