package io.grantflow.disbursement.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A payment plan of one reservation (table {@code payment_plan}); its instalments are {@link PlanInstalmentEntity}. */
@Entity
@Table(name = "payment_plan")
public class PaymentPlanEntity extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "reservation_id")
    public UUID reservationId;

    @Column(name = "application_id")
    public UUID applicationId;

    public String programme;
    public String department;

    @Column(name = "beneficiary_id")
    public String beneficiaryId;

    @Column(name = "beneficiary_kind")
    public String beneficiaryKind;

    public String origin;

    @Column(name = "proposed_by")
    public String proposedBy;

    @Column(name = "approved_by")
    public String approvedBy;

    @Column(name = "award_amount", precision = 15, scale = 2)
    public BigDecimal awardAmount;

    @Column(name = "award_year")
    public int awardYear;

    @Column(name = "correlation_id")
    public String correlationId;

    @Column(name = "causation_id")
    public String causationId;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;
}
