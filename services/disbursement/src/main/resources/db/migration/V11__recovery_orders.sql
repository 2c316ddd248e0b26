-- Recovery orders (追回, ADR 0029): finance orders money paid on an application recovered, after
-- fraud or an audit finding. It is recovered by offset against the applicant's later payments
-- (withheld when the payment first leaves, recorded when the treasury confirms it) and by
-- repayments, credit entries of imported bank statements that quote the order's reference.
-- outstanding = amount - recovered - withheld; the order is SETTLED when recovered = amount.
CREATE TABLE recovery_order (
    id               UUID          PRIMARY KEY,
    reference        VARCHAR(16)   NOT NULL UNIQUE,
    application_id   UUID          NOT NULL,
    reservation_id   UUID          NOT NULL,   -- the paid reservation the budget reverses
    applicant_id     VARCHAR(64)   NOT NULL,
    programme        VARCHAR(64)   NOT NULL,
    department       VARCHAR(32),
    amount           NUMERIC(15,2) NOT NULL CHECK (amount > 0),
    recovered        NUMERIC(15,2) NOT NULL DEFAULT 0 CHECK (recovered >= 0),
    withheld         NUMERIC(15,2) NOT NULL DEFAULT 0 CHECK (withheld >= 0),
    basis            VARCHAR(16)   NOT NULL CHECK (basis IN ('FRAUD', 'AUDIT_FINDING')),
    reasons_zh       VARCHAR(2000) NOT NULL,
    reasons_en       VARCHAR(2000),
    status           VARCHAR(16)   NOT NULL CHECK (status IN ('OUTSTANDING', 'SETTLED')),
    ordered_by       VARCHAR(200)  NOT NULL,
    ordered_at       TIMESTAMPTZ   NOT NULL,
    settled_at       TIMESTAMPTZ,
    idempotency_key  VARCHAR(100),
    fingerprint      CHAR(64)      NOT NULL,
    CHECK (recovered + withheld <= amount),
    CHECK ((status = 'SETTLED') = (recovered = amount)),
    UNIQUE (ordered_by, idempotency_key)
);
CREATE INDEX recovery_order_open ON recovery_order (applicant_id, ordered_at) WHERE status = 'OUTSTANDING';
CREATE INDEX recovery_order_application ON recovery_order (application_id);
CREATE INDEX recovery_order_listed ON recovery_order (ordered_at DESC, id);

-- What was recovered: an OFFSET of a payment (PENDING from when it left until the treasury
-- confirmed it, RELEASED if it failed) or a REPAYMENT of a statement's credit entry (RECORDED).
-- A payment offsets an order once, a statement line repays once.
CREATE TABLE recovery_entry (
    id              UUID          PRIMARY KEY,
    order_id        UUID          NOT NULL REFERENCES recovery_order (id),
    kind            VARCHAR(16)   NOT NULL CHECK (kind IN ('OFFSET', 'REPAYMENT')),
    state           VARCHAR(16)   NOT NULL CHECK (state IN ('PENDING', 'RECORDED', 'RELEASED')),
    amount          NUMERIC(15,2) NOT NULL CHECK (amount > 0),
    payment_id      UUID          REFERENCES payment (id),
    statement_id    UUID,
    statement_line  INT,
    created_at      TIMESTAMPTZ   NOT NULL,
    recorded_at     TIMESTAMPTZ,
    CHECK ((kind = 'OFFSET') = (payment_id IS NOT NULL)),
    CHECK ((kind = 'REPAYMENT') = (statement_id IS NOT NULL AND statement_line IS NOT NULL)),
    FOREIGN KEY (statement_id, statement_line) REFERENCES statement_entry (statement_id, line),
    UNIQUE (order_id, payment_id),
    UNIQUE (statement_id, statement_line)
);
CREATE INDEX recovery_entry_order ON recovery_entry (order_id, created_at);
CREATE INDEX recovery_entry_payment ON recovery_entry (payment_id) WHERE payment_id IS NOT NULL;

-- A payment's amount stays the instalment (gross: what the budget posts); offset_amount of it
-- settles debts and the treasury is ordered the rest (net), which the bank statement shows.
ALTER TABLE payment ADD COLUMN offset_amount NUMERIC(15,2) NOT NULL DEFAULT 0 CHECK (offset_amount >= 0);
ALTER TABLE payment ADD CONSTRAINT payment_offset_within CHECK (offset_amount <= amount);
