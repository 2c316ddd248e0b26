-- The staging plan of a staged award (JSON array of {yearOffset, share}) from the evaluation: the
-- approved amount is split by it into instalments, each reserved against its own fiscal year.
ALTER TABLE application ADD COLUMN staging TEXT;
