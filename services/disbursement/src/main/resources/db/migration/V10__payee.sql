-- Payees (ADR 0027): per applicant the account its awards are paid to, as the applications
-- service's profile last gave it with a cleared payment, and whether it is verified. The first
-- account is verified by itself only when its holder is the registered name; a later different
-- account waits for a department's verification by someone other than who changed it.
CREATE TABLE payee (
    applicant_id        VARCHAR(64)   PRIMARY KEY,
    registered_name     VARCHAR(200),
    bank_name           VARCHAR(200)  NOT NULL,
    account_name        VARCHAR(200)  NOT NULL,
    account_number      VARCHAR(34)   NOT NULL,
    profile_version     BIGINT        NOT NULL,
    status              VARCHAR(16)   NOT NULL CHECK (status IN ('VERIFIED', 'UNVERIFIED')),
    changed_by          VARCHAR(200),
    changed_at          TIMESTAMPTZ   NOT NULL,
    verified_by         VARCHAR(200),
    verified_at         TIMESTAMPTZ,
    verification_notes  VARCHAR(2000),
    verification_key    VARCHAR(100),
    changes             BIGINT        NOT NULL DEFAULT 0  -- account changes since first seen
);
CREATE INDEX payee_status ON payee (status, applicant_id);

-- the account a payment is sent to: the payee's verified one when it was instructed (none for a
-- block grant, or an applicant whose profile gives no account: the treasury's own record pays it)
ALTER TABLE payment ADD COLUMN payee_bank_name VARCHAR(200);
ALTER TABLE payment ADD COLUMN payee_account_name VARCHAR(200);
ALTER TABLE payment ADD COLUMN payee_account_number VARCHAR(34);
CREATE INDEX payment_payee_held ON payment (beneficiary_id) WHERE status = 'HELD' AND hold_reason = 'PAYEE_UNVERIFIED';

-- the simulated treasury keeps the account it paid, so that tests see which one it was
ALTER TABLE simulated_treasury_payment ADD COLUMN account_number VARCHAR(34);
