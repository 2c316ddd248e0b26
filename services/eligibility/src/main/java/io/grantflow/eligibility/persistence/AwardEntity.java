package io.grantflow.eligibility.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/** An award the engine reads as history (table {@code award}). */
@Entity
@Table(name = "award")
public class AwardEntity extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "applicant_id")
    public String applicantId;

    public String programme;
    public String policy;

    @Column(name = "as_of")
    public LocalDate asOf;

    @Column(precision = 15, scale = 2)
    public BigDecimal amount;

    public String facts;
    public String source;

    @Column(name = "source_id")
    public String sourceId;

    public boolean voided;

    @Column(name = "recorded_at")
    public OffsetDateTime recordedAt;
}
