-- Pruning by age (MessagePruner, grantflow.messaging.retention.*): published outbox rows and
-- processed-message rows past their retention are deleted in small batches, oldest first. These
-- indexes find them without reading the tables, which grow with every message until pruned.
-- Not CONCURRENTLY: Flyway holds a transaction open while it migrates (its transactional lock),
-- which such a build waits for without end. A plain build holds up writes to the table while it
-- runs; where a table is already large, an operator builds the index by hand beforehand
-- (CREATE INDEX CONCURRENTLY with the same name and definition) and this migration skips it.
-- No column is dropped: every one has a reader (the relay, the operator endpoints, pruning), and
-- instances of the previous version still write them all during a rolling upgrade.
CREATE INDEX IF NOT EXISTS outbox_message_published ON outbox_message (published_at)
    WHERE published_at IS NOT NULL;
CREATE INDEX IF NOT EXISTS processed_message_processed_at ON processed_message (processed_at);
