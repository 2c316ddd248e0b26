package io.grantflow.disbursement.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/** Money of a recovery order withheld from a payment or repaid (table {@code recovery_entry}). */
@Entity
@Table(name = "recovery_entry")
public class RecoveryEntryEntity extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "order_id")
    public UUID orderId;

    public String kind;
    public String state;

    @Column(precision = 15, scale = 2)
    public BigDecimal amount;

    @Column(name = "payment_id")
    public UUID paymentId;

    @Column(name = "statement_id")
    public UUID statementId;

    @Column(name = "statement_line")
    public Integer statementLine;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "recorded_at")
    public OffsetDateTime recordedAt;
}
