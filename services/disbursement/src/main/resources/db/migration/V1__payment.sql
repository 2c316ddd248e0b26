-- A payment instruction per reservation. The unique reservation_id is what makes a second
-- FundsReserved for the same reservation unable to create a second payment.
CREATE TABLE payment (
    id                  UUID          PRIMARY KEY,   -- also the idempotency key sent to the treasury
    reservation_id      UUID          NOT NULL UNIQUE,
    application_id      UUID          NOT NULL,
    beneficiary_id      VARCHAR(64)   NOT NULL,
    programme           VARCHAR(64)   NOT NULL,
    amount              NUMERIC(15,2) NOT NULL CHECK (amount > 0),
    status              VARCHAR(16)   NOT NULL,      -- INSTRUCTED, PAID, FAILED
    treasury_reference  VARCHAR(64),
    failure_code        VARCHAR(32),
    correlation_id      VARCHAR(100)  NOT NULL,      -- carried on to the payment's events
    causation_id        VARCHAR(100)  NOT NULL,
    created_at          TIMESTAMPTZ   NOT NULL,
    settled_at          TIMESTAMPTZ
);
CREATE INDEX payment_due ON payment (created_at) WHERE status = 'INSTRUCTED';
CREATE INDEX payment_application ON payment (application_id);

-- The simulated treasury's own book: one row per payment id it has ever executed, so asking it
-- twice to execute the same payment returns the first result instead of paying again.
CREATE TABLE simulated_treasury_payment (
    payment_id      UUID          PRIMARY KEY,
    beneficiary_id  VARCHAR(64)   NOT NULL,
    amount          NUMERIC(15,2) NOT NULL,
    outcome         VARCHAR(16)   NOT NULL,          -- PAID, REFUSED
    reference       VARCHAR(64)   NOT NULL,
    failure_code    VARCHAR(32),
    executed_at     TIMESTAMPTZ   NOT NULL
);
