package io.grantflow.contracts.events;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** Money paid out was clawed back (追回): {@code amount} returns to the budget it was posted from. */
public record FundsReversedV1(
        UUID reversalId,
        UUID reservationId,
        UUID applicationId,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount,
        String reason,
        Instant reversedAt) {}
