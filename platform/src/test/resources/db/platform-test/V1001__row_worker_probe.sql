-- A table with the row worker's columns, for RowWorkerIT.
CREATE TABLE row_worker_probe (
    id              UUID         PRIMARY KEY,
    status          VARCHAR(16)  NOT NULL,
    attempts        INTEGER      NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    window_start    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    last_error      TEXT,
    parked_at       TIMESTAMPTZ,
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    done_at         TIMESTAMPTZ
);
