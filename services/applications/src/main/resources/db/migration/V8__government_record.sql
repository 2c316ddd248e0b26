-- 免申即享 (ADR 0020): government records imported by partner agencies (honour lists, filings,
-- first-time qualifications), each of which made one offer (an application in state SCREENING).

-- One import: who sent it, how many records, and what became of them (the report's totals).
CREATE TABLE record_import (
    id           UUID          PRIMARY KEY,
    imported_by  VARCHAR(200)  NOT NULL,
    department   VARCHAR(64)   NOT NULL,
    format       VARCHAR(8)    NOT NULL,   -- json | csv
    records      INT           NOT NULL,
    created      INT           NOT NULL,
    duplicates   INT           NOT NULL,
    refused      INT           NOT NULL,
    imported_at  TIMESTAMPTZ   NOT NULL
);

-- One accepted record. Its natural key is the unique constraint: the same record imported again
-- (the same file re-sent, or two agencies sending one list) is a duplicate and creates nothing.
-- record_ref is the record's own number (filing number, product reference), '' when it has none.
CREATE TABLE government_record (
    id               UUID          PRIMARY KEY,
    source           VARCHAR(100)  NOT NULL,
    record_kind      VARCHAR(16)   NOT NULL,
    programme        VARCHAR(44)   NOT NULL,
    credit_code      VARCHAR(18)   NOT NULL,
    record_date      DATE          NOT NULL,
    record_ref       VARCHAR(100)  NOT NULL DEFAULT '',
    enterprise_name  VARCHAR(200)  NOT NULL,
    district         VARCHAR(32)   NOT NULL,
    facts            TEXT          NOT NULL,   -- JSON object: the record's facts as imported
    import_id        UUID          NOT NULL REFERENCES record_import (id),
    application_id   UUID          NOT NULL REFERENCES application (id),
    imported_at      TIMESTAMPTZ   NOT NULL,
    CONSTRAINT government_record_natural_key
        UNIQUE (source, record_kind, programme, credit_code, record_date, record_ref)
);
CREATE INDEX government_record_credit_code ON government_record (credit_code);
CREATE INDEX government_record_application ON government_record (application_id);

-- The enterprise's offers, and the open applications an import checks a record against.
CREATE INDEX application_applicant_programme ON application (applicant_id, programme);
