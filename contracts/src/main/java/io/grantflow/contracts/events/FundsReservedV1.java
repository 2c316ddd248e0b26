package io.grantflow.contracts.events;

import com.fasterxml.jackson.annotation.JsonFormat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** The budget holds a pending transfer for an approved award. */
public record FundsReservedV1(
        UUID reservationId,
        UUID applicationId,
        String programme,
        String beneficiaryId,
        int fiscalYear,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount,
        Instant reservedAt) {
}
