package io.grantflow.applications.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** Row of table {@code application_commitment}: the credit commitment accepted with a submission. */
@Entity
@Table(name = "application_commitment")
public class ApplicationCommitmentEntity extends PanacheEntityBase {
    @Id
    @Column(name = "application_id")
    public UUID applicationId;

    public String version;

    @Column(name = "text_sha256")
    public String textSha256;

    @Column(name = "accepted_by")
    public String acceptedBy;

    @Column(name = "accepted_at")
    public OffsetDateTime acceptedAt;
}
