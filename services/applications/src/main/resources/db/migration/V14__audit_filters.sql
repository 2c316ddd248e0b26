-- GET /audit filters an operator uses besides the subject (V6): who did it, which request or
-- message it came from, and when. Each keeps the trail's order (seq) for paging.
CREATE INDEX audit_entry_actor ON audit_entry (actor_id, seq);
CREATE INDEX audit_entry_correlation ON audit_entry (correlation_id, seq);
CREATE INDEX audit_entry_at ON audit_entry (at);
