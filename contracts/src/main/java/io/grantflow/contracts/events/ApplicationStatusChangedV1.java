package io.grantflow.contracts.events;

import com.fasterxml.jackson.annotation.JsonFormat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * An application moved from one status to another. Carries what a notice to the applicant
 * needs: the amount concerned (ceiling, approved or paid) and the reason in both languages.
 */
public record ApplicationStatusChangedV1(
        UUID applicationId,
        String applicantId,
        String programme,
        String previousStatus,
        String status,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount,
        String reasonZh,
        String reasonEn,
        String contactEmail,
        Instant changedAt) {
}
