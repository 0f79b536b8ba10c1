-- A photo's publication copy whose job failed its last try (issue 20): the row no longer says
-- "in preparation" for ever; it says when the copy failed, so the record shows it and the
-- coordinators' review page lists it with a way to try again (which clears it and queues the job).
ALTER TABLE evidence ADD COLUMN public_copy_failed_at timestamptz;
