package io.grantflow.applications.persistence;

import io.grantflow.applications.domain.audit.AuditEntry;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** One row of the append-only table {@code audit_entry}: an {@link AuditEntry} as stored. */
@Entity
@Table(name = "audit_entry")
public class AuditEntryEntity extends PanacheEntityBase {
    @Id
    public long seq;

    public OffsetDateTime at;

    @Column(name = "actor_id")
    public String actorId;

    @Column(name = "actor_role")
    public String actorRole;

    public String action;
    public String subject;

    @Column(name = "before_state")
    public String before;

    @Column(name = "after_state")
    public String after;

    @Column(name = "correlation_id")
    public String correlationId;

    @Column(name = "previous_hash")
    public String previousHash;

    public String hash;

    public static AuditEntryEntity of(AuditEntry entry) {
        AuditEntryEntity row = new AuditEntryEntity();
        row.seq = entry.sequence();
        row.at = OffsetDateTime.ofInstant(entry.at(), ZoneOffset.UTC);
        row.actorId = entry.actorId();
        row.actorRole = entry.actorRole();
        row.action = entry.action();
        row.subject = entry.subject();
        row.before = entry.before();
        row.after = entry.after();
        row.correlationId = entry.correlationId();
        row.previousHash = entry.previousHash();
        row.hash = entry.hash();
        return row;
    }
}
