-- Money leaves only for a reservation that traces back to an approval (ADR 0013). The approvals
-- of the applications service are recorded as they are announced (ApplicationStatusChangedV1
-- APPROVED, with the reservation it asked for); a payment waits for its approval, is held when
-- it does not match one, and an instalment of an application is paid at most once.
CREATE TABLE approval (
    application_id  UUID          PRIMARY KEY,
    reservation_id  UUID          NOT NULL,
    applicant_id    VARCHAR(64)   NOT NULL,
    programme       VARCHAR(64)   NOT NULL,
    department      VARCHAR(32),
    amount          NUMERIC(15,2) NOT NULL,
    approved_at     TIMESTAMPTZ   NOT NULL,
    recorded_at     TIMESTAMPTZ   NOT NULL DEFAULT now()
);

ALTER TABLE payment ADD COLUMN fiscal_year INTEGER;
ALTER TABLE payment ADD COLUMN department VARCHAR(32);
ALTER TABLE payment ADD COLUMN beneficiary_kind VARCHAR(32) NOT NULL DEFAULT 'enterprise';
ALTER TABLE payment ADD COLUMN origin VARCHAR(16) NOT NULL DEFAULT 'APPLICATION';
ALTER TABLE payment ADD COLUMN proposed_by VARCHAR(200);
ALTER TABLE payment ADD COLUMN approved_by VARCHAR(200);
ALTER TABLE payment ADD COLUMN reserved_amount NUMERIC(15,2);
ALTER TABLE payment ADD COLUMN hold_reason VARCHAR(32);
ALTER TABLE payment ALTER COLUMN status TYPE VARCHAR(24);
-- An instalment (application, fiscal year) is paid once: a second reservation for it is held, and
-- the database refuses a second live payment whatever the code does.
CREATE UNIQUE INDEX payment_once_per_instalment ON payment (application_id, fiscal_year)
    WHERE status IN ('AWAITING_APPROVAL', 'INSTRUCTED', 'PAID');
CREATE INDEX payment_awaiting ON payment (application_id) WHERE status = 'AWAITING_APPROVAL';
CREATE INDEX payment_status ON payment (status, created_at);
