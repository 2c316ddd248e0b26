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

/** Row of table {@code call}: a call for applications; criteria as JSON. */
@Entity
@Table(name = "call")
public class CallEntity extends PanacheEntityBase {
    @Id
    public UUID id;

    public String programme;
    public String department;

    @Column(name = "title_zh")
    public String titleZh;

    @Column(name = "title_en")
    public String titleEn;

    @Column(name = "opens_at")
    public OffsetDateTime opensAt;

    @Column(name = "closes_at")
    public OffsetDateTime closesAt;

    @Column(precision = 15, scale = 2)
    public BigDecimal budget;

    public String criteria;
    public String status;

    @Column(name = "opened_by")
    public String openedBy;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    @Version
    public long version;
}
