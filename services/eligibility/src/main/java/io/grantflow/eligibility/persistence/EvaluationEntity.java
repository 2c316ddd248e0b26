package io.grantflow.eligibility.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A stored evaluation (table {@code evaluation}). */
@Entity
@Table(name = "evaluation")
public class EvaluationEntity extends PanacheEntityBase {
    @Id
    @Column(name = "application_id")
    public UUID applicationId;

    public String programme;

    @Column(name = "applicant_id")
    public String applicantId;

    public boolean eligible;

    @Column(precision = 15, scale = 2)
    public BigDecimal ceiling;

    public String department;
    public String reasons;
    public String trace;
    /** The submitted facts, JSON. */
    public String facts;

    @Column(name = "catalogue_version")
    public String catalogueVersion;

    @Column(name = "evaluated_at")
    public OffsetDateTime evaluatedAt;

    /** The revision of the facts evaluated: 0 the submission, n after the n-th correction (补正). */
    public int revision;
}
