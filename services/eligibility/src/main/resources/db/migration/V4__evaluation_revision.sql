-- 补正: the revision of the facts an evaluation is of (0 the submission, n after the n-th
-- correction notice). A later revision replaces the row; an earlier or the same one changes nothing.
ALTER TABLE evaluation ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
