-- The payment worker runs on the platform's row worker (ADR 0021): a claim moves next_attempt_at
-- past the lease (lease_until is no longer needed), retries count from window_start, and a payment
-- the treasury never answered for is parked (held, TREASURY_NO_ANSWER) for an operator to retry.
UPDATE payment SET next_attempt_at = created_at WHERE next_attempt_at IS NULL;
ALTER TABLE payment ALTER COLUMN next_attempt_at SET DEFAULT now();
ALTER TABLE payment ALTER COLUMN next_attempt_at SET NOT NULL;
ALTER TABLE payment ADD COLUMN window_start TIMESTAMPTZ NOT NULL DEFAULT now();
ALTER TABLE payment ADD COLUMN parked_at TIMESTAMPTZ;
ALTER TABLE payment DROP COLUMN lease_until;
-- the worker's error text may be as long as the platform keeps (2,000 characters)
ALTER TABLE payment ALTER COLUMN last_error TYPE VARCHAR(2000);
UPDATE payment SET parked_at = now() WHERE status = 'HELD' AND hold_reason = 'TREASURY_NO_ANSWER';
CREATE INDEX payment_parked ON payment (parked_at) WHERE parked_at IS NOT NULL;
