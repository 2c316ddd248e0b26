package io.grantflow.disbursement.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/** An approval of the applications service, as announced (table {@code approval}). */
@Entity
@Table(name = "approval")
public class ApprovalEntity extends PanacheEntityBase {
    @Id
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

    @Column(name = "approved_at")
    public OffsetDateTime approvedAt;

    @Column(name = "recorded_at")
    public OffsetDateTime recordedAt;

    /** Null while the approval is in force; {@link #RELEASED} or {@link #WITHDRAWN} once it ended. */
    public String ended;

    @Column(name = "ended_at")
    public OffsetDateTime endedAt;

    /** The budget refused its reservation: the application is reviewed again, a new approval replaces this one. */
    public static final String RELEASED = "RELEASED";

    /** The application was withdrawn: nothing of it is paid any more. */
    public static final String WITHDRAWN = "WITHDRAWN";

    public boolean inForce() {
        return ended == null;
    }
}
