-- The suppression list edited by hand: an address added or removed says why (the removal's
-- reason lives in the audit trail; the addition's here, next to the address).
ALTER TABLE mail_suppressions ADD COLUMN note text CHECK (length(note) <= 500);
