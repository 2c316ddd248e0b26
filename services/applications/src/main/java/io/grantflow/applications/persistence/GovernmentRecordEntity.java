package io.grantflow.applications.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/** Row of {@code government_record} (V8): one imported record and the offer it made (免申即享, ADR 0020). */
@Entity
@Table(name = "government_record")
public class GovernmentRecordEntity extends PanacheEntityBase {
    @Id
    public UUID id;

    public String source;

    @Column(name = "record_kind")
    public String recordKind;

    public String programme;

    @Column(name = "credit_code")
    public String creditCode;

    @Column(name = "record_date")
    public LocalDate recordDate;

    /** The record's own number; empty (never null) when it has none, so that the natural key compares. */
    @Column(name = "record_ref")
    public String recordRef;

    @Column(name = "enterprise_name")
    public String enterpriseName;

    public String district;

    /** JSON object. */
    public String facts;

    @Column(name = "import_id")
    public UUID importId;

    @Column(name = "application_id")
    public UUID applicationId;

    @Column(name = "imported_at")
    public OffsetDateTime importedAt;
}
