package io.grantflow.contracts.events;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * Part or all of one fiscal year's instalment of a reservation was spent: {@code amount} is
 * posted, {@code released} (the rest of that instalment, often zero) goes back to the budget.
 */
public record FundsPostedV1(
        UUID reservationId,
        UUID applicationId,
        int fiscalYear,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal released,
        Instant postedAt) {}
