-- Applications and their review state. version guards against two reviewers acting at once.
CREATE TABLE application (
    id               UUID          PRIMARY KEY,
    applicant_id     VARCHAR(64)   NOT NULL,
    applicant_kind   VARCHAR(32)   NOT NULL,
    district         VARCHAR(32)   NOT NULL,
    programme        VARCHAR(64)   NOT NULL,
    facts            TEXT          NOT NULL,    -- JSON object as submitted
    contact_email    VARCHAR(320),
    status           VARCHAR(32)   NOT NULL,
    ceiling          NUMERIC(15,2),
    department       VARCHAR(64),
    approved_amount  NUMERIC(15,2),
    paid_amount      NUMERIC(15,2),
    reservation_id   UUID          UNIQUE,
    reason_zh        TEXT,
    reason_en        TEXT,
    reviewed_by      VARCHAR(200),
    submitted_at     TIMESTAMPTZ   NOT NULL,
    updated_at       TIMESTAMPTZ   NOT NULL,
    version          BIGINT        NOT NULL DEFAULT 0
);
CREATE INDEX application_applicant ON application (applicant_id, submitted_at DESC);
CREATE INDEX application_department_status ON application (department, status);

-- Every status an application passed through, for its history page and audits.
CREATE TABLE application_history (
    id              BIGSERIAL     PRIMARY KEY,
    application_id  UUID          NOT NULL REFERENCES application (id),
    from_status     VARCHAR(32),
    to_status       VARCHAR(32)   NOT NULL,
    actor           VARCHAR(200)  NOT NULL,
    note            TEXT,
    at              TIMESTAMPTZ   NOT NULL
);
CREATE INDEX application_history_application ON application_history (application_id, id);
