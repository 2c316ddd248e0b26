package io.grantflow.contracts.events;

import java.time.Instant;
import java.util.UUID;

/**
 * The applications service's answer to a {@link PaymentClearanceRequestedV1}: {@code cleared}
 * lets disbursement send the payment order (the application refuses a withdrawal from then on
 * until the payment is completed or fails); otherwise {@code code} and the messages say why, and
 * the payment is cancelled. {@code status} is the application's status when it answered.
 *
 * <p>{@code payee} is the applicant's registered name and bank account as its profile held them
 * when it answered (ADR 0027): disbursement pays only an account it verified against that name.
 * Null when the applicant has no profile or no account in it, and in answers older than it.
 */
public record PaymentClearanceV1(
        UUID paymentId,
        UUID applicationId,
        UUID reservationId,
        boolean cleared,
        String status,
        String code,
        String messageZh,
        String messageEn,
        Instant decidedAt,
        Payee payee) {

    /** An answer without a payee snapshot, as before ADR 0027. */
    public PaymentClearanceV1(
            UUID paymentId,
            UUID applicationId,
            UUID reservationId,
            boolean cleared,
            String status,
            String code,
            String messageZh,
            String messageEn,
            Instant decidedAt) {
        this(paymentId, applicationId, reservationId, cleared, status, code, messageZh, messageEn, decidedAt, null);
    }

    /** The same answer with the applicant's payee snapshot. */
    public PaymentClearanceV1 withPayee(Payee snapshot) {
        return new PaymentClearanceV1(
                paymentId,
                applicationId,
                reservationId,
                cleared,
                status,
                code,
                messageZh,
                messageEn,
                decidedAt,
                snapshot);
    }

    /**
     * The applicant's profile as it was: its registered name, the account awards are paid to,
     * the profile's version and who last changed it.
     */
    public record Payee(
            String registeredName,
            String bankName,
            String accountName,
            String accountNumber,
            long profileVersion,
            String changedBy) {}
}
