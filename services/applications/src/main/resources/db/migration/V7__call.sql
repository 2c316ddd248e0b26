-- Calls for applications (申报批次) of the ON_MERIT programmes: the window, the optional budget the
-- ranked list is cut at, and the scoring criteria (JSON array of {code, nameZh, nameEn, weight}).
CREATE TABLE call (
    id          UUID          PRIMARY KEY,
    programme   VARCHAR(64)   NOT NULL,
    department  VARCHAR(64)   NOT NULL,
    title_zh    VARCHAR(200)  NOT NULL,
    title_en    VARCHAR(200)  NOT NULL,
    opens_at    TIMESTAMPTZ   NOT NULL,
    closes_at   TIMESTAMPTZ   NOT NULL,
    budget      NUMERIC(15,2),
    criteria    TEXT          NOT NULL,
    status      VARCHAR(16)   NOT NULL,
    opened_by   VARCHAR(200)  NOT NULL,
    created_at  TIMESTAMPTZ   NOT NULL,
    updated_at  TIMESTAMPTZ   NOT NULL,
    version     BIGINT        NOT NULL DEFAULT 0
);
CREATE INDEX call_programme_status ON call (programme, status);

-- An application of an ON_MERIT programme belongs to the call it was submitted in.
ALTER TABLE application ADD COLUMN call_id UUID REFERENCES call (id);
CREATE INDEX application_call ON application (call_id) WHERE call_id IS NOT NULL;

-- A reviewer's scores of one application (JSON object criterion → score) and their weighted total;
-- scored again, the row is replaced (the audit trail keeps each scoring).
CREATE TABLE call_score (
    application_id  UUID          PRIMARY KEY REFERENCES application (id),
    call_id         UUID          NOT NULL REFERENCES call (id),
    scores          TEXT          NOT NULL,
    total           NUMERIC(7,2)  NOT NULL,
    scored_by       VARCHAR(200)  NOT NULL,
    scored_at       TIMESTAMPTZ   NOT NULL
);
