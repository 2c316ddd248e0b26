-- An application's attachments (ADR 0018): a row per file, with the document's type, its format
-- as its content showed it, its size and SHA-256; the bytes in attachment_chunk, 256 KiB a row,
-- so that a file is written and read a chunk at a time. The same bytes are kept once per
-- application (re-uploading them answers the attachment kept).
CREATE TABLE attachment (
    id              UUID          PRIMARY KEY,
    application_id  UUID          NOT NULL REFERENCES application (id),
    document_type   VARCHAR(32)   NOT NULL,
    file_name       VARCHAR(255)  NOT NULL,
    format          VARCHAR(16)   NOT NULL,
    size_bytes      BIGINT        NOT NULL CHECK (size_bytes > 0),
    sha256          CHAR(64)      NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    chunk_count     INTEGER       NOT NULL CHECK (chunk_count > 0),
    uploaded_by     VARCHAR(200)  NOT NULL,
    uploaded_at     TIMESTAMPTZ   NOT NULL,
    CONSTRAINT attachment_once_per_application UNIQUE (application_id, sha256)
);
CREATE INDEX attachment_application ON attachment (application_id, uploaded_at, id);

CREATE TABLE attachment_chunk (
    attachment_id  UUID     NOT NULL REFERENCES attachment (id) ON DELETE CASCADE,
    seq            INTEGER  NOT NULL CHECK (seq >= 0),
    bytes          BYTEA    NOT NULL,
    PRIMARY KEY (attachment_id, seq)
);
-- PDF, images and Office packages are compressed already: kept out of line without trying again
ALTER TABLE attachment_chunk ALTER COLUMN bytes SET STORAGE EXTERNAL;
