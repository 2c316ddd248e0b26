package io.grantflow.applications.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;

/** Row of table {@code applicant_profile}: one applicant's file (一企一档). */
@Entity
@Table(name = "applicant_profile")
public class ApplicantProfileEntity extends PanacheEntityBase {
    @Id
    @Column(name = "credit_code")
    public String creditCode;

    @Column(name = "beneficiary_kind")
    public String beneficiaryKind;

    public String district;
    public String name;
    /** JSON array of contacts. */
    public String contacts;

    @Column(name = "bank_name")
    public String bankName;

    @Column(name = "bank_account_name")
    public String bankAccountName;

    @Column(name = "bank_account_number")
    public String bankAccountNumber;

    /** Who last set or changed the account (not any later editor of the profile's other fields). */
    @Column(name = "bank_account_changed_by")
    public String bankAccountChangedBy;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "updated_by")
    public String updatedBy;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    @Version
    public long version;
}
