-- District block grants (拨改转), the one kind of reservation finance makes over REST: proposed
-- by one finance officer and approved by another (four-eyes), each step recorded. The approval
-- makes the reservation (same id) through the ledger with its approvers in its detail.
CREATE TABLE block_grant (
    id            UUID          PRIMARY KEY,
    programme     VARCHAR(44)   NOT NULL,
    department    VARCHAR(32)   NOT NULL,
    district      VARCHAR(32)   NOT NULL,
    fiscal_year   INTEGER       NOT NULL,
    amount        NUMERIC(15,2) NOT NULL CHECK (amount > 0),
    instalments   TEXT          NOT NULL,           -- JSON [{fiscalYear, amount}]
    reason        TEXT          NOT NULL,
    status        VARCHAR(16)   NOT NULL,           -- PROPOSED, APPROVED, REFUSED, REJECTED
    fingerprint   VARCHAR(64)   NOT NULL,           -- of the proposal: the same id with another body is 409
    proposed_by   VARCHAR(200)  NOT NULL,
    proposed_at   TIMESTAMPTZ   NOT NULL,
    decided_by    VARCHAR(200),
    decided_at    TIMESTAMPTZ,
    decision_note TEXT,
    CHECK (decided_by IS NULL OR decided_by <> proposed_by OR status = 'REJECTED')
);
CREATE INDEX block_grant_status ON block_grant (status, proposed_at);
