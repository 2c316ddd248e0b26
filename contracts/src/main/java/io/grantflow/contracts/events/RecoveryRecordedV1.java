package io.grantflow.contracts.events;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * Money of a recovery order was recovered: {@code kind} OFFSET (withheld from a later payment to
 * the same applicant, {@code paymentId}) or REPAYMENT (a credit of an imported bank statement,
 * {@code statementId} and {@code statementLine}). {@code outstanding} is what is still owed after
 * it; {@code settled} says nothing is.
 */
public record RecoveryRecordedV1(
        UUID entryId,
        UUID recoveryId,
        String reference,
        UUID applicationId,
        String applicantId,
        String department,
        String kind,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal outstanding,
        boolean settled,
        UUID paymentId,
        UUID statementId,
        Integer statementLine,
        Instant recordedAt) {
    public static final String OFFSET = "OFFSET";
    public static final String REPAYMENT = "REPAYMENT";
}
