package io.grantflow.contracts.events;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * An application's procedure moved on: one event for each command it accepted ({@code command},
 * the procedure's command in lower case, such as {@code claim}; absent in events of the first
 * flow), from {@code previousStatus} to {@code status} (the same where a command keeps the state,
 * such as a second objection). Carries what a notice to the applicant
 * needs: the amount concerned (ceiling, approved or paid) and the reason in both languages.
 * An approval ({@code APPROVED}) also names the reservation it asked the budget for and the
 * approving department, so that disbursement pays only what an approval traces back to.
 */
public record ApplicationStatusChangedV1(
        UUID applicationId,
        String applicantId,
        String programme,
        String previousStatus,
        String status,
        String command,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount,
        String reasonZh,
        String reasonEn,
        String contactEmail,
        UUID reservationId,
        String department,
        Instant changedAt) {

    /** A change of the first flow, without a command. */
    public ApplicationStatusChangedV1(
            UUID applicationId,
            String applicantId,
            String programme,
            String previousStatus,
            String status,
            BigDecimal amount,
            String reasonZh,
            String reasonEn,
            String contactEmail,
            UUID reservationId,
            String department,
            Instant changedAt) {
        this(
                applicationId,
                applicantId,
                programme,
                previousStatus,
                status,
                null,
                amount,
                reasonZh,
                reasonEn,
                contactEmail,
                reservationId,
                department,
                changedAt);
    }

    /** A status change that is not an approval. */
    public ApplicationStatusChangedV1(
            UUID applicationId,
            String applicantId,
            String programme,
            String previousStatus,
            String status,
            BigDecimal amount,
            String reasonZh,
            String reasonEn,
            String contactEmail,
            Instant changedAt) {
        this(
                applicationId,
                applicantId,
                programme,
                previousStatus,
                status,
                null,
                amount,
                reasonZh,
                reasonEn,
                contactEmail,
                null,
                null,
                changedAt);
    }
}
