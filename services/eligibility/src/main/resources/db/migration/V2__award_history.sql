-- The facts of each evaluated application, so that its award can later be matched by subject
-- (project_ref, platform_ref, honour level …) when the same applicant applies again.
ALTER TABLE evaluation ADD COLUMN facts TEXT;

-- Awards the engine must know of when it evaluates: this policy's awards, recorded as the
-- applications service reports approvals (and voided when the budget refuses them), and awards of
-- other city-level policies declared by an operator (G3, no double dipping).
CREATE TABLE award (
    id            BIGSERIAL     PRIMARY KEY,
    applicant_id  VARCHAR(64)   NOT NULL,
    programme     VARCHAR(100)  NOT NULL,
    policy        VARCHAR(100)  NOT NULL DEFAULT 'this',
    as_of         DATE          NOT NULL,
    amount        NUMERIC(15,2) NOT NULL CHECK (amount >= 0),
    facts         TEXT          NOT NULL,
    source        VARCHAR(32)   NOT NULL,            -- APPLICATION, DECLARED
    source_id     VARCHAR(100)  NOT NULL UNIQUE,     -- application id, or the declaring record's id
    voided        BOOLEAN       NOT NULL DEFAULT FALSE,
    recorded_at   TIMESTAMPTZ   NOT NULL
);
CREATE INDEX award_applicant ON award (applicant_id) WHERE NOT voided;
