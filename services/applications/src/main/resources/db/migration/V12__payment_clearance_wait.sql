-- A payment clearance that waits for the applicant's bank account (ADR 0027): the procedure would
-- clear the payment, but the applicant's profile has no account to pay, so the request is kept as
-- disbursement sent it and answered, with the payee, in the transaction that sets the account.
-- One row per payment: a redelivered request waits once and is answered once.
CREATE TABLE payment_clearance_wait (
    payment_id      UUID          PRIMARY KEY,
    application_id  UUID          NOT NULL REFERENCES application (id),
    applicant_id    VARCHAR(64)   NOT NULL,
    reservation_id  UUID          NOT NULL,
    fiscal_year     INTEGER       NOT NULL,
    amount          NUMERIC(18, 2) NOT NULL,
    requested_at    TIMESTAMPTZ   NOT NULL,
    correlation_id  VARCHAR(200),
    causation_id    VARCHAR(200),
    waiting_since   TIMESTAMPTZ   NOT NULL,
    answered_at     TIMESTAMPTZ
);
CREATE INDEX payment_clearance_wait_open ON payment_clearance_wait (applicant_id, waiting_since)
    WHERE answered_at IS NULL;
