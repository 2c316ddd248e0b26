-- The applicant's inbox: one notice per status change of one of its applications.
CREATE TABLE notice (
    id              UUID          PRIMARY KEY,
    recipient_id    VARCHAR(64)   NOT NULL,        -- the enterprise (unified social credit code)
    application_id  UUID          NOT NULL,
    status          VARCHAR(32)   NOT NULL,
    title_zh        TEXT          NOT NULL,
    title_en        TEXT          NOT NULL,
    body_zh         TEXT          NOT NULL,
    body_en         TEXT          NOT NULL,
    source_event_id VARCHAR(100)  NOT NULL UNIQUE, -- a second delivery of the same event adds nothing
    created_at      TIMESTAMPTZ   NOT NULL,
    read_at         TIMESTAMPTZ
);
CREATE INDEX notice_recipient ON notice (recipient_id, created_at DESC);

-- E-mail to send, written with the notice; the mail sender delivers it and marks it sent,
-- so a crash or an SMTP outage delays an e-mail but never loses it.
CREATE TABLE outgoing_mail (
    id           UUID          PRIMARY KEY,
    notice_id    UUID          NOT NULL REFERENCES notice (id),
    to_address   VARCHAR(320)  NOT NULL,
    subject      TEXT          NOT NULL,
    body         TEXT          NOT NULL,
    status       VARCHAR(16)   NOT NULL,           -- PENDING, SENT
    attempts     INTEGER       NOT NULL DEFAULT 0,
    last_error   TEXT,
    created_at   TIMESTAMPTZ   NOT NULL,
    sent_at      TIMESTAMPTZ
);
CREATE INDEX outgoing_mail_pending ON outgoing_mail (created_at) WHERE status = 'PENDING';
