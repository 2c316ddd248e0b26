package io.grantflow.disbursement.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.hibernate.annotations.Immutable;

/** An instalment with what became of its payment (view {@code payment_plan_instalment_view}); read only. */
@Entity
@Immutable
@Table(name = "payment_plan_instalment_view")
public class PlanInstalmentView extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "plan_id")
    public UUID planId;

    public int seq;

    @Column(name = "fiscal_year")
    public int fiscalYear;

    @Column(precision = 15, scale = 2)
    public BigDecimal amount;

    @Column(name = "due_date")
    public LocalDate dueDate;

    public String condition;
    public String state;

    @Column(name = "wait_reason")
    public String waitReason;

    @Column(name = "waiting_since")
    public OffsetDateTime waitingSince;

    @Column(name = "payment_id")
    public UUID paymentId;

    @Column(name = "ordered_at")
    public OffsetDateTime orderedAt;

    public String evidence;

    @Column(name = "evidence_ref")
    public String evidenceRef;

    @Column(name = "confirmed_by")
    public String confirmedBy;

    @Column(name = "confirmed_at")
    public OffsetDateTime confirmedAt;

    @Column(name = "payment_status")
    public String paymentStatus;

    @Column(name = "hold_reason")
    public String holdReason;

    @Column(name = "confirmed_amount", precision = 15, scale = 2)
    public BigDecimal confirmedAmount;

    @Column(name = "settled_at")
    public OffsetDateTime settledAt;

    /** SCHEDULED, WAITING, IN_PAYMENT, PAID, HELD, CANCELLED or FAILED. */
    public String status;
}
