package io.grantflow.disbursement.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** A payment instruction and its settlement (table {@code payment}). */
@Entity
@Table(name = "payment")
public class PaymentEntity extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "reservation_id")
    public UUID reservationId;

    @Column(name = "application_id")
    public UUID applicationId;

    @Column(name = "beneficiary_id")
    public String beneficiaryId;

    public String programme;

    @Column(precision = 15, scale = 2)
    public BigDecimal amount;

    public String status;

    @Column(name = "treasury_reference")
    public String treasuryReference;

    @Column(name = "failure_code")
    public String failureCode;

    @Column(name = "correlation_id")
    public String correlationId;

    @Column(name = "causation_id")
    public String causationId;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "settled_at")
    public OffsetDateTime settledAt;

    @Column(name = "fiscal_year")
    public Integer fiscalYear;

    public String department;

    @Column(name = "beneficiary_kind")
    public String beneficiaryKind;
    /** APPLICATION or BLOCK_GRANT: the approval the reservation traces back to. */
    public String origin;
    /** The two finance officers of a block grant; null for an application's reservation. */
    @Column(name = "proposed_by")
    public String proposedBy;

    @Column(name = "approved_by")
    public String approvedBy;
    /** The whole reservation, of which this payment is the first instalment. */
    @Column(name = "reserved_amount", precision = 15, scale = 2)
    public BigDecimal reservedAmount;

    @Column(name = "hold_reason")
    public String holdReason;

    /** The idempotency key of the order at the treasury, derived from the instalment. */
    @Column(name = "order_key")
    public UUID orderKey;

    /**
     * Attempts at the treasury, counted by the platform's row worker (ADR 0021), which alone
     * writes this column, next_attempt_at and last_error: never updated through the entity.
     */
    @Column(updatable = false)
    public int attempts;

    /** Due from then; a new payment is due at once (the worker only sends an instructed one). */
    @Column(name = "next_attempt_at", updatable = false)
    public OffsetDateTime nextAttemptAt = OffsetDateTime.now(ZoneOffset.UTC);

    /** When the order first left for the treasury: from then on an attempt asks its status first. */
    @Column(name = "sent_at")
    public OffsetDateTime sentAt;

    /** What the treasury confirmed it paid (may be less than ordered). */
    @Column(name = "confirmed_amount", precision = 15, scale = 2)
    public BigDecimal confirmedAmount;

    @Column(name = "last_error", updatable = false)
    public String lastError;

    /** The account the payment goes to: the payee's verified one when it was instructed (ADR 0027). */
    @Column(name = "payee_bank_name")
    public String payeeBankName;

    @Column(name = "payee_account_name")
    public String payeeAccountName;

    @Column(name = "payee_account_number")
    public String payeeAccountNumber;

    /** Of the amount, what settles the applicant's recovery orders (ADR 0029); the treasury is ordered the rest. */
    @Column(name = "offset_amount", precision = 15, scale = 2)
    public BigDecimal offsetAmount = BigDecimal.ZERO.setScale(2);

    /** What the treasury is ordered to pay: the amount less the offset. */
    public BigDecimal net() {
        return amount.subtract(offsetAmount == null ? BigDecimal.ZERO : offsetAmount);
    }
}
