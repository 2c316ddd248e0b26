-- Per-row outcome of the relay: a failed row waits until next_attempt_at (exponential back-off);
-- a row that cannot be sent (too large, refused for good, out of attempts) is parked until an
-- operator retries it. Later rows of the same key wait behind either; other keys flow on.
-- Platform migrations run before a new service's own V1, V2...; on an existing database this one
-- comes after them, which is why every service sets quarkus.flyway.out-of-order=true (ADR 0003).
ALTER TABLE outbox_message
    ADD COLUMN next_attempt_at TIMESTAMPTZ,
    ADD COLUMN parked_at       TIMESTAMPTZ;

-- The relay asks, for each due row, whether an earlier unpublished row of its key is held.
CREATE INDEX outbox_message_unpublished_key ON outbox_message (topic, message_key, seq)
    WHERE published_at IS NULL;
