-- Notices for every recipient (ADR 0025): the enterprise, a reviewing department, finance, the
-- city approver. One notice per event and recipient (the inbox channel), one e-mail per notice.
ALTER TABLE notice
    ADD COLUMN recipient_kind VARCHAR(16)  NOT NULL DEFAULT 'ENTERPRISE',  -- ENTERPRISE, DEPARTMENT, FINANCE, CITY
    ADD COLUMN event_type     VARCHAR(64)  NOT NULL DEFAULT 'application.status_changed',
    ADD COLUMN template       VARCHAR(120),                                -- templates/notices/<template>.<lang>.txt
    ADD COLUMN in_inbox       BOOLEAN      NOT NULL DEFAULT true,          -- the recipient's preferences: listed
    ADD COLUMN live           BOOLEAN      NOT NULL DEFAULT true,          -- ... and sent on the live stream
    -- the live stream's order: given after commit, in commit order (NoticeStream), so that a
    -- client resuming after a notice never misses one committed before a later one it saw
    ADD COLUMN stream_seq     BIGINT;
ALTER TABLE notice ALTER COLUMN recipient_kind DROP DEFAULT, ALTER COLUMN event_type DROP DEFAULT;
-- a payment of a block grant names no application; finance's notices have no status
ALTER TABLE notice ALTER COLUMN application_id DROP NOT NULL, ALTER COLUMN status DROP NOT NULL;
ALTER TABLE notice DROP CONSTRAINT notice_source_event_id_key;
ALTER TABLE notice ADD CONSTRAINT notice_once UNIQUE (source_event_id, recipient_kind, recipient_id);
DROP INDEX notice_recipient;
CREATE INDEX notice_inbox ON notice (recipient_kind, recipient_id, created_at DESC, id) WHERE in_inbox;
CREATE INDEX notice_unread ON notice (recipient_kind, recipient_id) WHERE in_inbox AND read_at IS NULL;

CREATE SEQUENCE notice_stream_seq;
WITH ordered AS (SELECT id, row_number() OVER (ORDER BY created_at, id) AS n FROM notice)
UPDATE notice SET stream_seq = ordered.n FROM ordered WHERE notice.id = ordered.id;
SELECT setval('notice_stream_seq', COALESCE((SELECT max(stream_seq) FROM notice), 0) + 1, false);
CREATE UNIQUE INDEX notice_stream ON notice (stream_seq);
CREATE INDEX notice_stream_recipient ON notice (recipient_kind, recipient_id, stream_seq) WHERE live;
CREATE INDEX notice_unsequenced ON notice (created_at) WHERE stream_seq IS NULL;

ALTER TABLE outgoing_mail ADD CONSTRAINT outgoing_mail_once UNIQUE (notice_id);

-- Where a recipient's mail goes and which events it hears by which channel (ADR 0025). No row:
-- every event by every channel (an enterprise's mail to the address its application names).
CREATE TABLE notice_preference (
    recipient_kind VARCHAR(16)  NOT NULL,
    recipient_id   VARCHAR(64)  NOT NULL,
    email          VARCHAR(320),               -- for departments, finance, the city; an enterprise's overrides its applications'
    updated_at     TIMESTAMPTZ  NOT NULL,
    updated_by     VARCHAR(255) NOT NULL,
    PRIMARY KEY (recipient_kind, recipient_id)
);
CREATE TABLE notice_preference_event (
    recipient_kind VARCHAR(16)  NOT NULL,
    recipient_id   VARCHAR(64)  NOT NULL,
    event_type     VARCHAR(64)  NOT NULL,
    inbox          BOOLEAN      NOT NULL,
    email          BOOLEAN      NOT NULL,
    sse            BOOLEAN      NOT NULL,
    PRIMARY KEY (recipient_kind, recipient_id, event_type),
    FOREIGN KEY (recipient_kind, recipient_id) REFERENCES notice_preference (recipient_kind, recipient_id) ON DELETE CASCADE
);
