package io.grantflow.applications.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/** Row of table {@code application}; mapped to and from the domain by {@link ApplicationMapper}. */
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

    @Column(name = "submitted_at")
    public OffsetDateTime submittedAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    @Version
    public long version;
}
