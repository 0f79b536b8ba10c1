-- Press releases may be written in Arabic or Farsi; their public page then reads right to left.
ALTER TABLE press_releases DROP CONSTRAINT IF EXISTS press_releases_language_check;
ALTER TABLE press_releases ADD CONSTRAINT press_releases_language_check CHECK (language IN ('fr','en','ar','fa'));
