package io.grantflow.applications.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Row of table {@code application}: the procedure's snapshot ({@code procedure}, JSON) and copies
 * of what queries select on; mapped to and from the domain by {@link ProcedureRows}.
 */
@Entity
@Table(name = "application")
public class ApplicationEntity extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "applicant_id")
    public String applicantId;

    @Column(name = "applicant_kind")
    public String applicantKind;

    public String district;
    public String programme;
    public String facts;

    @Column(name = "contact_email")
    public String contactEmail;

    public String status;

    @Column(precision = 15, scale = 2)
    public BigDecimal ceiling;

    public String department;

    @Column(name = "approved_amount", precision = 15, scale = 2)
    public BigDecimal approvedAmount;

    @Column(name = "paid_amount", precision = 15, scale = 2)
    public BigDecimal paidAmount;

    @Column(name = "reservation_id")
    public UUID reservationId;

    @Column(name = "reason_zh")
    public String reasonZh;

    @Column(name = "reason_en")
    public String reasonEn;
    /** The evaluation's limits for the budget, JSON. */
    public String limits;
    /** The evaluation's staging plan of a staged award, JSON; null or empty when paid at once. */
    public String staging;

    @Column(name = "reviewed_by")
    public String reviewedBy;

    /** The procedure's snapshot (JSON, {@link ProcedureJson}); null for a row of the first flow. */
    public String procedure;

    @Column(name = "claimed_by")
    public String claimedBy;

    /** The review's last day while the department's clock runs. */
    @Column(name = "review_due")
    public LocalDate reviewDue;

    /** When the public announcement ends, while it runs (the deadline job's query). */
    @Column(name = "announcement_closes_at")
    public OffsetDateTime announcementClosesAt;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    /** The call (申报批次) an application of an ON_MERIT programme was submitted in. */
    @Column(name = "call_id")
    public UUID callId;

    /** Null while a draft. */
    @Column(name = "submitted_at")
    public OffsetDateTime submittedAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    @Version
    public long version;
}
