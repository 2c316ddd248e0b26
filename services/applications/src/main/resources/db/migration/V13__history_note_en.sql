-- A history line's note in English beside the Chinese one: every line a person reads is in both.
-- Lines older than the column keep only their Chinese note.
ALTER TABLE application_history ADD COLUMN note_en TEXT;
