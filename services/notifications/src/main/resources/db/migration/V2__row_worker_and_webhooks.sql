-- The mail sender runs on the platform's row worker (RowWorker, ADR 0021): each e-mail has its
-- own next attempt, retry window and parking, instead of the head of the queue retried forever.
ALTER TABLE outgoing_mail
    ADD COLUMN next_attempt_at TIMESTAMPTZ,
    ADD COLUMN window_start    TIMESTAMPTZ,
    ADD COLUMN parked_at       TIMESTAMPTZ;
UPDATE outgoing_mail SET next_attempt_at = created_at, window_start = created_at;
ALTER TABLE outgoing_mail
    ALTER COLUMN next_attempt_at SET NOT NULL,
    ALTER COLUMN window_start SET NOT NULL;
DROP INDEX outgoing_mail_pending;
CREATE INDEX outgoing_mail_due ON outgoing_mail (next_attempt_at) WHERE status = 'PENDING' AND parked_at IS NULL;
CREATE INDEX outgoing_mail_parked ON outgoing_mail (parked_at) WHERE status = 'PENDING' AND parked_at IS NOT NULL;

-- A partner agency's webhook: where its department's events go, signed with its secret.
CREATE TABLE webhook_subscription (
    id                    UUID          PRIMARY KEY,
    department            VARCHAR(64)   NOT NULL,  -- the agency's department: whose events, and who manages it
    created_by            VARCHAR(255)  NOT NULL,  -- the agency client that registered it
    url                   VARCHAR(2048) NOT NULL,
    event_types           VARCHAR(400)  NOT NULL,  -- comma-separated, from WebhookEvents.TYPES
    description           VARCHAR(200),
    -- kept, not hashed: every delivery is signed with it (Standard Webhooks' symmetric scheme)
    secret                VARCHAR(100)  NOT NULL,
    previous_secret       VARCHAR(100),            -- still signs, beside the new one, until previous_secret_until
    previous_secret_until TIMESTAMPTZ,
    created_at            TIMESTAMPTZ   NOT NULL,
    secret_rotated_at     TIMESTAMPTZ
);
CREATE INDEX webhook_subscription_department ON webhook_subscription (department, created_at);

-- One delivery per event and subscription: a redelivered event adds none (the unique key). Its
-- id is the webhook-id header, the same on every retry and on a replay.
CREATE TABLE webhook_delivery (
    id              UUID          PRIMARY KEY,
    subscription_id UUID          NOT NULL REFERENCES webhook_subscription (id) ON DELETE CASCADE,
    event_id        VARCHAR(100)  NOT NULL,
    event_type      VARCHAR(64)   NOT NULL,
    payload         TEXT          NOT NULL,        -- the body, fixed at creation: a retry sends the same bytes
    status          VARCHAR(16)   NOT NULL,        -- PENDING, DELIVERED
    attempts        INTEGER       NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ   NOT NULL,
    window_start    TIMESTAMPTZ   NOT NULL,
    last_error      TEXT,
    parked_at       TIMESTAMPTZ,
    replays         INTEGER       NOT NULL DEFAULT 0,
    created_at      TIMESTAMPTZ   NOT NULL,
    delivered_at    TIMESTAMPTZ,
    CONSTRAINT webhook_delivery_once UNIQUE (subscription_id, event_id)
);
CREATE INDEX webhook_delivery_due ON webhook_delivery (next_attempt_at) WHERE status = 'PENDING' AND parked_at IS NULL;
CREATE INDEX webhook_delivery_parked ON webhook_delivery (parked_at) WHERE status = 'PENDING' AND parked_at IS NOT NULL;
CREATE INDEX webhook_delivery_log ON webhook_delivery (subscription_id, created_at DESC, id);

-- Every attempt of a delivery, for the agency's delivery log.
CREATE TABLE webhook_attempt (
    id           BIGSERIAL    PRIMARY KEY,
    delivery_id  UUID         NOT NULL REFERENCES webhook_delivery (id) ON DELETE CASCADE,
    attempted_at TIMESTAMPTZ  NOT NULL,
    status_code  INTEGER,                          -- absent when no answer came
    error        VARCHAR(500),
    duration_ms  INTEGER      NOT NULL
);
CREATE INDEX webhook_attempt_delivery ON webhook_attempt (delivery_id, id);
