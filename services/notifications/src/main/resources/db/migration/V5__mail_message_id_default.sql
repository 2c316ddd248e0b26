-- A writer that does not set the Message-ID (code from before V4, running against a database
-- already migrated, as the shared test database is) still queues mail: it gets an id of its own,
-- random rather than derived, so such a mail is not recognised across a crash (ADR 0028).
ALTER TABLE outgoing_mail
    ALTER COLUMN message_id SET DEFAULT ('<' || gen_random_uuid() || '.email@notifications.grantflow>');
