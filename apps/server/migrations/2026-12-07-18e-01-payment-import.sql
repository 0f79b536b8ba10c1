-- Dues and gifts imported from a payment platform's export (issue 18, item 7). Each recorded
-- payment keeps the platform's reference ("helloasso:12345678"), unique in the organisation, so a
-- file imported twice records nothing the second time. Owned by modules/association/members.
ALTER TABLE memberships ADD COLUMN external_ref text CHECK (length(external_ref) BETWEEN 1 AND 160);
ALTER TABLE donations ADD COLUMN external_ref text CHECK (length(external_ref) BETWEEN 1 AND 160);
CREATE UNIQUE INDEX memberships_external_ref_idx ON memberships (organisation_id, external_ref) WHERE external_ref IS NOT NULL;
CREATE UNIQUE INDEX donations_external_ref_idx ON donations (organisation_id, external_ref) WHERE external_ref IS NOT NULL;
