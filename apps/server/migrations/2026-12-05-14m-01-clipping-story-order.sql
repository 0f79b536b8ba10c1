-- Story grouping (issue 14, speed): a polling run reads the recent clippings' signatures once and
-- afterwards only the clippings added since. Clippings are inserted under the organisation's story
-- lock, so this number, taken at insertion, follows the order in which their stories were decided:
-- once a run has read up to n, every clipping committed later has a number above n.
ALTER TABLE monitoring_clippings ADD COLUMN story_order bigint GENERATED ALWAYS AS IDENTITY;
CREATE INDEX monitoring_clippings_story_order_idx ON monitoring_clippings (organisation_id, story_order);
