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

/** One instalment of a payment plan (table {@code payment_plan_instalment}). */
@Entity
@Table(name = "payment_plan_instalment")
public class PlanInstalmentEntity extends PanacheEntityBase {
    public static final String SCHEDULED = "SCHEDULED";
    public static final String ORDERED = "ORDERED";
    public static final String WAITING = "WAITING";

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
    /** SCHEDULED, ORDERED (its payment is {@link #paymentId}) or WAITING (with {@link #waitReason}). */
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
}
