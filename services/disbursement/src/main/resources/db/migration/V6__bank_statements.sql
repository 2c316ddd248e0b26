-- Bank statements of the treasury's paying account, imported by finance for reconciliation. A
-- file is kept once (its SHA-256): importing it again answers with the statement already kept.
-- Entries are kept as booked; mismatches are computed when read and never change a payment.
CREATE TABLE bank_statement (
    id            UUID          PRIMARY KEY,
    sha256        CHAR(64)      NOT NULL UNIQUE,
    format        VARCHAR(16)   NOT NULL CHECK (format IN ('CAMT053', 'CSV')),
    statement_ref VARCHAR(140),
    account       VARCHAR(140),
    period_from   DATE          NOT NULL,
    period_to     DATE          NOT NULL CHECK (period_to >= period_from),
    entries       INT           NOT NULL,
    debit_total   NUMERIC(17,2) NOT NULL,
    credit_total  NUMERIC(17,2) NOT NULL,
    imported_by   VARCHAR(200)  NOT NULL,
    imported_at   TIMESTAMPTZ   NOT NULL
);
CREATE INDEX bank_statement_imported ON bank_statement (imported_at DESC);

CREATE TABLE statement_entry (
    statement_id   UUID          NOT NULL REFERENCES bank_statement (id),
    line           INT           NOT NULL,
    reference      VARCHAR(140),
    bank_reference VARCHAR(140),
    amount         NUMERIC(15,2) NOT NULL CHECK (amount > 0),
    currency       CHAR(3)       NOT NULL,
    booked_on      DATE          NOT NULL,
    debit          BOOLEAN       NOT NULL,
    counterparty   VARCHAR(140),
    PRIMARY KEY (statement_id, line)
);
CREATE INDEX payment_treasury_reference ON payment (upper(treasury_reference));
