-- One file per applicant (一企一档), keyed by its unified social credit code: what kind of
-- beneficiary it is, its district, name, contacts (a JSON array of at most 5) and the bank
-- account awards are paid to. The account is only kept here: disbursement verifies it.
-- version guards against two people changing the same profile at once (If-Match / ETag).
CREATE TABLE applicant_profile (
    credit_code          CHAR(18)      PRIMARY KEY,
    beneficiary_kind     VARCHAR(32)   NOT NULL,
    district             VARCHAR(32)   NOT NULL,
    name                 VARCHAR(200)  NOT NULL,
    contacts             TEXT          NOT NULL,
    bank_name            VARCHAR(200),
    bank_account_name    VARCHAR(200),
    bank_account_number  VARCHAR(34),
    created_by           VARCHAR(200)  NOT NULL,
    created_at           TIMESTAMPTZ   NOT NULL,
    updated_by           VARCHAR(200)  NOT NULL,
    updated_at           TIMESTAMPTZ   NOT NULL,
    version              BIGINT        NOT NULL DEFAULT 0,
    -- an account is all three parts or none
    CONSTRAINT applicant_profile_bank_account CHECK (
        (bank_name IS NULL) = (bank_account_name IS NULL) AND (bank_name IS NULL) = (bank_account_number IS NULL))
);
CREATE INDEX applicant_profile_district ON applicant_profile (district, credit_code);
