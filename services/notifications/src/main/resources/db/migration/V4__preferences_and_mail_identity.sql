-- Preferences per recipient and event type (ADR 0028). V3 made the tables; their event types are
-- now the finer ones of NoticePreferences (application.status_changed:<template key>), which need
-- more room. A row is kept only where the recipient switched e-mail off.
ALTER TABLE notice_preference_event ALTER COLUMN event_type TYPE VARCHAR(100);
ALTER TABLE notice_preference_event
    ADD CONSTRAINT notice_preference_event_inbox CHECK (inbox AND sse);  -- the inbox (and its stream) is always on

-- Exactly one e-mail per notice even across a crash between the SMTP send and its record (ADR 0028):
-- the Message-ID is derived from (event, recipient, channel) and fixed with the row, and the sender
-- notes "about to send" (send_started_at) before it sends; a row claimed again with that mark is
-- first looked for in the mailbox.
ALTER TABLE outgoing_mail
    ADD COLUMN message_id      VARCHAR(255),
    ADD COLUMN send_started_at TIMESTAMPTZ;
-- rows written before: an id of their own, stable from now on
UPDATE outgoing_mail SET message_id = '<' || notice_id || '.email@notifications.grantflow>' WHERE message_id IS NULL;
ALTER TABLE outgoing_mail ALTER COLUMN message_id SET NOT NULL;
ALTER TABLE outgoing_mail ADD CONSTRAINT outgoing_mail_message_id UNIQUE (message_id);
