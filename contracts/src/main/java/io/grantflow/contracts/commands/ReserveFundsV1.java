package io.grantflow.contracts.commands;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.grantflow.contracts.events.LimitClaim;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Reserve an approved amount against the fiscal year's budget and every limit the award
 * touches. {@code reservationId} is the idempotency key.
 */
public record ReserveFundsV1(
        UUID reservationId,
        UUID applicationId,
        String programme,
        String department,
        String beneficiaryId,
        int fiscalYear,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount,
        List<LimitClaim> limits,
        Instant requestedAt) {
}
