-- A photo whose header announces more pixels than IMAGE_MAX_PIXELS is refused before decoding.
ALTER TABLE evidence DROP CONSTRAINT evidence_rejection_reason_check;
ALTER TABLE evidence ADD CONSTRAINT evidence_rejection_reason_check
  CHECK (rejection_reason IN ('hash_mismatch','type_mismatch','too_many_pixels'));
