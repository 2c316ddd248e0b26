package io.grantflow.disbursement.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A recovery order (追回) of money paid on one application (table {@code recovery_order}, ADR 0029). */
@Entity
@Table(name = "recovery_order")
public class RecoveryOrderEntity extends PanacheEntityBase {
    @Id
    public UUID id;

    public String reference;

    @Column(name = "application_id")
    public UUID applicationId;

    @Column(name = "reservation_id")
    public UUID reservationId;

    @Column(name = "applicant_id")
    public String applicantId;

    public String programme;
    public String department;

    @Column(precision = 15, scale = 2)
    public BigDecimal amount;

    /** Recovered for good: offsets the treasury confirmed and repayments. */
    @Column(precision = 15, scale = 2)
    public BigDecimal recovered;

    /** Withheld from payments sent and not confirmed yet. */
    @Column(precision = 15, scale = 2)
    public BigDecimal withheld;

    public String basis;

    @Column(name = "reasons_zh")
    public String reasonsZh;

    @Column(name = "reasons_en")
    public String reasonsEn;

    public String status;

    @Column(name = "ordered_by")
    public String orderedBy;

    @Column(name = "ordered_at")
    public OffsetDateTime orderedAt;

    @Column(name = "settled_at")
    public OffsetDateTime settledAt;

    @Column(name = "idempotency_key")
    public String idempotencyKey;

    public String fingerprint;
}
