-- The credit commitment (信用承诺) an applicant accepted with its submission: the version of the
-- text (src/main/resources/commitment/credit-commitments.yaml) and the SHA-256 of that text as it
-- was served, so that what was agreed to can be shown later even if the text is revised.
CREATE TABLE application_commitment (
    application_id  UUID          PRIMARY KEY REFERENCES application (id),
    version         VARCHAR(32)   NOT NULL,
    text_sha256     CHAR(64)      NOT NULL,
    accepted_by     VARCHAR(200)  NOT NULL,
    accepted_at     TIMESTAMPTZ   NOT NULL
);
