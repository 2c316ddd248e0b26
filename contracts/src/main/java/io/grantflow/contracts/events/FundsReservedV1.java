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
 */
public record FundsReservedV1(
        UUID reservationId,
        UUID applicationId,
        String programme,
        String beneficiaryId,
        int fiscalYear,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount,
        List<InstalmentAmount> instalments,
        Instant expiresAt,
        Instant reservedAt) {

    /** A one-off reservation in one fiscal year. */
    public FundsReservedV1(UUID reservationId, UUID applicationId, String programme, String beneficiaryId,
                           int fiscalYear, BigDecimal amount, Instant reservedAt) {
        this(reservationId, applicationId, programme, beneficiaryId, fiscalYear, amount,
                List.of(new InstalmentAmount(fiscalYear, amount)), null, reservedAt);
    }
}
