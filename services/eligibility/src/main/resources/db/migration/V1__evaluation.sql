-- One evaluation per submitted application; the event announcing it goes through the outbox.
CREATE TABLE evaluation (
    application_id    UUID          PRIMARY KEY,
    programme         VARCHAR(64)   NOT NULL,
    applicant_id      VARCHAR(64)   NOT NULL,
    eligible          BOOLEAN       NOT NULL,
    ceiling           NUMERIC(15,2),
    department        VARCHAR(64)   NOT NULL,
    reasons           TEXT          NOT NULL,   -- JSON array of {code, messageZh, messageEn}
    trace             TEXT          NOT NULL,   -- JSON array of trace steps
    catalogue_version VARCHAR(64)   NOT NULL,
    evaluated_at      TIMESTAMPTZ   NOT NULL
);
