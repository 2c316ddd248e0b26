package io.grantflow.contracts.commands;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** Return clawed-back money (追回) of a posted reservation to the budget. {@code reversalId} is the idempotency key. */
public record ReverseFundsV1(
        UUID reversalId,
        UUID reservationId,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount,
        String reason,
        Instant requestedAt) {}
