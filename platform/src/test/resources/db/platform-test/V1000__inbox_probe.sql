-- The effect of InboxProbe (the platform's tests alone): one row per handling of a message,
-- written in the inbox's transaction, so a test sees exactly what committed.
CREATE TABLE inbox_probe_effect (
    id         BIGSERIAL    PRIMARY KEY,
    message_id VARCHAR(100) NOT NULL,
    n          INTEGER      NOT NULL
);
