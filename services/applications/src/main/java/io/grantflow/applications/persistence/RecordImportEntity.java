package io.grantflow.applications.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** Row of {@code record_import} (V8): one import of government records and its totals. */
@Entity
@Table(name = "record_import")
public class RecordImportEntity extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "imported_by")
    public String importedBy;

    public String department;
    public String format;
    public int records;
    public int created;
    public int duplicates;
    public int refused;

    @Column(name = "imported_at")
    public OffsetDateTime importedAt;
}
