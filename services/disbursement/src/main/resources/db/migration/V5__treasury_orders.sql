-- Payment orders with an idempotency key per instalment, attempts that survive a restart, and
-- the treasury's confirmation. A call that got no answer leaves sent_at set: the next attempt
-- asks the treasury for the order's status before it sends it again.
ALTER TABLE payment ADD COLUMN order_key UUID;
UPDATE payment SET order_key = id;  -- orders sent before this were keyed by the payment id
ALTER TABLE payment ALTER COLUMN order_key SET NOT NULL;
ALTER TABLE payment ADD CONSTRAINT payment_order_key UNIQUE (order_key);
ALTER TABLE payment ADD COLUMN attempts INT NOT NULL DEFAULT 0;
ALTER TABLE payment ADD COLUMN next_attempt_at TIMESTAMPTZ;
ALTER TABLE payment ADD COLUMN sent_at TIMESTAMPTZ;
ALTER TABLE payment ADD COLUMN lease_until TIMESTAMPTZ;
ALTER TABLE payment ADD COLUMN confirmed_amount NUMERIC(15,2);
ALTER TABLE payment ADD COLUMN last_error VARCHAR(500);
DROP INDEX payment_once_per_instalment;
CREATE UNIQUE INDEX payment_once_per_instalment ON payment (application_id, fiscal_year)
    WHERE status IN ('AWAITING_APPROVAL', 'AWAITING_CLEARANCE', 'INSTRUCTED', 'SENT', 'PAID');
DROP INDEX payment_due;
CREATE INDEX payment_open ON payment (next_attempt_at) WHERE status IN ('INSTRUCTED', 'SENT');

-- The simulator's book, keyed by order: an order submitted again finds its first execution.
ALTER TABLE simulated_treasury_payment ADD COLUMN order_key UUID;
UPDATE simulated_treasury_payment SET order_key = payment_id;
ALTER TABLE simulated_treasury_payment ALTER COLUMN order_key SET NOT NULL;
ALTER TABLE simulated_treasury_payment ADD CONSTRAINT simulated_treasury_order UNIQUE (order_key);
ALTER TABLE simulated_treasury_payment ADD COLUMN confirmed_amount NUMERIC(15,2);
UPDATE simulated_treasury_payment SET confirmed_amount = amount WHERE outcome = 'PAID';
ALTER TABLE simulated_treasury_payment ADD COLUMN status_queries INT NOT NULL DEFAULT 0;
