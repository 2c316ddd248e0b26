package io.grantflow.disbursement.persistence;

import io.grantflow.disbursement.domain.payee.Payee;
import io.grantflow.disbursement.domain.payee.PayeeAccount;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** An applicant's payee (table {@code payee}, ADR 0027). */
@Entity
@Table(name = "payee")
public class PayeeEntity extends PanacheEntityBase {
    @Id
    @Column(name = "applicant_id")
    public String applicantId;

    @Column(name = "registered_name")
    public String registeredName;

    @Column(name = "bank_name")
    public String bankName;

    @Column(name = "account_name")
    public String accountName;

    @Column(name = "account_number")
    public String accountNumber;

    @Column(name = "profile_version")
    public long profileVersion;

    public String status;

    @Column(name = "changed_by")
    public String changedBy;

    @Column(name = "changed_at")
    public OffsetDateTime changedAt;

    @Column(name = "verified_by")
    public String verifiedBy;

    @Column(name = "verified_at")
    public OffsetDateTime verifiedAt;

    @Column(name = "verification_notes")
    public String verificationNotes;

    @Column(name = "verification_key")
    public String verificationKey;

    public long changes;

    public Payee toPayee() {
        return new Payee(
                applicantId,
                registeredName,
                account(),
                profileVersion,
                Payee.Status.valueOf(status),
                changedBy,
                verifiedBy,
                changes);
    }

    public PayeeAccount account() {
        return new PayeeAccount(bankName, accountName, accountNumber);
    }

    /** Writes the payee's state into the row; the times are the caller's. */
    public void apply(Payee p) {
        applicantId = p.applicantId();
        registeredName = p.registeredName();
        bankName = p.account().bankName();
        accountName = p.account().accountName();
        accountNumber = p.account().accountNumber();
        profileVersion = p.profileVersion();
        status = p.status().name();
        changedBy = p.changedBy();
        verifiedBy = p.verifiedBy();
        changes = p.changes();
    }
}
