package io.grantflow.disbursement.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.hibernate.annotations.Immutable;

/** A plan as finance reads it, with its status and what was paid (view {@code payment_plan_view}); read only. */
@Entity
@Immutable
@Table(name = "payment_plan_view")
public class PlanView extends PanacheEntityBase {
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

    public String origin;

    @Column(name = "award_amount", precision = 15, scale = 2)
    public BigDecimal awardAmount;

    @Column(name = "award_year")
    public int awardYear;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "paid_amount", precision = 15, scale = 2)
    public BigDecimal paidAmount;

    public String status;
}
