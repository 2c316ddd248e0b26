package io.grantflow.contracts.events;

import com.fasterxml.jackson.annotation.JsonFormat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A reservation was posted: the money is spent from the budget. */
public record FundsPostedV1(
        UUID reservationId,
        UUID applicationId,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount,
        Instant postedAt) {
}
