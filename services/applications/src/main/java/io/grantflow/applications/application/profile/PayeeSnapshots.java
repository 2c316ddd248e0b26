package io.grantflow.applications.application.profile;

import io.grantflow.applications.persistence.ApplicantProfileEntity;
import io.grantflow.contracts.events.PaymentClearanceV1;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The payee snapshot a cleared payment carries (ADR 0027): the applicant's registered name and
 * bank account as its profile holds them in the transaction that clears the payment, so that
 * disbursement verifies exactly the account it will pay.
 */
@ApplicationScoped
public class PayeeSnapshots {

    /** A cleared answer with the applicant's payee; a refusal, or an applicant without an account, unchanged. */
    public Uni<Record> fill(Record message, String applicantId) {
        if (!(message instanceof PaymentClearanceV1) || applicantId == null) {
            return Uni.createFrom().item(message);
        }
        PaymentClearanceV1 clearance = (PaymentClearanceV1) message;
        if (!clearance.cleared()) {
            return Uni.createFrom().item(message);
        }
        return ApplicantProfileEntity.<ApplicantProfileEntity>findById(applicantId)
                .map(row -> clearance.withPayee(snapshot(row)));
    }

    /**
     * The profile's payee, or null without a profile or an account in it. {@code changedBy} is who
     * last set or changed the account (V11), not the profile's last editor (ADR 0027).
     */
    static PaymentClearanceV1.Payee snapshot(ApplicantProfileEntity row) {
        if (row == null || row.bankAccountNumber == null) {
            return null;
        }
        return new PaymentClearanceV1.Payee(
                row.name,
                row.bankName,
                row.bankAccountName,
                row.bankAccountNumber,
                row.version,
                row.bankAccountChangedBy == null ? row.updatedBy : row.bankAccountChangedBy);
    }
}
