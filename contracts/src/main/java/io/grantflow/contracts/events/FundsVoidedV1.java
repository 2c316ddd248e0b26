package io.grantflow.contracts.events;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A reservation will not be spent (payment failed, award withdrawn): its pending amount is released. */
public record FundsVoidedV1(
        UUID reservationId,
        UUID applicationId,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal released,
        String reason,
        Instant voidedAt) {}
