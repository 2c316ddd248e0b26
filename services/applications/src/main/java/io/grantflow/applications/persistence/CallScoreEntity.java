package io.grantflow.applications.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/** Row of table {@code call_score}: one application's scores in its call. */
@Entity
@Table(name = "call_score")
public class CallScoreEntity extends PanacheEntityBase {
    @Id
    @Column(name = "application_id")
    public UUID applicationId;

    @Column(name = "call_id")
    public UUID callId;

    public String scores;

    @Column(precision = 7, scale = 2)
    public BigDecimal total;

    @Column(name = "scored_by")
    public String scoredBy;

    @Column(name = "scored_at")
    public OffsetDateTime scoredAt;
}
