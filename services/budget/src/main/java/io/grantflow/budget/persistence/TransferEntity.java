package io.grantflow.budget.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A reservation and its resolution (table {@code transfer}). */
@Entity
@Table(name = "transfer")
public class TransferEntity extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "account_id")
    public String accountId;
    @Column(name = "application_id")
    public UUID applicationId;
    public String programme;
    @Column(name = "beneficiary_id")
    public String beneficiaryId;
    @Column(precision = 15, scale = 2)
    public BigDecimal amount;
    public String status;
    @Column(name = "refusal_code")
    public String refusalCode;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "resolved_at")
    public OffsetDateTime resolvedAt;
}
