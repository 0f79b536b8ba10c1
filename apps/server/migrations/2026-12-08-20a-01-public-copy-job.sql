-- A photo's publication copy (re-encoded, no metadata) is made by a background job after the
-- upload is acknowledged (issue 20): until then the row says the copy is in preparation, so that
-- screens and publications can tell "not made yet" from "none" (a HEIC the server cannot decode,
-- a video) and never fall back on the original, whose EXIF holds the GPS position.
ALTER TABLE evidence ADD COLUMN public_copy_pending boolean NOT NULL DEFAULT false;
