package io.grantflow.applications.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Row of table {@code payment_clearance_wait}: a clearance request kept until the applicant's
 * profile has a bank account (ADR 0027), with the message context it came in.
 */
@Entity
@Table(name = "payment_clearance_wait")
public class PaymentClearanceWaitEntity extends PanacheEntityBase {
    @Id
    @Column(name = "payment_id")
    public UUID paymentId;

    @Column(name = "application_id")
    public UUID applicationId;

    @Column(name = "applicant_id")
    public String applicantId;

    @Column(name = "reservation_id")
    public UUID reservationId;

    @Column(name = "fiscal_year")
    public int fiscalYear;

    public BigDecimal amount;

    @Column(name = "requested_at")
    public OffsetDateTime requestedAt;

    @Column(name = "correlation_id")
    public String correlationId;

    @Column(name = "causation_id")
    public String causationId;

    @Column(name = "waiting_since")
    public OffsetDateTime waitingSince;

    /** When the account arrived and the request was answered; null while it waits. */
    @Column(name = "answered_at")
    public OffsetDateTime answeredAt;
}
