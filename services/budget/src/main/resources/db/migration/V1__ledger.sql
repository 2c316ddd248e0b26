-- A ledger in the TigerBeetle model: every limit is an account; a reservation is a pending
-- transfer resolved once (posted or voided); entries are append-only. The running columns on
-- account are a cache of the entries, updated in the same transaction, checked by tests.
CREATE TABLE account (
    id            VARCHAR(200)  PRIMARY KEY,            -- e.g. FY2026/TOTAL
    kind          VARCHAR(32)   NOT NULL,               -- FISCAL_YEAR_TOTAL, ...
    fiscal_year   INTEGER       NOT NULL,
    limit_amount  NUMERIC(15,2) NOT NULL CHECK (limit_amount >= 0),
    pending       NUMERIC(15,2) NOT NULL DEFAULT 0 CHECK (pending >= 0),
    posted        NUMERIC(15,2) NOT NULL DEFAULT 0 CHECK (posted >= 0),
    updated_at    TIMESTAMPTZ   NOT NULL,
    -- The invariant the whole service exists for: never over the limit.
    CONSTRAINT account_within_limit CHECK (pending + posted <= limit_amount)
);

CREATE TABLE transfer (
    id              UUID          PRIMARY KEY,          -- the reservation id: idempotency key
    account_id      VARCHAR(200)  NOT NULL,
    application_id  UUID          NOT NULL,
    programme       VARCHAR(64)   NOT NULL,
    beneficiary_id  VARCHAR(64)   NOT NULL,
    amount          NUMERIC(15,2) NOT NULL CHECK (amount > 0),
    status          VARCHAR(16)   NOT NULL,             -- PENDING, POSTED, VOIDED, REFUSED
    refusal_code    VARCHAR(32),
    created_at      TIMESTAMPTZ   NOT NULL,
    resolved_at     TIMESTAMPTZ
);
CREATE INDEX transfer_application ON transfer (application_id);

CREATE TABLE ledger_entry (
    id           BIGSERIAL     PRIMARY KEY,
    transfer_id  UUID          NOT NULL REFERENCES transfer (id),
    account_id   VARCHAR(200)  NOT NULL REFERENCES account (id),
    kind         VARCHAR(16)   NOT NULL,                -- RESERVE, POST, VOID
    amount       NUMERIC(15,2) NOT NULL CHECK (amount > 0),
    at           TIMESTAMPTZ   NOT NULL
);
CREATE INDEX ledger_entry_account ON ledger_entry (account_id, id);

-- Entries are never changed or removed: corrections are new entries.
CREATE FUNCTION ledger_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'ledger entries are append-only';
END $$;
CREATE TRIGGER ledger_entry_no_update BEFORE UPDATE OR DELETE ON ledger_entry
    FOR EACH ROW EXECUTE FUNCTION ledger_entry_append_only();

-- Limit changes are audited like entries.
CREATE TABLE account_limit_change (
    id          BIGSERIAL     PRIMARY KEY,
    account_id  VARCHAR(200)  NOT NULL REFERENCES account (id),
    old_limit   NUMERIC(15,2),
    new_limit   NUMERIC(15,2) NOT NULL,
    changed_by  VARCHAR(200)  NOT NULL,
    at          TIMESTAMPTZ   NOT NULL
);
