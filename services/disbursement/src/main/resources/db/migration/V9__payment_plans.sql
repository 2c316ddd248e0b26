-- Payment plans (ADR 0024): every reservation of an approved award is paid by a plan of one
-- instalment (one-off) or one per fiscal year (staged), exactly as the budget holds them. An
-- instalment becomes a payment, through the same procedure as the first (traceability, the
-- application's clearance, the payment worker), once its condition is met; one the budget no
-- longer holds waits with its reason and is never dropped.
CREATE TABLE payment_plan (
    id               UUID          PRIMARY KEY,
    reservation_id   UUID          NOT NULL UNIQUE,
    application_id   UUID          NOT NULL,
    programme        VARCHAR(64)   NOT NULL,
    department       VARCHAR(32),
    beneficiary_id   VARCHAR(64)   NOT NULL,
    beneficiary_kind VARCHAR(32)   NOT NULL,
    origin           VARCHAR(16)   NOT NULL,
    proposed_by      VARCHAR(200),             -- a block grant's two finance officers, checked again for each payment
    approved_by      VARCHAR(200),
    award_amount     NUMERIC(15,2) NOT NULL CHECK (award_amount > 0),
    award_year       INT           NOT NULL,
    correlation_id   VARCHAR(100)  NOT NULL,  -- of the reservation, carried on to every instalment's payment
    causation_id     VARCHAR(100)  NOT NULL,
    created_at       TIMESTAMPTZ   NOT NULL
);
CREATE INDEX payment_plan_application ON payment_plan (application_id);
CREATE INDEX payment_plan_created ON payment_plan (created_at DESC, id);

-- state: SCHEDULED (its condition not met yet), ORDERED (its payment exists: payment_id; what
-- became of it is the payment's status), WAITING (the budget no longer holds it, or its
-- application was withdrawn: wait_reason; never paid by itself).
CREATE TABLE payment_plan_instalment (
    id                 UUID          PRIMARY KEY,
    plan_id            UUID          NOT NULL REFERENCES payment_plan (id),
    seq                INT           NOT NULL CHECK (seq >= 1),
    fiscal_year        INT           NOT NULL,
    amount             NUMERIC(15,2) NOT NULL CHECK (amount > 0),
    due_date           DATE          NOT NULL,
    condition          VARCHAR(24)   NOT NULL CHECK (condition IN ('NONE', 'FISCAL_YEAR_START', 'MILESTONE')),
    state              VARCHAR(16)   NOT NULL CHECK (state IN ('SCHEDULED', 'ORDERED', 'WAITING')),
    wait_reason        VARCHAR(32),
    waiting_since      TIMESTAMPTZ,
    payment_id         UUID          UNIQUE,
    ordered_at         TIMESTAMPTZ,
    evidence           VARCHAR(2000),
    evidence_ref       VARCHAR(200),
    confirmed_by       VARCHAR(200),
    confirmed_at       TIMESTAMPTZ,
    UNIQUE (plan_id, seq),
    UNIQUE (plan_id, fiscal_year),
    CHECK ((state = 'ORDERED') = (payment_id IS NOT NULL)),
    CHECK ((state = 'WAITING') = (wait_reason IS NOT NULL))
);
-- the plan job's look-up: scheduled instalments whose day has come
CREATE INDEX payment_plan_instalment_due ON payment_plan_instalment (due_date) WHERE state = 'SCHEDULED';

-- A reservation is now paid by as many payments as it has instalments: one per fiscal year.
ALTER TABLE payment DROP CONSTRAINT payment_reservation_id_key;
CREATE UNIQUE INDEX payment_reservation_year ON payment (reservation_id, fiscal_year);

-- What an instalment is now, as finance reads it: its own state, or its payment's.
CREATE VIEW payment_plan_instalment_view AS
SELECT i.id, i.plan_id, i.seq, i.fiscal_year, i.amount, i.due_date, i.condition, i.state, i.wait_reason,
       i.waiting_since, i.payment_id, i.ordered_at, i.evidence, i.evidence_ref, i.confirmed_by, i.confirmed_at,
       p.status AS payment_status, p.hold_reason, p.confirmed_amount, p.settled_at,
       CASE
           WHEN i.state = 'WAITING' THEN 'WAITING'
           WHEN i.state = 'SCHEDULED' THEN 'SCHEDULED'
           WHEN p.status = 'PAID' THEN 'PAID'
           WHEN p.status IN ('HELD', 'CANCELLED', 'FAILED') THEN p.status
           ELSE 'IN_PAYMENT'
       END AS status
FROM payment_plan_instalment i
LEFT JOIN payment p ON p.id = i.payment_id;

-- A plan's status: COMPLETED when every instalment is paid; WAITING when one waits or its payment
-- is held (finance must look); CLOSED when nothing more will be paid; else ACTIVE.
CREATE VIEW payment_plan_view AS
SELECT pl.id, pl.reservation_id, pl.application_id, pl.programme, pl.department, pl.beneficiary_id, pl.origin,
       pl.award_amount, pl.award_year, pl.created_at,
       COALESCE(SUM(CASE WHEN v.status = 'PAID' THEN COALESCE(v.confirmed_amount, v.amount) END), 0) AS paid_amount,
       CASE
           WHEN bool_and(v.status = 'PAID') THEN 'COMPLETED'
           WHEN bool_or(v.status IN ('WAITING', 'HELD')) THEN 'WAITING'
           WHEN bool_and(v.status IN ('PAID', 'CANCELLED', 'FAILED')) THEN 'CLOSED'
           ELSE 'ACTIVE'
       END AS status
FROM payment_plan pl
JOIN payment_plan_instalment_view v ON v.plan_id = pl.id
GROUP BY pl.id;
