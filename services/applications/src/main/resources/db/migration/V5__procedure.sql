-- The policy's procedure (ADR 0017). The procedure itself is stored whole, as the JSON of its
-- snapshot (domain Procedure.Snapshot); the columns beside it are copies kept for queries: the
-- state (status), the claimant, the review's last day and the announcement's end. version stays
-- the row's optimistic lock and is the procedure's own version from here on.
ALTER TABLE application ADD COLUMN procedure TEXT;
ALTER TABLE application ADD COLUMN claimed_by VARCHAR(200);
ALTER TABLE application ADD COLUMN review_due DATE;
ALTER TABLE application ADD COLUMN announcement_closes_at TIMESTAMPTZ;
ALTER TABLE application ADD COLUMN created_at TIMESTAMPTZ;
UPDATE application SET created_at = submitted_at;
ALTER TABLE application ALTER COLUMN created_at SET NOT NULL;
-- a draft has not been submitted yet
ALTER TABLE application ALTER COLUMN submitted_at DROP NOT NULL;
ALTER TABLE application ALTER COLUMN status TYPE VARCHAR(40);
ALTER TABLE application_history ALTER COLUMN from_status TYPE VARCHAR(40);
ALTER TABLE application_history ALTER COLUMN to_status TYPE VARCHAR(40);
ALTER TABLE application_history ADD COLUMN command VARCHAR(40);

-- Rows of the first flow read as the procedure's states (their snapshot is made from the columns
-- when they are next loaded): a reservation's answer was a state of its own there.
UPDATE application SET status = 'APPROVED' WHERE status IN ('FUNDS_RESERVED', 'PAYMENT_FAILED');
UPDATE application SET status = 'UNDER_REVIEW', claimed_by = reviewed_by WHERE status = 'BUDGET_REFUSED';

-- What the deadline job looks for: announcements whose period is over, reviews past their day.
CREATE INDEX application_announcement_due ON application (announcement_closes_at)
    WHERE status = 'IN_ANNOUNCEMENT';
CREATE INDEX application_review_due ON application (department, review_due)
    WHERE review_due IS NOT NULL;

-- Idempotency-Key: a state-changing POST sent again with the same key by the same caller is
-- answered with the first answer, never applied twice. The key is stored in the transaction of the
-- change it made, so that a change and its key are never one without the other.
CREATE TABLE idempotency_key (
    caller          VARCHAR(200)  NOT NULL,
    key             VARCHAR(100)  NOT NULL,
    operation       VARCHAR(100)  NOT NULL,
    request_sha256  CHAR(64)      NOT NULL,
    response_status INTEGER       NOT NULL,
    response_body   TEXT          NOT NULL,
    created_at      TIMESTAMPTZ   NOT NULL,
    PRIMARY KEY (caller, key)
);
CREATE INDEX idempotency_key_created ON idempotency_key (created_at);
