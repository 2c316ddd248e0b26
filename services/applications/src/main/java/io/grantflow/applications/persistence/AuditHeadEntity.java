package io.grantflow.applications.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/**
 * The one row of {@code audit_head}: the newest entry's sequence and hash, updated with every
 * append in its transaction. Appends lock it ({@code SELECT ... FOR UPDATE}) and so run one at a
 * time across instances.
 */
@Entity
@Table(name = "audit_head")
public class AuditHeadEntity extends PanacheEntityBase {
    public static final short ID = 1;

    @Id
    public short id;

    public long seq;
    public String hash;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
}
