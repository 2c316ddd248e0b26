-- Every limit of the policy is an account (ADR 0012): budget accounts per fiscal year (total,
-- allocations, district blocks) and award accounts (G4 ceilings per beneficiary, programme caps,
-- subject caps, exclusivity groups). A lifetime cap has no fiscal year; a later fiscal year that
-- finance has not budgeted yet has no limit, and its total, once set, must cover what staged
-- awards already committed against it.
ALTER TABLE account ALTER COLUMN fiscal_year DROP NOT NULL;
ALTER TABLE account ALTER COLUMN limit_amount DROP NOT NULL;
ALTER TABLE account DROP CONSTRAINT account_within_limit;
ALTER TABLE account ADD CONSTRAINT account_within_limit
    CHECK (limit_amount IS NULL OR pending + posted <= limit_amount);
-- FEN: amounts in yuan with two decimals; COUNT: a number of awards (stored as n.00).
ALTER TABLE account ADD COLUMN unit VARCHAR(8) NOT NULL DEFAULT 'FEN';
CREATE INDEX account_fiscal_year ON account (fiscal_year, kind);

-- A transfer is a reservation (an award over every account it touches, one instalment per
-- fiscal year) or a reversal (a clawback of a posted reservation, parent_id).
ALTER TABLE transfer ALTER COLUMN account_id DROP NOT NULL;
ALTER TABLE transfer ADD COLUMN kind VARCHAR(16) NOT NULL DEFAULT 'RESERVATION';
ALTER TABLE transfer ADD COLUMN parent_id UUID REFERENCES transfer (id);
ALTER TABLE transfer ADD COLUMN department VARCHAR(64);
ALTER TABLE transfer ADD COLUMN beneficiary_kind VARCHAR(32) NOT NULL DEFAULT 'enterprise';
ALTER TABLE transfer ADD COLUMN fiscal_year INTEGER;
-- SHA-256 of the request body: the same id with another body is refused (409).
ALTER TABLE transfer ADD COLUMN fingerprint VARCHAR(64);
ALTER TABLE transfer ADD COLUMN expires_at TIMESTAMPTZ;
ALTER TABLE transfer ADD COLUMN posted_amount NUMERIC(15,2) NOT NULL DEFAULT 0;
ALTER TABLE transfer ADD COLUMN reversed_amount NUMERIC(15,2) NOT NULL DEFAULT 0;
ALTER TABLE transfer ADD COLUMN reason TEXT;
ALTER TABLE transfer ADD COLUMN refusal_account VARCHAR(200);
ALTER TABLE transfer ADD COLUMN refusal_headroom NUMERIC(15,2);
ALTER TABLE transfer ADD COLUMN refusal_requested NUMERIC(15,2);
ALTER TABLE transfer ADD COLUMN refusal_unit VARCHAR(8);
-- Legs and instalments of a reservation (JSON): which account holds what, and each
-- instalment's resolution. Balances never come from here: they are the entries'.
ALTER TABLE transfer ADD COLUMN detail JSONB;
-- Rows of the first schema: their year is their account's, a pending one expires like a new one
-- (180 days, grantflow.budget.reservation-ttl), a posted one spent its whole amount. (They
-- were reserved on the fiscal year's total only: the G4 accounts start from the awards after
-- this migration.)
UPDATE transfer SET fiscal_year = substring(account_id FROM '^FY([0-9]{4})/')::int WHERE fiscal_year IS NULL;
UPDATE transfer SET expires_at = created_at + interval '180 days' WHERE expires_at IS NULL AND status = 'PENDING';
UPDATE transfer SET posted_amount = amount WHERE status = 'POSTED';
-- Nothing looks transfers up by application (events carry the reservation id); every index
-- is paid for on the hot path.
DROP INDEX IF EXISTS transfer_application;
CREATE INDEX transfer_pending_expiry ON transfer (expires_at) WHERE status = 'PENDING';
CREATE INDEX transfer_beneficiary ON transfer (beneficiary_id, fiscal_year);
-- The single writer is the only one that inserts entries, always with the transfer and the
-- account of the same transaction; the foreign-key checks cost two thirds of an entry's insert
-- on the hot path (measured, ADR 0012), so they go. The property tests check the references.
ALTER TABLE ledger_entry DROP CONSTRAINT IF EXISTS ledger_entry_transfer_id_fkey;
ALTER TABLE ledger_entry DROP CONSTRAINT IF EXISTS ledger_entry_account_id_fkey;
