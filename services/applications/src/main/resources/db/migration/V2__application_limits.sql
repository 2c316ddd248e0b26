-- The limits the evaluation says an award touches (JSON array of {kind, key, limit}), forwarded
-- to the budget with the reservation so that it can enforce every one of them.
ALTER TABLE application ADD COLUMN limits TEXT;
