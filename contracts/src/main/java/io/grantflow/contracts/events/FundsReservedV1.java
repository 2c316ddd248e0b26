package io.grantflow.contracts.events;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The budget holds a pending transfer for an approved award. {@code amount} is the whole
 * award; {@code instalments} says which fiscal year's budget holds which part (one entry for a
 * one-off award). The reservation expires at {@code expiresAt} unless posted or voided first.
 * {@code origin} says which approval it traces back to: {@code APPLICATION} (an approval of the
 * applications service, whose id is {@code applicationId}) or {@code BLOCK_GRANT} (a district
 * block grant proposed and approved by two different finance officers, {@code proposedBy} and
 * {@code approvedBy}; {@code applicationId} is then the block grant's id).
 */
public record FundsReservedV1(
        UUID reservationId,
        UUID applicationId,
        String programme,
        String department,
        String beneficiaryId,
        String beneficiaryKind,
        int fiscalYear,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount,
        List<InstalmentAmount> instalments,
        String origin,
        String proposedBy,
        String approvedBy,
        Instant expiresAt,
        Instant reservedAt) {
    public static final String ORIGIN_APPLICATION = "APPLICATION";
    public static final String ORIGIN_BLOCK_GRANT = "BLOCK_GRANT";

    /** A one-off reservation of an enterprise's approved application in one fiscal year. */
    public FundsReservedV1(
            UUID reservationId,
            UUID applicationId,
            String programme,
            String department,
            String beneficiaryId,
            int fiscalYear,
            BigDecimal amount,
            Instant reservedAt) {
        this(
                reservationId,
                applicationId,
                programme,
                department,
                beneficiaryId,
                "enterprise",
                fiscalYear,
                amount,
                List.of(new InstalmentAmount(fiscalYear, amount)),
                ORIGIN_APPLICATION,
                null,
                null,
                null,
                reservedAt);
    }
}
