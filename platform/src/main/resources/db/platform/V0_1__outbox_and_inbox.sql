-- Transactional outbox: written in the same transaction as the state change it announces;
-- the relay publishes rows in seq order and sets published_at only after the broker's ack.
CREATE TABLE outbox_message (
    seq            BIGSERIAL    PRIMARY KEY,
    id             UUID         NOT NULL UNIQUE,       -- CloudEvents id, consumers' idempotency key
    topic          VARCHAR(200) NOT NULL,
    message_key    VARCHAR(200) NOT NULL,             -- the aggregate id
    ce_type        VARCHAR(200) NOT NULL,
    ce_source      VARCHAR(200) NOT NULL,
    ce_subject     VARCHAR(200) NOT NULL,
    ce_time        TIMESTAMPTZ  NOT NULL,
    correlation_id VARCHAR(100) NOT NULL,
    causation_id   VARCHAR(100),
    payload        TEXT         NOT NULL,
    created_at     TIMESTAMPTZ  NOT NULL DEFAULT now(),
    published_at   TIMESTAMPTZ,
    attempts       INTEGER      NOT NULL DEFAULT 0,
    last_error     TEXT
);
-- The relay only ever looks for unpublished rows.
CREATE INDEX outbox_message_unpublished ON outbox_message (seq) WHERE published_at IS NULL;

-- Inbox: one row per (consumer, message) written with the handler's effect, so a redelivered
-- message is recognised and skipped.
CREATE TABLE processed_message (
    consumer     VARCHAR(100) NOT NULL,
    message_id   VARCHAR(100) NOT NULL,
    processed_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, message_id)
);
