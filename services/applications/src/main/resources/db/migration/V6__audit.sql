-- The audit trail (ADR 0017, services/applications/README.md "Audit trail"): one row per action,
-- hash-chained by the service (domain/audit/AuditChain), appended in the transaction of the change
-- it records. V5 is reserved for another change.
CREATE TABLE audit_entry (
    seq            bigint      PRIMARY KEY CHECK (seq > 0),
    at             timestamptz NOT NULL,
    actor_id       text        NOT NULL,
    actor_role     text        NOT NULL,
    action         text        NOT NULL,
    subject        text,
    before_state   text,
    after_state    text,
    correlation_id text,
    previous_hash  char(64)    NOT NULL,
    hash           char(64)    NOT NULL
);

-- GET /audit?subject=: one application's entries in order
CREATE INDEX audit_entry_subject ON audit_entry (subject, seq);

-- The chain's head, one row, updated in the same transaction as each append: appends serialize on
-- it (SELECT ... FOR UPDATE), so the chain never forks, and verification compares the chain's end
-- with it, so that a cut-off tail is seen.
CREATE TABLE audit_head (
    id         smallint    PRIMARY KEY CHECK (id = 1),
    seq        bigint      NOT NULL CHECK (seq >= 0),
    hash       char(64)    NOT NULL,
    updated_at timestamptz NOT NULL
);
INSERT INTO audit_head (id, seq, hash, updated_at) VALUES (1, 0, repeat('0', 64), now());

-- Append-only against mistakes: the service never updates or deletes an entry, and neither may a
-- statement run by hand. This does not stop the tables' owner or a superuser, who can disable the
-- trigger; what they change the chain and the head show (README).
CREATE FUNCTION audit_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_entry is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_entry_append_only
    BEFORE UPDATE OR DELETE ON audit_entry
    FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only();
CREATE TRIGGER audit_entry_no_truncate
    BEFORE TRUNCATE ON audit_entry
    FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_append_only();
