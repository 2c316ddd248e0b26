-- 免申即享 (ADR 0020): the government record that proves a programme's facts, as ProgrammePublishedV1's
-- optional `proactive` gives it (JSON); null for a programme no record proves and for rows published before.
ALTER TABLE programme_directory ADD COLUMN proactive TEXT;
